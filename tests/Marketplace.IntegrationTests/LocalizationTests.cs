using System.Globalization;
using System.Text.RegularExpressions;
using Marketplace.Testing;
using Marketplace.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Marketplace.IntegrationTests;

/// <summary>
/// The translated UI: every text a page asks the localizer for exists in every language, and a page rendered in another
/// language shows none of those texts in English. (Pages are translated one by one; these tests cover what is.)
/// </summary>
public sealed partial class LocalizationTests(PostgresApp app) : AppTest(app)
{
    private static readonly string[] _languages = ["de", "es", "fr", "pt-BR", "zh-Hans"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Languages() => [.. _languages];

    [Fact]
    public void Every_text_a_page_asks_for_has_a_translation_in_every_language()
    {
        var localizer = Factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var keys = PageKeys();
        keys.Should().Contain(["Ship to", "Cart", "Buy from independent sellers anywhere."], "the scan finds the pages' texts");

        var missing = _languages.SelectMany(language => keys.Where(k => InLanguage(language, () => localizer[k].ResourceNotFound)).Select(k => $"{language}: {k}")).ToList();

        missing.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_home_listing_and_cart_pages_show_none_of_their_texts_in_English_for_another_language(string language)
    {
        var listing = await Catalog.ListingAsync(await Catalog.SellerAsync("Porto Ceramics", "PT"), await Catalog.CategoryAsync("Home"), "Mug", configure: l =>
        {
            l.AddVariant("MUG-SAND", "Sand", new Marketplace.Domain.Common.Money(1_800, "USD"), 4);
            l.AddShippingOption(null, Marketplace.Domain.Catalog.ShippingMethod.Standard, "CTT", new Marketplace.Domain.Common.Money(500, "USD"), 3, 8);
        });
        var anonymous = Factory.CreateBrowserLikeClient();
        anonymous.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var signedIn = await Factory.SignInAsAsync($"reader-{language}@test.local");
        signedIn.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var keys = PageKeys();
        var emptyCart = await signedIn.GetDocumentAsync("/Cart");
        await signedIn.AddToCartAsync(listing);

        foreach (var page in new[] { await anonymous.GetDocumentAsync("/"), await signedIn.GetDocumentAsync("/"), await anonymous.GetDocumentAsync($"/Listing/{listing.Id}"), emptyCart, await signedIn.GetDocumentAsync("/Cart") })
        {
            page.DocumentElement.GetAttribute("lang").Should().Be(language);
            var text = page.Body!.TextContent + " " + string.Join(" ", page.QuerySelectorAll("[placeholder],[title],[aria-label]").SelectMany(e => new[] { e.GetAttribute("placeholder"), e.GetAttribute("title"), e.GetAttribute("aria-label") }));
            var english = keys.Where(k => !k.Contains("{0}", StringComparison.Ordinal) && k.Length > 4 && Translated(k, language) != k && Regex.IsMatch(text, $@"(?<!\w){Regex.Escape(k)}(?!\w)")).ToList();
            english.Should().BeEmpty($"{page.Url} in {language} is translated");
        }
    }

    [Fact]
    public async Task The_language_picked_in_the_footer_wins_over_the_browsers()
    {
        var client = Factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        (await client.GetDocumentAsync("/")).Text("#nav-cart").Should().Be("Warenkorb");

        await client.SubmitFormAsync("/", "form.language-picker", new Dictionary<string, string> { ["culture"] = "pt-BR" });
        var page = await client.GetDocumentAsync("/");

        page.Text("#nav-cart").Should().Be("Carrinho");
        page.QuerySelector("#site-search")!.GetAttribute("placeholder").Should().Be("Procure qualquer coisa");
        page.QuerySelector("#language option[selected]")!.GetAttribute("value").Should().Be("pt-BR");
    }

    private string Translated(string key, string language) =>
        InLanguage(language, () => Factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>()[key].Value);

    /// <summary>Runs <paramref name="read"/> with the UI culture of <paramref name="language"/> (what the localizer reads).</summary>
    private static T InLanguage<T>(string language, Func<T> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    /// <summary>Every <c>L["…"]</c> key in the web project's pages and the texts the code asks the localizer for.</summary>
    private static HashSet<string> PageKeys()
    {
        var web = WebProjectFolder();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(web, "*.cs*", SearchOption.AllDirectories).Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (Match match in KeyPattern().Matches(File.ReadAllText(file)))
            {
                keys.Add(Regex.Unescape(match.Groups[1].Value));
            }
        }

        return keys;
    }

    private static string WebProjectFolder() => RepositoryFolder.Find(Path.Combine("src", "Marketplace.Web"), "Pages");

    [GeneratedRegex(@"\b(?:L|localizer)\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex KeyPattern();
}

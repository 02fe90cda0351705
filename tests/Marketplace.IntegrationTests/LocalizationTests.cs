using System.Globalization;
using System.Text.RegularExpressions;
using Marketplace.Testing;
using Marketplace.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Marketplace.IntegrationTests;

/// <summary>
/// The translated UI: every text a page asks the localizer for exists in every language, and a page rendered in another
/// language shows none of those texts in English. (Pages are translated one by one; these tests cover what is.)
/// </summary>
public sealed partial class LocalizationTests(PostgresApp app) : AppTest(app)
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _allTranslations = new();

    private static readonly string[] _languages = ["de", "es", "fr", "pt-BR", "zh-Hans", "ja"];

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
        var listing = await Catalog.ListingAsync(await Catalog.SellerAsync("Porto Ceramics", "PT"), await Catalog.CategoryAsync("Kitchen"), "Mug", configure: l =>
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
            EnglishIn(page, keys, language).Should().BeEmpty($"{page.Url} in {language} is translated");
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Every_page_of_every_role_shows_none_of_its_texts_in_English_for_another_language(string language)
    {
        // A store with a listing; a buyer with an unpaid checkout, a paid order and a confirmed order in dispute; the seller; an admin.
        var seller = await Catalog.SellerAsync("Porto Ceramics", "PT");
        var category = await Catalog.CategoryAsync("Kitchen");
        var listing = await Catalog.ListingAsync(seller, category, "Stoneware mug", configure: l =>
        {
            l.AddVariant("MUG-SAND", "Sand", new Marketplace.Domain.Common.Money(1_800, "USD"), 40);
            l.AddShippingOption(null, Marketplace.Domain.Catalog.ShippingMethod.Standard, "CTT", new Marketplace.Domain.Common.Money(500, "USD"), 3, 8);
        });
        var buyerUser = await Factory.CreateUserAsync($"buyer-{language}@test.local");
        var buyer = await Factory.SignInAsUserAsync(buyerUser.Id);
        var sellerClient = await Factory.SignInAsSellerAsync(seller);
        var admin = await Factory.SignInAsAdminAsync();
        var anonymous = Factory.CreateBrowserLikeClient();
        foreach (var client in new[] { buyer, sellerClient, admin, anonymous })
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        // The buyer and the seller picked their language (as registering in it does): notices are written in it.
        foreach (var person in new[] { buyer, sellerClient })
        {
            await person.SubmitFormAsync("/", "form.language-picker", new Dictionary<string, string> { ["culture"] = language });
        }

        await buyer.AddToCartAsync(listing);
        var checkout = await buyer.GetDocumentAsync("/Checkout");
        var address = new Dictionary<string, string> { ["Address.FullName"] = "Ana Sousa" };
        var payPage = await Html.ParseAsync(await buyer.CheckoutAsync(address));
        await buyer.AddToCartAsync(listing);
        var second = await buyer.CheckoutAsync(address);
        var paid = await buyer.PayAsync(second.RequestMessage!.RequestUri!.AbsolutePath);
        paid.IsSuccessStatusCode.Should().BeTrue();
        await using var db = Factory.CreateDbContext();
        var paidOrder = await db.Orders.Where(o => o.BuyerId == buyerUser.Id && o.Status == Marketplace.Domain.Orders.OrderStatus.Paid).Select(o => o.Id).FirstAsync(Ct);
        var confirmedOrder = (await new OrderBuilder(Factory).ConfirmedOrdersAsync(seller, buyerUser.Id, 1, 2_300, Factory.Clock.GetUtcNow() + TimeSpan.FromDays(10), listing)).Single();
        var opened = await Factory.RunAsync<Marketplace.Core.Disputes.DisputeActions, Marketplace.Domain.Common.Result<Marketplace.Domain.Disputes.Dispute>>(a => a.OpenAsync(
            buyerUser.Id, confirmedOrder, new Marketplace.Core.Disputes.OpenDisputeInput(Marketplace.Domain.Disputes.DisputeIssue.Damaged, Marketplace.Domain.Disputes.DisputeRemedy.PartialRefund, 500, "The handle is cracked."), Ct));
        var dispute = opened.Value!.Id;

        var pages = new List<AngleSharp.Dom.IDocument> { checkout, payPage };
        foreach (var (client, path) in new (HttpClient, string)[]
        {
            (anonymous, "/Search?q=mug"), (anonymous, $"/Category/{category.Slug}"), (anonymous, $"/Store/{seller.Slug}"), (anonymous, "/Search?q=zzzz&min=5"),
            (anonymous, "/Identity/Account/Login"), (anonymous, "/Identity/Account/Register"), (anonymous, "/Identity/Account/ForgotPassword"),
            (buyer, "/Orders"), (buyer, $"/Orders/Placed/{second.RequestMessage!.RequestUri!.AbsolutePath["/Pay/".Length..]}"), (buyer, $"/Orders/{paidOrder}"), (buyer, $"/Orders/{confirmedOrder}"), (buyer, "/Disputes"), (buyer, $"/Disputes/{dispute}"),
            (buyer, "/Messages"), (buyer, "/Notifications"), (buyer, "/Sell"), (buyer, $"/Listing/{listing.Id}"),
            (buyer, "/Identity/Account/Manage"), (buyer, "/Identity/Account/Manage/Email"), (buyer, "/Identity/Account/Manage/ChangePassword"), (buyer, "/Identity/Account/Manage/PersonalData"),
            (buyer, "/Identity/Account/Manage/DeletePersonalData"), (buyer, "/Identity/Account/Manage/TwoFactorAuthentication"), (buyer, "/Identity/Account/Manage/EnableAuthenticator"),
            (buyer, "/Identity/Account/AccessDenied"), (anonymous, "/Identity/Account/Lockout"), (anonymous, "/Identity/Account/ResetPassword?code=x"),
            (anonymous, "/Identity/Account/ConfirmEmail?userId=x&code=y"), (anonymous, "/Identity/Account/ConfirmEmailChange"),
            (sellerClient, "/Seller"), (sellerClient, "/Seller/Orders"), (sellerClient, $"/Seller/Orders/{paidOrder}"), (sellerClient, $"/Seller/Orders/{confirmedOrder}"),
            (sellerClient, "/Seller/Disputes"), (sellerClient, $"/Seller/Disputes/{dispute}"), (sellerClient, "/Seller/Payouts"), (sellerClient, "/Seller/Listings/New"),
            (sellerClient, $"/Seller/Listings/{listing.Id}"),
            (admin, "/Admin"), (admin, "/Admin/Escrow"), (admin, "/Admin/Disputes"), (admin, $"/Admin/Disputes/{dispute}"), (admin, "/Admin/Users"),
            (admin, $"/Admin/Users/{buyerUser.Id}"), (admin, "/Admin/Listings"), (admin, "/Admin/Moderation"), (admin, "/Admin/Rules"), (admin, "/Admin/Rates"),
            (admin, "/Admin/Brands"), (admin, "/Admin/Takedowns"), (admin, "/Admin/Brushing"), (admin, "/Admin/Audit"),
            (anonymous, "/Help"), (anonymous, "/Help/BuyerProtection"), (anonymous, "/Help/Disputes"), (anonymous, "/Help/Selling"),
            (anonymous, "/Help/Prohibited"), (anonymous, "/Help/Terms"), (anonymous, "/Help/Privacy"),
        })
        {
            var response = await client.GetAsync(path, Ct);
            response.IsSuccessStatusCode.Should().BeTrue($"{path} opens");
            pages.Add(await Html.ParseAsync(response));
        }

        var keys = PageKeys();
        var untranslated = pages.SelectMany(page => EnglishIn(page, keys, language).Select(k => $"{new Uri(page.Url).PathAndQuery}: {k}")).ToList();
        untranslated.Should().BeEmpty($"every page is translated into {language}");
        pages.Should().OnlyContain(p => p.DocumentElement.GetAttribute("lang") == language);
    }

    /// <summary>The page texts (keys) a page shows in English although the language has its own words for them.</summary>
    private List<string> EnglishIn(AngleSharp.Dom.IDocument page, HashSet<string> keys, string language)
    {
        // A key whose English text is also part of a translation ("Source" in German "Open Source") proves nothing.
        var inTranslations = _allTranslations.GetOrAdd(language, l => string.Join("\n", keys.Select(k => Translated(k, l))));

        var text = page.Body!.TextContent + " " + string.Join(" ", page.QuerySelectorAll("[placeholder],[title],[aria-label],[alt]").SelectMany(e => new[] { e.GetAttribute("placeholder"), e.GetAttribute("title"), e.GetAttribute("aria-label"), e.GetAttribute("alt") }));
        return keys.Where(k => !k.Contains("{0}", StringComparison.Ordinal) && k.Length >= 4 && Translated(k, language) != k
            && Regex.IsMatch(text, $@"(?<!\w){Regex.Escape(k)}(?!\w)") && !Regex.IsMatch(inTranslations, $@"(?<!\w){Regex.Escape(k)}(?!\w)")).ToList();
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

    [Fact]
    public async Task The_language_picked_while_signed_in_follows_the_account_to_another_device()
    {
        var user = await Factory.CreateUserAsync("ines@test.local");
        var laptop = await Factory.SignInAsUserAsync(user.Id);
        await laptop.SubmitFormAsync("/", "form.language-picker", new Dictionary<string, string> { ["culture"] = "ja" });

        var phone = Factory.CreateBrowserLikeClient();
        phone.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR");
        var before = await phone.GetDocumentAsync("/");
        await phone.LogInAsync("ines@test.local");
        var after = await phone.GetDocumentAsync("/");

        before.DocumentElement.GetAttribute("lang").Should().Be("fr", "signed out, the browser's language counts");
        after.DocumentElement.GetAttribute("lang").Should().Be("ja");
        after.Text("#nav-cart").Should().Be("カート");
    }

    [Fact]
    public async Task The_account_page_sets_the_language_country_and_name_used_everywhere()
    {
        var user = await Factory.CreateUserAsync("kenji@test.local");
        var client = await Factory.SignInAsUserAsync(user.Id);
        var saved = await Html.ParseAsync(await client.SubmitFormAsync("/Identity/Account/Manage", "#profile-form", new Dictionary<string, string>
        {
            ["Input.Name"] = "Kenji",
            ["Input.Country"] = "JP",
            ["Input.Language"] = "ja",
        }));
        var other = Factory.CreateBrowserLikeClient();
        await other.LogInAsync("kenji@test.local");
        var home = await other.GetDocumentAsync("/");

        saved.DocumentElement.GetAttribute("lang").Should().Be("ja");
        saved.Text("#profile-saved").Should().Be("保存しました。");
        home.DocumentElement.GetAttribute("lang").Should().Be("ja", "the account's language follows it to another device");
        home.QuerySelector("#ship-to option[selected]")?.GetAttribute("value").Should().Be("JP", "the account's country is where things ship");
        await using var db = Factory.CreateDbContext();
        (await db.Users.SingleAsync(u => u.Id == user.Id, Ct)).Language.Should().Be("ja");
    }

    [Fact]
    public async Task A_listing_says_which_language_its_seller_wrote_it_in_and_stays_in_it()
    {
        var store = await Catalog.SellerAsync("Töpferei Weber", "DE");
        var seller = await Factory.SignInAsSellerAsync(store);
        var category = await Catalog.CategoryAsync("Kitchen");
        seller.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        var editor = await seller.GetDocumentAsync("/Seller/Listings/New");
        var refused = await Html.ParseAsync(await seller.SubmitFormAsync("/Seller/Listings/New", "#listing-form", new Dictionary<string, string>
        {
            ["Form.Title"] = "Steingutbecher",
            ["Form.CategoryId"] = category.Id.ToString(),
            ["Form.Variants[0].Sku"] = "BECHER-1",
            ["Form.Variants[0].Name"] = "Sand",
            ["Form.Variants[0].Price"] = "24,9x",
            ["Form.Variants[0].Stock"] = "5",
        }));
        refused.ErrorFor("Form.Variants[0].Price").Should().Be(string.Format(CultureInfo.GetCultureInfo("de"), Translated("“{0}” isn't an amount: write digits with one decimal mark, like 24.90 or 24,90.", "de"), "24,9x"), "a German seller's mistake is explained in German");
        var saved = await seller.SubmitFormAsync("/Seller/Listings/New", "#listing-form", new Dictionary<string, string>
        {
            ["Form.Title"] = "Steingutbecher, handgemacht",
            ["Form.CategoryId"] = category.Id.ToString(),
            ["Form.HandlingDays"] = "2",
            ["Form.Language"] = "de",
            ["Form.Description"] = "Ein Becher aus Steinzeug.",
            ["Form.Variants[0].Sku"] = "BECHER-1",
            ["Form.Variants[0].Name"] = "Sand",
            ["Form.Variants[0].Price"] = "24,90",
            ["Form.Variants[0].Stock"] = "5",
            ["Form.Shipping[0].Country"] = "*",
            ["Form.Shipping[0].Carrier"] = "DHL",
            ["Form.Shipping[0].Price"] = "4,50",
            ["Form.Shipping[0].MinDays"] = "2",
            ["Form.Shipping[0].MaxDays"] = "5",
        });
        saved.IsSuccessStatusCode.Should().BeTrue();
        var savedPage = await Html.ParseAsync(saved);
        savedPage.QuerySelector("#Form_Variants_0__Price")!.GetAttribute("value").Should().Be("24,90", "the editor shows prices with the seller's decimal mark");
        savedPage.QuerySelector("#Form_Shipping_0__Price")!.GetAttribute("value").Should().Be("4,50");
        await using var db = Factory.CreateDbContext();
        var listing = await db.Listings.SingleAsync(l => l.SellerId == store.Id, Ct);
        await seller.SubmitFormAsync($"/Seller/Listings/{listing.Id}", "#status-form", new Dictionary<string, string> { ["action"] = "Publish" });

        var reader = Factory.CreateBrowserLikeClient();
        reader.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pt-BR");
        var page = await reader.GetDocumentAsync($"/Listing/{listing.Id}");

        editor.QuerySelector("#Form_Language option[selected]")!.GetAttribute("value").Should().Be("de", "a new listing starts in the language the seller uses the site in");
        listing.Language.Should().Be("de");
        page.Text("h1").Should().Be("Steingutbecher, handgemacht");
        page.QuerySelector("h1")!.GetAttribute("lang").Should().Be("de");
        page.Text("#listing-language").Should().Be(string.Format(CultureInfo.InvariantCulture, Translated("Written by the seller in {0}.", "pt-BR"), "alemão")).And.NotContain("Written");
    }

    [Fact]
    public async Task The_usual_category_names_are_translated_and_an_operators_own_keep_their_name()
    {
        await Catalog.ListingAsync(await Catalog.SellerAsync("Kyoto Tech", "JP"), await Catalog.CategoryAsync("Electronics"), "USB-C hub");
        await Catalog.ListingAsync(await Catalog.SellerAsync("Lisbon Tiles", "PT"), await Catalog.CategoryAsync("Azulejos"), "Blue tile");
        var client = Factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja");

        var search = await client.GetDocumentAsync("/Search?q=hub");
        var all = await client.GetDocumentAsync("/Search?q=tile");

        search.Text("#category-facets").Should().Contain("家電・電子機器").And.NotContain("Electronics");
        all.Text("#category-facets").Should().Contain("Azulejos");
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

    /// <summary>
    /// Every text the web project asks the localizer for (<c>L["…"]</c>, <c>Texts["…"]</c>, DataAnnotations names and
    /// messages) and every English text the domain and core hand to pages (error messages, quality warnings, form
    /// errors): the same patterns as tools/l10n/keys.py, which lists what translations.tsv lacks.
    /// </summary>
    private static HashSet<string> PageKeys()
    {
        var src = Path.GetDirectoryName(RepositoryFolder.Find(Path.Combine("src", "Marketplace.Web"), "Pages"))!;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        Scan(Path.Combine(src, "Marketplace.Web"), WebKeyPattern());
        Scan(Path.Combine(src, "Marketplace.Domain"), DomainKeyPattern());
        Scan(Path.Combine(src, "Marketplace.Core"), DomainKeyPattern());
        return keys;

        void Scan(string folder, Regex pattern)
        {
            var separator = Path.DirectorySeparatorChar;
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs*", SearchOption.AllDirectories).Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal)))
            {
                foreach (Match match in pattern.Matches(File.ReadAllText(file)))
                {
                    var key = Regex.Unescape(match.Groups.Values.Skip(1).First(g => g.Success).Value);
                    if (Regex.Replace(key, @"\{\d+\}", string.Empty).Any(char.IsLetter))
                    {
                        keys.Add(key); // "{0}" or "“{0}”: {1}" has nothing to translate
                    }
                }
            }
        }
    }

    [GeneratedRegex(@"\b(?:L|localizer|Localizer|Texts)\[\s*""((?:[^""\\]|\\.)*)""|\bt\(\s*""((?:[^""\\]|\\.)*)""|\bDisplay\(\s*Name\s*=\s*""((?:[^""\\]|\\.)*)""|\bErrorMessage\s*=\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex WebKeyPattern();

    [GeneratedRegex(@"\bnew(?: DomainError)?\(\s*""[a-z_]+\.[a-z_.]+""\s*,\s*""((?:[^""\\]|\\.)*)""|\b(?:DomainError|QualityWarning)\.Of\([^""]*(?:""[a-z_]+\.[a-z_.]+""[^""]*)?""((?:[^""\\]|\\.)*)""|\berrors\.Add\(\([^,]+,\s*""((?:[^""\\]|\\.)*)""|\bText\.Of\(\s*""((?:[^""\\]|\\.)*)""|\bnew\(""[A-Z]{2}"", ""((?:[^""\\]|\\.)*)""\)|\bDisplay\(\s*Name\s*=\s*""((?:[^""\\]|\\.)*)""|\bErrorMessage\s*=\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex DomainKeyPattern();
}

using System.Net;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Testing;
using Marketplace.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>
/// The catalog's public pages come from the output cache for visitors who aren't signed in and have no cart (issue 18):
/// a copy is served until what it shows changes, and a change made through the app shows on the very next request.
/// "Served from the cache" is proven by a change made behind the app's back (plain SQL, which no cache hears of).
/// </summary>
public sealed class PageCacheTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Style_sheets_have_fingerprinted_addresses_cached_for_a_year_and_come_compressed()
    {
        var visitor = Factory.CreateClient();
        var home = await visitor.GetStringAsync("/", Ct);
        var sheets = System.Text.RegularExpressions.Regex.Matches(home, "href=\"(/[^\"]+\\.css)\"").Select(m => m.Groups[1].Value).ToList();

        sheets.Should().Contain(s => s.StartsWith("/lib/bootstrap/bootstrap.min.", StringComparison.Ordinal) && s != "/lib/bootstrap/bootstrap.min.css", "the address carries the file's fingerprint");
        foreach (var sheet in sheets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, sheet);
            request.Headers.AcceptEncoding.ParseAdd("gzip");
            using var response = await visitor.SendAsync(request, Ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK, sheet);
            response.Headers.CacheControl!.ToString().Should().Be("max-age=31536000, immutable", $"{sheet} never changes under this address, so a repeat visit doesn't fetch it");
            response.Content.Headers.ContentEncoding.Should().Equal(["gzip"], sheet);
        }
    }

    [Fact]
    public async Task A_visitor_gets_the_cached_page_until_the_seller_changes_the_price_and_then_the_new_price_at_once()
    {
        var listing = await VaseAsync();
        var visitor = Factory.CreateClient();
        var pages = new[] { $"/Listing/{listing.Id}", "/Search?q=vase", "/", "/Category/home" };
        foreach (var url in pages)
        {
            (await visitor.GetStringAsync(url, Ct)).Should().Contain("$12.00", url);
        }

        await PriceBehindTheAppsBackAsync(listing.Id, 1300);
        foreach (var url in pages)
        {
            (await visitor.GetStringAsync(url, Ct)).Should().Contain("$12.00", $"{url} is the cached copy").And.NotContain("$13.00");
        }

        await Catalog.ChangePriceAsync(listing.Id, 1450);

        foreach (var url in pages)
        {
            (await visitor.GetStringAsync(url, Ct)).Should().Contain("$14.50", $"{url} shows the seller's new price on the next request").And.NotContain("$12.00");
        }
    }

    [Fact]
    public async Task A_signed_in_buyers_search_is_kept_like_a_visitors_and_shows_the_sellers_new_price_at_once()
    {
        var listing = await VaseAsync();
        var buyer = await Factory.SignInAsAsync("buyer@test.local");
        (await buyer.GetStringAsync("/Search?q=vase", Ct)).Should().Contain("$12.00");

        await PriceBehindTheAppsBackAsync(listing.Id, 1300);
        (await buyer.GetStringAsync("/Search?q=vase", Ct)).Should().Contain("$12.00", "the page is rendered for the buyer, from the search's kept result").And.NotContain("$13.00");

        await Catalog.ChangePriceAsync(listing.Id, 1450);
        (await buyer.GetStringAsync("/Search?q=vase", Ct)).Should().Contain("$14.50", "a change made through the app ends the kept result").And.NotContain("$12.00");
    }

    [Fact]
    public async Task A_sale_of_the_last_one_shows_at_once_on_the_visitors_listing_page()
    {
        var listing = await VaseAsync(stock: 1);
        var visitor = Factory.CreateClient();
        var page = $"/Listing/{listing.Id}";
        (await visitor.GetDocumentAsync(page)).QuerySelector("#add-to-cart button[type=submit]").Should().NotBeNull();

        var buyer = await Factory.SignInAsAsync("buyer@test.local");
        (await buyer.AddToCartAsync(listing)).StatusCode.Should().Be(HttpStatusCode.OK);
        var (_, paid) = await buyer.BuyAsync();
        paid.EndedOnOrderPlaced().Should().BeTrue();

        var soldOut = await visitor.GetDocumentAsync(page);
        soldOut.QuerySelector("#add-to-cart button[type=submit]").Should().BeNull("the last one was sold: the visitor's page says so at once");
    }

    [Fact]
    public async Task Signed_in_people_and_guests_with_a_cart_never_get_a_cached_page_nor_leave_one()
    {
        var listing = await VaseAsync();
        var url = $"/Listing/{listing.Id}";
        var buyer = await Factory.SignInAsAsync("someone@test.local");
        var signedIn = await buyer.GetStringAsync(url, Ct);
        signedIn.Should().Contain("someone");

        var visitor = Factory.CreateClient();
        var anonymous = await visitor.GetStringAsync(url, Ct);
        anonymous.Should().NotContain("someone", "a signed-in person's page is never served to a visitor").And.Contain("/Identity/Account/Login");

        (await buyer.GetDocumentAsync(url)).QuerySelector("#cart-count").Should().BeNull();
        (await buyer.AddToCartAsync(listing)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await buyer.GetDocumentAsync(url)).Text("#cart-count").Should().StartWith("1", "signed-in pages are rendered for each request");

        var guest = Factory.CreateClient();
        (await guest.AddToCartAsync(listing)).StatusCode.Should().Be(HttpStatusCode.OK, "a visitor's add to cart needs no antiforgery token (the cached page has none)");
        var withCart = await guest.GetDocumentAsync(url);
        withCart.Text("#cart-count").Should().StartWith("1", "a guest with a cart sees their own count");
        (await visitor.GetDocumentAsync(url)).QuerySelector("#cart-count").Should().BeNull("neither cart count is cached for others");
    }

    [Fact]
    public async Task Copies_are_kept_per_language_ship_to_country_and_currency()
    {
        var listing = await VaseAsync();
        await Factory.ImportTestRatesAsync();
        var url = $"/Listing/{listing.Id}";
        var english = Factory.CreateClient();
        var german = Factory.CreateClient();
        german.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        var toJapan = Factory.CreateClient();
        toJapan.DefaultRequestHeaders.Add("Cookie", "ship_to=JP");

        (await english.GetDocumentAsync(url)).DocumentElement.GetAttribute("lang").Should().Be("en");
        var de = await german.GetDocumentAsync(url);
        de.DocumentElement.GetAttribute("lang").Should().Be("de");
        de.Text("#price").Should().Contain("€");
        (await toJapan.GetDocumentAsync(url)).Text("#price").Should().Contain("¥");
        (await english.GetDocumentAsync(url)).Text("#price").Should().Be("$12.00");
    }

    [Fact]
    public async Task A_visitor_post_from_another_site_is_refused_and_a_signed_in_post_still_needs_its_token()
    {
        var listing = await VaseAsync();
        var visitor = Factory.CreateClient(new() { AllowAutoRedirect = false });
        var variant = listing.Variants[0].Id;
        var form = new Dictionary<string, string> { ["variantId"] = variant.ToString(), ["quantity"] = "1" };

        using var crossSite = new HttpRequestMessage(HttpMethod.Post, $"/Listing/{listing.Id}?handler=AddToCart") { Content = new FormUrlEncodedContent(form) };
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        (await visitor.SendAsync(crossSite, Ct)).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        using var otherOrigin = new HttpRequestMessage(HttpMethod.Post, "/Country") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = "JP", ["currency"] = "JPY" }) };
        otherOrigin.Headers.Add("Origin", "https://evil.example");
        (await visitor.SendAsync(otherOrigin, Ct)).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        using var sameSite = new HttpRequestMessage(HttpMethod.Post, $"/Listing/{listing.Id}?handler=AddToCart") { Content = new FormUrlEncodedContent(form) };
        sameSite.Headers.Add("Sec-Fetch-Site", "same-origin");
        (await visitor.SendAsync(sameSite, Ct)).StatusCode.Should().Be(HttpStatusCode.Redirect, "the visitor's own page posts without a token");

        var buyer = await Factory.SignInAsAsync("buyer@test.local");
        var noToken = await buyer.PostAsync($"/Listing/{listing.Id}?handler=AddToCart", new FormUrlEncodedContent(form), Ct);
        noToken.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a signed-in person's post is checked against the antiforgery token");
        using var forged = new HttpRequestMessage(HttpMethod.Post, $"/Listing/{listing.Id}?handler=AddToCart") { Content = new FormUrlEncodedContent(form) };
        forged.Headers.Add("Sec-Fetch-Site", "cross-site");
        (await buyer.SendAsync(forged, Ct)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var forgedOrigin = new HttpRequestMessage(HttpMethod.Post, "/Country") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = "JP", ["currency"] = "JPY" }) };
        forgedOrigin.Headers.Add("Origin", "https://evil.example");
        (await buyer.SendAsync(forgedOrigin, Ct)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var signedInPage = await buyer.GetDocumentAsync($"/Listing/{listing.Id}");
        signedInPage.QuerySelector("#add-to-cart input[name=__RequestVerificationToken]").Should().NotBeNull();
        (await visitor.GetDocumentAsync($"/Listing/{listing.Id}")).QuerySelector("input[name=__RequestVerificationToken]").Should().BeNull("nothing personal is in a visitor's page");
    }

    [Fact]
    public async Task A_form_on_a_page_loaded_before_signing_in_still_works_after_signing_in()
    {
        var listing = await VaseAsync();
        var visitorPage = await Factory.CreateClient().GetDocumentAsync($"/Listing/{listing.Id}");
        visitorPage.QuerySelector("#add-to-cart input[name=__RequestVerificationToken]").Should().BeNull("the page was a visitor's copy");
        var buyer = await Factory.SignInAsAsync("buyer@test.local");
        var form = new Dictionary<string, string> { ["variantId"] = listing.Variants[0].Id.ToString(), ["quantity"] = "2" };

        using var fromThatPage = new HttpRequestMessage(HttpMethod.Post, $"/Listing/{listing.Id}?handler=AddToCart") { Content = new FormUrlEncodedContent(form) };
        fromThatPage.Headers.Add("Sec-Fetch-Site", "same-origin");
        var added = await buyer.SendAsync(fromThatPage, Ct);

        added.StatusCode.Should().Be(HttpStatusCode.OK, "the browser says the form is this site's own, as a visitor's post is checked");
        (await buyer.GetDocumentAsync("/Cart")).Text("main").Should().Contain("Blue vase");
        foreach (var site in new[] { "same-site", "none", "cross-site" })
        {
            using var notThisSite = new HttpRequestMessage(HttpMethod.Post, $"/Listing/{listing.Id}?handler=AddToCart") { Content = new FormUrlEncodedContent(form) };
            notThisSite.Headers.Add("Sec-Fetch-Site", site);
            (await buyer.SendAsync(notThisSite, Ct)).StatusCode.Should().Be(HttpStatusCode.BadRequest, $"Sec-Fetch-Site: {site} is not this site's own page");
        }

        using var question = new HttpRequestMessage(HttpMethod.Post, $"/Listing/{listing.Id}?handler=Ask") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["body"] = "Is it glazed inside?" }) };
        question.Headers.Add("Sec-Fetch-Site", "same-origin");
        (await buyer.SendAsync(question, Ct)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "only the visitor's own form (add to cart) goes without a token; a question to the seller is never a visitor's form");
    }

    [Fact]
    public async Task A_link_with_tracking_parameters_gets_the_cached_copy_and_its_forms_come_back_without_them()
    {
        var listing = await VaseAsync();
        var visitor = Factory.CreateClient();
        (await visitor.GetStringAsync("/Search?q=vase&sort=Newest", Ct)).Should().Contain("$12.00");
        await PriceBehindTheAppsBackAsync(listing.Id, 1300);

        var tracked = await visitor.GetDocumentAsync("/Search?utm_source=newsletter&sort=Newest&fbclid=IwAR0abc&q=vase");
        var otherSort = await visitor.GetDocumentAsync("/Search?q=vase&sort=PriceLowToHigh&utm_source=newsletter");

        tracked.Text("main").Should().Contain("$12.00", "the same search with tracking keys added is the cached copy").And.NotContain("$13.00");
        otherSort.Text("main").Should().Contain("$13.00", "another value of a key the page reads is a page of its own");
        tracked.QuerySelectorAll("input[name=returnUrl]").Select(i => i.GetAttribute("value")).Should().NotBeEmpty().And.OnlyContain(v => v == "/Search?q=vase&sort=Newest");
        otherSort.QuerySelectorAll("input[name=returnUrl]").Select(i => i.GetAttribute("value")).Should().NotBeEmpty()
            .And.OnlyContain(v => v == "/Search?q=vase&sort=PriceLowToHigh", "a copy served to other addresses carries none of the keys it isn't kept by");
    }

    [Fact]
    public void Every_query_key_a_cached_page_binds_is_one_its_copies_are_kept_by()
    {
        var routeValues = new[] { "id", "slug" };
        var pages = typeof(PageCache).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes(typeof(Microsoft.AspNetCore.OutputCaching.OutputCacheAttribute), inherit: true)
                .Cast<Microsoft.AspNetCore.OutputCaching.OutputCacheAttribute>().Any(a => a.PolicyName == PageCache.PolicyName))
            .ToList();

        pages.Select(p => p.Name).Should().BeEquivalentTo(["IndexModel", "CategoryModel", "SearchModel", "ListingModel", "StoreModel"]);
        foreach (var page in pages)
        {
            var bound = page.GetProperties()
                .Select(p => (Property: p, Bind: p.GetCustomAttributes(typeof(Microsoft.AspNetCore.Mvc.BindPropertyAttribute), inherit: true).Cast<Microsoft.AspNetCore.Mvc.BindPropertyAttribute>().SingleOrDefault()))
                .Where(p => p.Bind is { SupportsGet: true })
                .Select(p => p.Bind!.Name ?? p.Property.Name);
            var parameters = page.GetMethods().Where(m => m.Name.StartsWith("OnGet", StringComparison.Ordinal)).SelectMany(m => m.GetParameters())
                .Where(p => p.ParameterType != typeof(CancellationToken))
                .Select(p => p.GetCustomAttributes(typeof(Microsoft.AspNetCore.Mvc.FromQueryAttribute), false).Cast<Microsoft.AspNetCore.Mvc.FromQueryAttribute>().SingleOrDefault()?.Name ?? p.Name!)
                .Except(routeValues);
            bound.Concat(parameters).Should().BeSubsetOf(PageCache.QueryKeys, $"{page.Name}'s copies must differ by every key it reads");
        }
    }

    private async Task<Listing> VaseAsync(int stock = 10)
    {
        var home = await Catalog.CategoryAsync("Home");
        var seller = await Catalog.SellerAsync("Kyoto Craft", "JP");
        return await Catalog.ListingAsync(seller, home, "Blue vase", configure: l =>
        {
            l.AddVariant("VASE-1", "Standard", new Money(1200, "USD"), stock);
            l.AddShippingOption(null, ShippingMethod.Standard, "Post", new Money(0, "USD"), 3, 9);
        });
    }

    private async Task PriceBehindTheAppsBackAsync(Guid listingId, long amount)
    {
        var sql = $"UPDATE \"ListingVariants\" SET \"PriceAmount\" = {amount} WHERE \"ListingId\" = '{listingId}'; " +
            $"UPDATE \"Listings\" SET \"PriceFromAmount\" = {amount} WHERE \"Id\" = '{listingId}'";
        await using var connection = new Npgsql.NpgsqlConnection(Factory.Database!.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        (await command.ExecuteNonQueryAsync(Ct)).Should().BePositive();
    }
}

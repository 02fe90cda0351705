using System.Globalization;
using System.Net;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

public sealed class CatalogPagesTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Home_shows_the_categories_with_counts_and_the_newest_listings_first()
    {
        var home = await Catalog.CategoryAsync("Home & Kitchen");
        var seller = await Catalog.SellerAsync("Berliner Werkstatt", "DE");
        var now = Factory.Clock.GetUtcNow();
        await Catalog.ListingAsync(seller, home, "Old cast iron skillet", publishedAt: now.AddDays(-3));
        await Catalog.ListingAsync(seller, home, "Brand new linen towels", publishedAt: now.AddHours(-1));
        await Catalog.ListingAsync(seller, home, "Draft teapot", publish: false);

        var page = await Factory.CreateClient().GetDocumentAsync("/");

        page.Texts(".category-tile").Should().ContainSingle().Which.Should().Contain("Home & Kitchen").And.Contain("2 listings");
        page.Texts(".listing-card .card-title").Should().Equal("Brand new linen towels", "Old cast iron skillet");
    }

    [Fact]
    public async Task The_home_pages_counts_are_counted_again_in_the_background_once_more_than_a_minute_old()
    {
        var lamps = await Catalog.CategoryAsync("Lamps");
        var seller = await Catalog.SellerAsync("Lamp Maker", "CA");
        await Catalog.ListingAsync(seller, lamps, "Brass lamp");
        // Signed in, so every request renders the page (no page cache): what it shows is the kept count.
        var buyer = await Factory.SignInAsAsync($"tiles-{Guid.NewGuid():N}@test.local");
        async Task<string> TileAsync() => (await buyer.GetDocumentAsync("/")).QuerySelector(".category-tile .small")!.TextContent.Trim();

        var first = await TileAsync();
        await Catalog.ListingAsync(seller, lamps, "Copper lamp");
        var afterANewListing = await TileAsync();
        Factory.Clock.Advance(TimeSpan.FromSeconds(60));
        var at60 = await TileAsync();
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        var stillAt60 = await TileAsync();
        Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var at61 = await TileAsync();
        var counted = await Eventually.TrueAsync(async () => await TileAsync() == "2 listings", Ct, TimeSpan.FromSeconds(30));

        first.Should().Be("1 listings");
        (afterANewListing, at60, stillAt60).Should().Be(("1 listings", "1 listings", "1 listings"), "the count is kept a minute, not ended by a listing");
        at61.Should().Be("1 listings", "the page that finds the count a minute old is not the one that waits for the recount");
        counted.Should().BeTrue("the count read in the background is shown from then on");
    }

    [Fact]
    public async Task A_category_page_includes_its_subcategories_and_an_unknown_category_is_a_friendly_404()
    {
        var electronics = await Catalog.CategoryAsync("Electronics");
        var phones = await Catalog.CategoryAsync("Phone Accessories", electronics);
        var other = await Catalog.CategoryAsync("Garden");
        var seller = await Catalog.SellerAsync("Gadget Hub", "CN");
        await Catalog.ListingAsync(seller, electronics, "USB-C hub");
        await Catalog.ListingAsync(seller, phones, "Phone case");
        await Catalog.ListingAsync(seller, other, "Garden trowel");
        var client = Factory.CreateClient();

        var page = await client.GetDocumentAsync("/Category/electronics");
        var missing = await client.GetAsync("/Category/no-such-thing", Ct);

        page.Texts(".listing-card .card-title").Should().BeEquivalentTo("USB-C hub", "Phone case");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var body = await missing.Content.ReadAsStringAsync(Ct);
        body.Should().Contain("Page not found").And.NotContain("Exception");
    }

    [Fact]
    public async Task Search_matches_every_word_in_title_description_or_specs_case_insensitively()
    {
        var category = await Catalog.CategoryAsync("Home");
        var seller = await Catalog.SellerAsync("Kyoto Craft", "JP");
        await Catalog.ListingAsync(seller, category, "Ceramic vase", "Wheel-thrown by hand.");
        await Catalog.ListingAsync(seller, category, "Tea towel", "Soft and CERAMIC-free.");
        await Catalog.ListingAsync(seller, category, "Plain mug", configure: l =>
        {
            l.AddSpec("Material", "Stoneware ceramic");
            l.AddVariant("MUG-1", "White", new Money(1200, "USD"), 3);
            l.AddShippingOption(null, ShippingMethod.Standard, "Post", new Money(0, "USD"), 3, 9);
        });
        await Catalog.ListingAsync(seller, category, "Glass jar");
        var client = Factory.CreateClient();

        var ceramic = await client.GetDocumentAsync("/Search?q=Ceramic");
        var twoWords = await client.GetDocumentAsync("/Search?q=ceramic+stoneware");
        var nothing = await client.GetDocumentAsync("/Search?q=zeppelin");

        ceramic.Texts(".listing-card .card-title").Should().BeEquivalentTo("Ceramic vase", "Tea towel", "Plain mug");
        twoWords.Texts(".listing-card .card-title").Should().Equal("Plain mug");
        nothing.Text("#result-count").Should().Be("0 listings");
        nothing.Text(".alert").Should().Contain("Nothing matches");
        nothing.QuerySelector("#active-filters").Should().BeNull("no filter is in use");

        var filtered = await client.GetDocumentAsync("/Search?q=mug&min=50&free=true&sort=Newest");
        filtered.Text("#result-count").Should().Be("0 listings", "the $12 mug is under $50");
        filtered.Texts(".active-filter").Should().Equal("Price from 50", "Free shipping");
        var cleared = await client.GetDocumentAsync(filtered.QuerySelector("#clear-filters")!.GetAttribute("href")!);
        cleared.Texts(".listing-card .card-title").Should().Equal("Plain mug");
        new Uri(cleared.Url).PathAndQuery.Should().Be("/Search?q=mug&sort=Newest", "the words and the order stay, the filters go");
    }

    [Fact]
    public async Task Search_cards_show_shipping_to_the_buyer_the_arrival_window_and_the_rating()
    {
        var category = await Catalog.CategoryAsync("Kitchen");
        var seller = await Catalog.SellerAsync("Kyoto Clay", "JP");
        var free = await Catalog.ListingAsync(seller, category, "Ash glaze mug", handlingDays: 2, configure: l =>
        {
            l.AddVariant("MUG-ASH", "Ash", new Money(1_800, "USD"), 5);
            l.AddShippingOption(null, ShippingMethod.Standard, "Post", new Money(0, "USD"), 3, 9);
            l.AddShippingOption("US", ShippingMethod.ExpressCourier, "DHL", new Money(2_500, "USD"), 1, 2);
        });
        await Catalog.ListingAsync(seller, category, "Plain mug");
        await Catalog.ListingAsync(seller, category, "Island mug", configure: l =>
        {
            l.AddVariant("MUG-ISLE", "Blue", new Money(1_500, "USD"), 5);
            l.AddShippingOption("JP", ShippingMethod.Standard, "Japan Post", new Money(300, "USD"), 1, 2);
        });
        await using (var db = Factory.CreateDbContext())
        {
            await db.Listings.Where(l => l.Id == free.Id).ExecuteUpdateAsync(set => set.SetProperty(l => l.RatingCount, 4).SetProperty(l => l.RatingTotal, 18), Ct);
        }

        var today = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime);
        var page = await Factory.CreateClient().GetDocumentAsync("/Search?q=mug");
        AngleSharp.Dom.IElement Card(string title) => page.QuerySelectorAll(".listing-card").Single(c => c.QuerySelector(".card-title")!.TextContent.Trim() == title);

        Card("Ash glaze mug").QuerySelector(".card-shipping")!.TextContent.Trim().Should().Be(
            string.Create(CultureInfo.InvariantCulture, $"$25.00 shipping, arriving {today.AddDays(1):MMM d} – {today.AddDays(2 + 2):MMM d}"),
            "the seller's option for the US replaces the free worldwide one, as at checkout (the card used to promise free shipping); at the latest after 2 days' handling");
        Card("Ash glaze mug").QuerySelector(".card-rating")!.TextContent.Should().Contain("4.5").And.Contain("(4)");
        Card("Plain mug").QuerySelector(".card-shipping")!.TextContent.Trim().Should().Be(
            string.Create(CultureInfo.InvariantCulture, $"$5.00 shipping, arriving {today.AddDays(5):MMM d} – {today.AddDays(3 + 10):MMM d}"));
        Card("Plain mug").QuerySelector(".card-rating").Should().BeNull("nobody has rated it yet");
        Card("Island mug").QuerySelector(".card-shipping").Should().BeNull();
        Card("Island mug").QuerySelector(".no-ship")!.TextContent.Trim().Should().Be("Doesn't ship to your country");
    }

    [Fact]
    public async Task Listing_page_shows_the_chosen_variant_seller_specs_and_delivery_dates_for_the_buyers_country()
    {
        var category = await Catalog.CategoryAsync("Fashion");
        var seller = await Catalog.SellerAsync("Lisbon Atelier", "PT");
        var listing = await Catalog.ListingAsync(seller, category, "Linen shirt", handlingDays: 2, configure: l =>
        {
            l.AddSpec("Material", "100% linen");
            l.AddVariant("SHIRT-S", "S", new Money(4599, "USD"), 4);
            l.AddVariant("SHIRT-M", "M", new Money(4899, "USD"), 0);
            l.AddShippingOption("PT", ShippingMethod.Standard, "CTT", new Money(0, "USD"), 1, 3);
            l.AddShippingOption(null, ShippingMethod.ExpressCourier, "DHL Express", new Money(2999, "USD"), 3, 6);
        });
        var medium = listing.Variants.Single(v => v.Sku == "SHIRT-M");
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", "ship_to=BR");

        var page = await client.GetDocumentAsync($"/Listing/{listing.Id}?variant={medium.Id}");

        page.Text("h1").Should().Be("Linen shirt");
        page.Text("#store-name").Should().Be("Lisbon Atelier");
        page.Text("#price").Should().Be("$48.99");
        page.Text("#stock").Should().Be("Out of stock");
        page.Text("#destination-name").Should().Be("Brazil");
        // Clock: 2026-11-27 (or later if another test moved it); express 3–6 days + 2 handling days.
        var today = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime);
        var expected = string.Create(CultureInfo.InvariantCulture, $"Arrives {today.AddDays(3):MMM d} – {today.AddDays(8):MMM d}");
        page.Texts("#shipping-options li").Should().ContainSingle()
            .Which.Should().Contain("Express courier").And.Contain("DHL Express").And.Contain("$29.99").And.Contain(expected);
        page.Texts("table tr").Should().Contain(row => row.Contains("Material") && row.Contains("100% linen"));
    }

    [Fact]
    public async Task A_listing_that_does_not_ship_to_the_buyer_says_so_and_drafts_are_not_found()
    {
        var (seller, category, euOnly) = await GermanOnlySawAsync();
        var draft = await Catalog.ListingAsync(seller, category, "Unfinished", publish: false);
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", "ship_to=US");

        var page = await client.GetDocumentAsync($"/Listing/{euOnly.Id}");
        var home = await client.GetDocumentAsync("/Category/tools");
        var hidden = await client.GetAsync($"/Listing/{draft.Id}", Ct);

        page.Text("#no-shipping").Should().Contain("doesn't ship to United States");
        home.Text(".listing-card .no-ship").Should().Be("Doesn't ship to your country");
        hidden.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_listing_that_does_not_ship_to_the_buyer_offers_what_the_seller_does_ship_there_and_the_category_filtered_to_it()
    {
        var (seller, category, euOnly) = await GermanOnlySawAsync();
        var chisel = await Catalog.ListingAsync(seller, category, "Wood chisel");
        await Catalog.ListingAsync(seller, category, "Plane", configure: l =>
        {
            l.AddVariant("PLANE", "Plane", new Money(8900, "USD"), 2);
            l.AddShippingOption("DE", ShippingMethod.Standard, "DHL", new Money(499, "USD"), 1, 3);
        });
        var elsewhere = await Catalog.ListingAsync(await Catalog.SellerAsync("Other tools", "US"), category, "Claw hammer");
        var toUs = Factory.CreateClient();
        toUs.DefaultRequestHeaders.Add("Cookie", "ship_to=US");
        var toGermany = Factory.CreateClient();
        toGermany.DefaultRequestHeaders.Add("Cookie", "ship_to=DE");

        var page = await toUs.GetDocumentAsync($"/Listing/{euOnly.Id}");
        var chiselPage = await toUs.GetDocumentAsync($"/Listing/{chisel.Id}");
        var inGermany = await toGermany.GetDocumentAsync($"/Listing/{euOnly.Id}");

        page.Text("#ships-instead h2").Should().Be("From Berliner Werkstatt, shipping to United States");
        page.Texts("#ships-instead .listing-card .card-title").Should().ContainSingle("the plane doesn't ship to the US either, and the hammer is another seller's").Which.Should().Be("Wood chisel");
        page.QuerySelector("#no-shipping + p a[href='#ships-instead']").Should().NotBeNull("the shipping box points to it");
        page.QuerySelector("#category-ships")!.GetAttribute("href").Should().Be("/Category/tools?ships=true");
        var filtered = await toUs.GetDocumentAsync(page.QuerySelector("#category-ships")!.GetAttribute("href")!);
        filtered.Texts(".listing-card .card-title").Should().BeEquivalentTo(["Wood chisel", elsewhere.Title]);
        chiselPage.QuerySelector("#ships-instead").Should().BeNull("it ships to the buyer");
        inGermany.QuerySelector("#ships-instead").Should().BeNull();
    }

    [Fact]
    public async Task An_item_that_does_not_ship_to_the_buyer_cannot_go_in_the_cart_so_it_never_blocks_checkout()
    {
        var (_, _, euOnly) = await GermanOnlySawAsync();
        var buyer = Factory.CreateBrowserLikeClient();
        await buyer.SubmitFormAsync("/", "form.country-picker", new Dictionary<string, string> { ["code"] = "US" });

        var page = await buyer.GetDocumentAsync($"/Listing/{euOnly.Id}");
        var refused = await Html.ParseAsync(await buyer.AddToCartAsync(euOnly));
        var emptyCart = await buyer.GetDocumentAsync("/Cart");
        await buyer.SubmitFormAsync("/", "form.country-picker", new Dictionary<string, string> { ["code"] = "DE" });
        var added = await buyer.AddToCartAsync(euOnly);
        var cart = await buyer.GetDocumentAsync("/Cart");

        page.QuerySelector("#add-to-cart button")!.HasAttribute("disabled").Should().BeTrue();
        page.Text("#add-to-cart button").Should().Be("Doesn't ship to United States");
        refused.Text("#quantity-error").Should().StartWith("This seller doesn't ship to United States.");
        emptyCart.Body!.TextContent.Should().NotContain("Hand saw");
        added.EndedAt("/Cart").Should().BeTrue();
        cart.Body!.TextContent.Should().Contain("Hand saw");
    }

    [Fact]
    public async Task The_destination_defaults_from_the_browser_language_and_the_picker_remembers_a_choice()
    {
        var category = await Catalog.CategoryAsync("Toys");
        var seller = await Catalog.SellerAsync("Toy Box", "CN");
        var listing = await Catalog.ListingAsync(seller, category, "Wooden blocks");
        var client = Factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB,en;q=0.8");

        var before = await client.GetDocumentAsync($"/Listing/{listing.Id}");
        var after = await client.SubmitFormAsync($"/Listing/{listing.Id}", "form.country-picker", new Dictionary<string, string> { ["code"] = "JP" });
        var afterPage = await Html.ParseAsync(after);
        var later = await client.GetDocumentAsync("/");

        before.Text("#destination-name").Should().Be("United Kingdom");
        after.RequestMessage!.RequestUri!.AbsolutePath.Should().Be($"/Listing/{listing.Id}");
        afterPage.Text("#destination-name").Should().Be("Japan");
        later.QuerySelector("#ship-to option[selected]")!.GetAttribute("value").Should().Be("JP");
    }

    [Fact]
    public async Task The_country_picker_refuses_unknown_codes_and_foreign_return_urls()
    {
        var client = Factory.CreateBrowserLikeClient(followRedirects: false);

        var response = await client.SubmitFormAsync("/", "form.country-picker", new Dictionary<string, string>
        {
            ["code"] = "XX",
            ["returnUrl"] = "https://evil.example/",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/");
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [];
        cookies.Should().NotContain(c => c.StartsWith("ship_to", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ships_instead_looks_through_the_stores_newest_200_listings_and_says_nothing_else_ships_only_when_it_saw_them_all()
    {
        var (seller, category, saw) = await GermanOnlySawAsync();
        await Catalog.ListingAsync(seller, category, "Old hand drill", publishedAt: Factory.Clock.GetUtcNow().AddDays(-1));
        var small = await Catalog.SellerAsync("Kleiner Laden", "DE");
        var onlyHere = await Catalog.ListingAsync(small, category, "Bench vise", configure: l =>
        {
            l.AddVariant("VISE", "Vise", new Money(6900, "USD"), 2);
            l.AddShippingOption("DE", ShippingMethod.Standard, "DHL", new Money(499, "USD"), 1, 3);
        });
        var toUs = Factory.CreateClient();
        toUs.DefaultRequestHeaders.Add("Cookie", "ship_to=US");

        var withDrill = await toUs.GetDocumentAsync($"/Listing/{saw.Id}");
        var smallStore = await toUs.GetDocumentAsync($"/Listing/{onlyHere.Id}");
        // 199 newer listings that ship only in Germany: the saw, the 199 and the drill are the newest 201, so the drill is the 201st.
        await Catalog.ManyListingsAsync(seller, category, 199, i => $"Chisel no. {i}", shipsTo: "DE");
        var drillTooOld = await toUs.GetDocumentAsync($"/Listing/{saw.Id}");

        withDrill.Texts("#ships-instead .listing-card .card-title").Should().Equal("Old hand drill");
        smallStore.QuerySelector("#ships-instead .listing-card").Should().BeNull();
        smallStore.Text("#no-ships-instead").Should().Be("Nothing else from this seller ships to United States.", "the store's one listing was looked at");
        drillTooOld.QuerySelector("#ships-instead .listing-card").Should().BeNull("the drill is older than the 200 newest listings looked through");
        drillTooOld.QuerySelector("#no-ships-instead").Should().BeNull("the drill does ship to the US, so the page mustn't say nothing does");
        drillTooOld.QuerySelector("#category-ships").Should().NotBeNull("the category filtered to the buyer's country is still offered");
    }

    /// <summary>A hand saw whose seller ships only to Germany.</summary>
    private async Task<(Marketplace.Domain.Sellers.Seller Seller, Category Category, Listing Listing)> GermanOnlySawAsync()
    {
        var category = await Catalog.CategoryAsync("Tools");
        var seller = await Catalog.SellerAsync("Berliner Werkstatt", "DE");
        var saw = await Catalog.ListingAsync(seller, category, "Hand saw", configure: l =>
        {
            l.AddVariant("SAW", "Saw", new Money(4499, "USD"), 2);
            l.AddShippingOption("DE", ShippingMethod.Standard, "DHL", new Money(499, "USD"), 1, 3);
        });
        return (seller, category, saw);
    }
}

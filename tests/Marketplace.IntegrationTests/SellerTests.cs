using System.Net;
using Marketplace.Domain.Catalog;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

public sealed class SellerTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_signed_in_user_opens_a_store_and_reaches_the_seller_dashboard_at_once()
    {
        var client = await Factory.SignInAsAsync("maker@test.local");

        var opened = await client.SubmitFormAsync("/Sell", "#sell-form", new Dictionary<string, string>
        {
            ["StoreName"] = "Porto Ceramics",
            ["Country"] = "PT",
            ["Description"] = "Hand-thrown tableware.",
        });
        var dashboard = await Html.ParseAsync(opened);
        var again = await client.GetAsync("/Sell", Ct);

        opened.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Seller");
        dashboard.Text("h1").Should().Be("Porto Ceramics");
        dashboard.Text("#main-nav").Should().Contain("Seller dashboard");
        again.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Seller", "a seller has nothing to apply for");
    }

    [Fact]
    public async Task A_store_name_already_taken_is_refused_on_the_form()
    {
        await Catalog.SellerAsync("Porto Ceramics", "PT");
        var client = await Factory.SignInAsAsync("copycat@test.local");

        var response = await client.SubmitFormAsync("/Sell", "#sell-form", new Dictionary<string, string> { ["StoreName"] = "porto ceramics", ["Country"] = "PT" });
        var page = await Html.ParseAsync(response);

        page.ErrorFor("StoreName").Should().Be("Another store already uses that name.");
        await using var db = Factory.CreateDbContext();
        (await db.Sellers.CountAsync(Ct)).Should().Be(1);
    }

    [Fact]
    public async Task Buyers_cannot_reach_seller_pages_and_visitors_are_sent_to_log_in()
    {
        var buyer = await Factory.SignInAsAsync("buyer@test.local");
        var anonymous = Factory.CreateBrowserLikeClient(followRedirects: false);

        var asBuyer = await buyer.GetAsync("/Seller/Listings/new", Ct);
        var asVisitor = await anonymous.GetAsync("/Seller", Ct);

        asBuyer.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Identity/Account/AccessDenied");
        asVisitor.StatusCode.Should().Be(HttpStatusCode.Redirect);
        asVisitor.Headers.Location!.ToString().Should().Contain("/Identity/Account/Login");
    }

    [Fact]
    public async Task A_seller_creates_a_draft_then_publishes_and_unpublishes_it()
    {
        var (client, _) = await Factory.NewSellerThroughThePagesAsync();
        var category = await Catalog.CategoryAsync("Home & Kitchen");

        var created = await client.SubmitFormAsync("/Seller/Listings/new", "#listing-form", ValidListing(category.Id));
        var listingPath = created.RequestMessage!.RequestUri!.AbsolutePath;
        var id = Guid.Parse(listingPath.Split('/').Last());
        var draftForBuyers = await Factory.CreateClient().GetAsync($"/Listing/{id}", Ct);

        var published = await Html.ParseAsync(await client.SubmitFormAsync(listingPath, "form[action*='handler=Status']", new Dictionary<string, string> { ["action"] = "Publish" }));
        var buyerView = await Factory.CreateClient().GetDocumentAsync($"/Listing/{id}");
        var unpublished = await Html.ParseAsync(await client.SubmitFormAsync(listingPath, "form[action*='handler=Status']", new Dictionary<string, string> { ["action"] = "Unpublish" }));
        var goneForBuyers = await Factory.CreateClient().GetAsync($"/Listing/{id}", Ct);

        draftForBuyers.StatusCode.Should().Be(HttpStatusCode.NotFound);
        published.Text("#listing-status").Should().Be("Published");
        buyerView.Text("h1").Should().Be("Stoneware mug");
        buyerView.Texts("table tr").Should().Contain(r => r.Contains("Material") && r.Contains("Stoneware"));
        buyerView.Texts(".variant-options li").Should().Equal("Blue", "Green");
        unpublished.Text("#listing-status").Should().Be("Unpublished");
        goneForBuyers.StatusCode.Should().Be(HttpStatusCode.NotFound);

        await using var db = Factory.CreateDbContext();
        var saved = await db.Listings.Include(l => l.Variants).Include(l => l.ShippingOptions).SingleAsync(l => l.Id == id, Ct);
        saved.Variants.OrderBy(v => v.Position).Select(v => (v.Sku, v.Price.Amount, v.Stock)).Should().Equal(("MUG-B", 1800L, 5), ("MUG-G", 1900L, 0));
        saved.ShippingOptions.Select(o => o.DestinationCountry).Should().BeEquivalentTo(["PT", null]);
    }

    [Theory]
    [InlineData("another listing's")]
    [InlineData("unreadable")]
    [InlineData("repeated")]
    public async Task A_variant_row_naming_a_variant_this_listing_does_not_have_is_refused_and_the_variant_kept(string tampered)
    {
        var (client, _) = await Factory.NewSellerThroughThePagesAsync();
        var category = await Catalog.CategoryAsync("Home");
        var listingPath = (await client.SubmitFormAsync("/Seller/Listings/new", "#listing-form", ValidListing(category.Id))).RequestMessage!.RequestUri!.AbsolutePath;
        var id = Guid.Parse(listingPath.Split('/').Last());
        var other = await Catalog.ListingAsync(await Catalog.SellerAsync("Other shop", "DE"), category, "Other vase");
        await using var db = Factory.CreateDbContext();
        var before = await db.ListingVariants.Where(v => v.ListingId == id).OrderBy(v => v.Position).Select(v => v.Id).ToListAsync(Ct);
        var form = (await client.GetDocumentAsync(listingPath)).FormValues("#listing-form");
        var row = tampered == "repeated" ? 1 : 0;
        form[$"Form.Variants[{row}].Id"] = tampered switch
        {
            "unreadable" => "not-an-id",
            "repeated" => before[0].ToString(),
            _ => other.Variants[0].Id.ToString(),
        };

        var page = await Html.ParseAsync(await client.PostAsync($"{listingPath}?handler=Save", new FormUrlEncodedContent(form), Ct));

        page.ErrorFor($"Form.Variants[{row}].Sku").Should().Be("This row's variant isn't part of this listing: reload the page and try again.");
        (await db.ListingVariants.Where(v => v.ListingId == id).OrderBy(v => v.Position).Select(v => v.Id).ToListAsync(Ct)).Should().Equal(before);
        (await db.ListingVariants.CountAsync(v => v.Id == other.Variants[0].Id, Ct)).Should().Be(1, "the other store's variant is untouched");
    }

    [Fact]
    public async Task Bad_rows_are_explained_on_the_form_and_nothing_is_saved_or_lost()
    {
        var (client, _) = await Factory.NewSellerThroughThePagesAsync();
        var category = await Catalog.CategoryAsync("Home");
        var fields = ValidListing(category.Id);
        fields["Form.Variants[0].Price"] = "12.345";
        fields["Form.Variants[1].Sku"] = "";
        fields["Form.Shipping[1].MinDays"] = "30";
        fields["Form.Shipping[1].MaxDays"] = "10";
        fields["Form.Title"] = "";

        var response = await client.SubmitFormAsync("/Seller/Listings/new", "#listing-form", fields);
        var page = await Html.ParseAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.ErrorFor("Form.Title").Should().Be("Give the listing a title.");
        page.QuerySelector("#Form_Variants_0__Price")!.GetAttribute("value").Should().Be("12.345", "what was typed stays in the form");
        await using var db = Factory.CreateDbContext();
        (await db.Listings.CountAsync(Ct)).Should().Be(0);

        fields["Form.Title"] = "Stoneware mug";
        var second = await Html.ParseAsync(await client.SubmitFormAsync("/Seller/Listings/new", "#listing-form", fields));
        second.ErrorFor("Form.Variants[0].Price").Should().Be("“12.345” has more decimals than EUR allows (2). If you meant 12345 EUR, write 12345.");
        second.ErrorFor("Form.Variants[1].Sku").Should().StartWith("Each variant needs a SKU and a name");
        second.ErrorFor("Form.Shipping[1].MinDays").Should().Be("Delivery takes between 1 and 120 days, min ≤ max.");
        (await db.Listings.CountAsync(Ct)).Should().Be(0);

        // Longer than the database keeps (a tampered or scripted post: the inputs' maxlength stops typing there).
        fields = ValidListing(category.Id);
        fields["Form.Variants[0].Sku"] = new string('S', 65);
        fields["Form.Variants[1].Name"] = new string('n', 121);
        fields["Form.Shipping[0].Carrier"] = new string('c', 61);
        var third = await Html.ParseAsync(await client.SubmitFormAsync("/Seller/Listings/new", "#listing-form", fields));
        third.ErrorFor("Form.Variants[0].Sku").Should().Be("A SKU can be at most 64 characters.");
        third.ErrorFor("Form.Variants[1].Name").Should().Be("A variant's name can be at most 120 characters.");
        third.ErrorFor("Form.Shipping[0].Carrier").Should().Be("A carrier's name can be at most 60 characters.");
        third.QuerySelector("#Form_Variants_0__Sku")!.GetAttribute("maxlength").Should().Be("64");
        (await db.Listings.CountAsync(Ct)).Should().Be(0);
    }

    [Theory]
    [InlineData("92233720368547758.07", "18.00", "Form.Variants[0].Price", "A price can be at most €1,000,000.00.")]
    [InlineData("1000000.01", "18.00", "Form.Variants[0].Price", "A price can be at most €1,000,000.00.")]
    [InlineData("18.00", "100000.01", "Form.Shipping[0].Price", "A shipping price can be at most €100,000.00.")]
    [InlineData("99999999999999999999999", "18.00", "Form.Variants[0].Price", "“99999999999999999999999” is too large an amount.")]
    [InlineData("0", "18.00", "Form.Variants[0].Price", "Enter a price above zero, like 12.99 (EUR).")]
    [InlineData("1.299", "18.00", "Form.Variants[0].Price", "“1.299” has more decimals than EUR allows (2). If you meant 1299 EUR, write 1299.")]
    [InlineData("18.00", "4,9,5", "Form.Shipping[0].Price", "“4,9,5” isn't an amount: write digits with one decimal mark, like 24.90 or 24,90.")]
    public async Task Prices_beyond_the_money_bounds_are_refused_on_the_form(string price, string shipping, string field, string message)
    {
        var (client, _) = await Factory.NewSellerThroughThePagesAsync();
        var fields = ValidListing((await Catalog.CategoryAsync("Home")).Id);
        fields["Form.Variants[0].Price"] = price;
        fields["Form.Shipping[0].Price"] = shipping;

        var response = await client.SubmitFormAsync("/Seller/Listings/new", "#listing-form", fields);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Html.ParseAsync(response)).ErrorFor(field).Should().Be(message);
        await using var db = Factory.CreateDbContext();
        (await db.Listings.CountAsync(Ct)).Should().Be(0);
    }

    [Theory]
    [InlineData("24,90", "4,50", 2_490, 450)]
    [InlineData("1.299,00", "0", 129_900, 0)]
    [InlineData("1,299.00", "12", 129_900, 1_200)]
    [InlineData("$ 24.90", "4.5", 2_490, 450)]
    public async Task Prices_typed_with_a_decimal_comma_or_thousands_marks_are_saved_as_meant_never_a_hundred_times_more(string price, string shipping, long saved, long savedShipping)
    {
        var (client, _) = await Factory.NewSellerThroughThePagesAsync();
        var fields = ValidListing((await Catalog.CategoryAsync("Home")).Id);
        fields["Form.Variants[0].Price"] = price;
        fields["Form.Shipping[0].Price"] = shipping;

        await client.SubmitFormAsync("/Seller/Listings/new", "#listing-form", fields);

        await using var db = Factory.CreateDbContext();
        var listing = await db.Listings.Include(l => l.Variants).Include(l => l.ShippingOptions).SingleAsync(Ct);
        listing.Variants.OrderBy(v => v.Position).First().Price.Amount.Should().Be(saved);
        listing.ShippingOptions.OrderBy(o => o.DestinationCountry == null).First().Price.Amount.Should().Be(savedShipping);
    }

    [Fact]
    public async Task The_largest_price_allowed_is_saved()
    {
        var (client, _) = await Factory.NewSellerThroughThePagesAsync();
        var fields = ValidListing((await Catalog.CategoryAsync("Home")).Id);
        fields["Form.Variants[0].Price"] = "1000000.00";
        fields["Form.Shipping[0].Price"] = "100000.00";

        await client.SubmitFormAsync("/Seller/Listings/new", "#listing-form", fields);

        await using var db = Factory.CreateDbContext();
        (await db.ListingVariants.MaxAsync(v => v.Price.Amount, Ct)).Should().Be(100_000_000);
    }

    [Fact]
    public async Task A_seller_cannot_see_or_change_another_sellers_listing()
    {
        var category = await Catalog.CategoryAsync("Home");
        var owner = await Catalog.SellerAsync("Owner Shop", "FR");
        var theirs = await Catalog.ListingAsync(owner, category, "Their lamp");
        var (intruder, _) = await Factory.NewSellerThroughThePagesAsync();
        var ownPage = await intruder.GetDocumentAsync("/Seller/Listings/new");
        var token = ownPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var view = await intruder.GetAsync($"/Seller/Listings/{theirs.Id}", Ct);
        var save = await intruder.PostAsync($"/Seller/Listings/{theirs.Id}?handler=Save", new FormUrlEncodedContent(
            new Dictionary<string, string>(ValidListing(category.Id)) { ["__RequestVerificationToken"] = token }), Ct);
        var archive = await intruder.PostAsync($"/Seller/Listings/{theirs.Id}?handler=Status", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["action"] = "Archive", ["__RequestVerificationToken"] = token }), Ct);

        view.StatusCode.Should().Be(HttpStatusCode.NotFound);
        save.StatusCode.Should().Be(HttpStatusCode.NotFound);
        archive.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await using var db = Factory.CreateDbContext();
        var untouched = await db.Listings.SingleAsync(l => l.Id == theirs.Id, Ct);
        untouched.Title.Should().Be("Their lamp");
        untouched.Status.Should().Be(ListingStatus.Published);
    }

    [Fact]
    public async Task Photos_are_checked_by_content_and_get_thumbnails()
    {
        var (client, seller) = await Factory.NewSellerThroughThePagesAsync();
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Toys"), "Wooden train");
        var path = $"/Seller/Listings/{listing.Id}";

        async Task<AngleSharp.Dom.IDocument> UploadAsync(string name, string type, byte[] bytes) =>
            await Html.ParseAsync(await client.SubmitFormAsync(path, "#upload-form", new Dictionary<string, string>(), new UploadFile("photo", name, type, bytes)));

        var png = await UploadAsync("train.png", "image/png", TestImages.Png());
        var webp = await UploadAsync("side.webp", "image/webp", TestImages.Webp());
        var renamed = await UploadAsync("holiday.jpg", "image/jpeg", TestImages.Executable());
        var huge = await UploadAsync("huge.jpg", "image/jpeg", [0xFF, 0xD8, 0xFF, .. new byte[6 * 1024 * 1024]]);
        var tiny = await UploadAsync("tiny.png", "image/png", TestImages.Png(50, 50));

        png.Text("[role=status]").Should().Be("Photo added.");
        webp.QuerySelectorAll("#listing-photos img").Length.Should().Be(2);
        renamed.ErrorFor("photo").Should().Be("Only JPEG, PNG or WebP photos can be uploaded. That file is something else.");
        huge.ErrorFor("photo").Should().Be("Photos can be at most 5 MB.");
        tiny.ErrorFor("photo").Should().Be("Photos need at least 200 pixels on each side.");

        await using var db = Factory.CreateDbContext();
        var images = (await db.Listings.SingleAsync(l => l.Id == listing.Id, Ct)).Images;
        images.Should().HaveCount(2, "rejected files store nothing");
        var thumb = await Factory.CreateClient().GetAsync("/media/" + images[0].ThumbnailKey, Ct);
        thumb.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
        Directory.GetFiles(Path.Combine(Factory.DataPath, "uploads", "listings", listing.Id.ToString("N"))).Should().HaveCount(4);
    }

    [Fact]
    public async Task Quality_warnings_name_what_is_wrong_with_a_listing()
    {
        var (client, seller) = await Factory.NewSellerThroughThePagesAsync();
        var category = await Catalog.CategoryAsync("Electronics");
        await using (var db = Factory.CreateDbContext())
        {
            var tracked = await db.Categories.SingleAsync(c => c.Id == category.Id, Ct);
            tracked.RequireSpecs("Brand", "Power");
            await db.SaveChangesAsync(Ct);
        }

        await Catalog.ListingAsync(seller, category, "Earbuds earbuds EARBUDS wireless earbuds bluetooth earbuds for phone earbuds cheap earbuds best");

        var dashboard = await client.GetDocumentAsync("/Seller");

        var warnings = dashboard.Texts(".quality-warnings li");
        warnings.Should().Contain(w => w.Contains("characters; keep it under 80"));
        warnings.Should().Contain(w => w.Contains("repeats “earbuds”"));
        warnings.Should().Contain("This category needs: Brand, Power.");
        warnings.Should().Contain("Add at least one real photo of the product.");
    }

    [Fact]
    public async Task The_storefront_shows_the_store_and_only_its_published_listings()
    {
        var seller = await Catalog.SellerAsync("Kyoto Craft Supply", "JP");
        var category = await Catalog.CategoryAsync("Stationery");
        await Catalog.ListingAsync(seller, category, "Washi tape");
        await Catalog.ListingAsync(seller, category, "Unfinished pen", publish: false);
        await Catalog.ListingAsync(await Catalog.SellerAsync("Other", "US"), category, "Other notebook");

        var page = await Factory.CreateClient().GetDocumentAsync("/Store/kyoto-craft-supply");
        var missing = await Factory.CreateClient().GetAsync("/Store/nobody", Ct);

        page.Text("#store-title").Should().Be("Kyoto Craft Supply");
        page.Text("#store-country").Should().Be("Japan");
        page.Text("#store-since").Should().Be(Factory.Clock.GetUtcNow().AddYears(-2).ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture));
        page.Texts(".listing-card .card-title").Should().Equal("Washi tape");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_simulated_provider_onboards_a_payout_account()
    {
        var (client, _) = await Factory.NewSellerThroughThePagesAsync();

        var onboarding = await client.SubmitFormAsync("/Seller", "form[action='/Seller/Payouts']", new Dictionary<string, string>());
        var bad = await Html.ParseAsync(await client.SubmitFormAsync(onboarding.RequestMessage!.RequestUri!.PathAndQuery, "#payout-form",
            new Dictionary<string, string> { ["Holder"] = "Ana", ["Iban"] = "12345" }));
        var done = await Html.ParseAsync(await client.SubmitFormAsync(onboarding.RequestMessage!.RequestUri!.PathAndQuery, "#payout-form",
            new Dictionary<string, string> { ["Holder"] = "Ana", ["Iban"] = "DE89 3704 0044 0532 0130 00" }));

        onboarding.RequestMessage.RequestUri.AbsolutePath.Should().Be("/Seller/Payouts/Simulated");
        bad.ErrorFor("Iban").Should().StartWith("That doesn't look like an IBAN");
        done.Text("#payout-status").Should().StartWith("Payout account ready");
        await using var db = Factory.CreateDbContext();
        (await db.Sellers.SingleAsync(Ct)).PayoutsEnabled.Should().BeTrue();
    }


    [Fact]
    public async Task Shipping_options_a_seller_replaces_are_deleted_not_left_behind()
    {
        var seller = await Catalog.SellerAsync("Porto Ceramics", "PT");
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Home"), "Blue vase", configure: l =>
        {
            l.AddVariant("VASE-1", "Standard", new Marketplace.Domain.Common.Money(1200, "USD"), 3);
            l.AddShippingOption("PT", ShippingMethod.Standard, "CTT", new Marketplace.Domain.Common.Money(0, "USD"), 1, 3);
            l.AddShippingOption(null, ShippingMethod.ExpressCourier, "DHL", new Marketplace.Domain.Common.Money(2499, "USD"), 3, 6);
        });

        await using (var db = Factory.CreateDbContext())
        {
            var saved = await db.Listings.Include(l => l.ShippingOptions).SingleAsync(l => l.Id == listing.Id, Ct);
            saved.SetShippingOptions([new ShippingInput(null, ShippingMethod.Standard, "Post", new Marketplace.Domain.Common.Money(500, "USD"), 5, 12)], Factory.Clock.GetUtcNow());
            await db.SaveChangesAsync(Ct);
        }

        await using var check = Factory.CreateDbContext();
        (await check.Set<ShippingOption>().Select(o => o.Carrier).ToListAsync(Ct)).Should().Equal(["Post"], "the two replaced options are gone from the table, not kept without a listing");
    }

    private static Dictionary<string, string> ValidListing(Guid categoryId) => new()
    {
        ["Form.Title"] = "Stoneware mug",
        ["Form.CategoryId"] = categoryId.ToString(),
        ["Form.HandlingDays"] = "2",
        ["Form.Description"] = "Glazed inside and out.",
        ["Form.Specs[0].Key"] = "Material",
        ["Form.Specs[0].Value"] = "Stoneware",
        ["Form.Variants[0].Sku"] = "MUG-B",
        ["Form.Variants[0].Name"] = "Blue",
        ["Form.Variants[0].Price"] = "18.00",
        ["Form.Variants[0].Stock"] = "5",
        ["Form.Variants[1].Sku"] = "MUG-G",
        ["Form.Variants[1].Name"] = "Green",
        ["Form.Variants[1].Price"] = "19",
        ["Form.Variants[1].Stock"] = "0",
        ["Form.Shipping[0].Country"] = "PT",
        ["Form.Shipping[0].Method"] = "Standard",
        ["Form.Shipping[0].Carrier"] = "CTT",
        ["Form.Shipping[0].Price"] = "0",
        ["Form.Shipping[0].MinDays"] = "1",
        ["Form.Shipping[0].MaxDays"] = "3",
        ["Form.Shipping[1].Country"] = "*",
        ["Form.Shipping[1].Method"] = "ExpressCourier",
        ["Form.Shipping[1].Carrier"] = "DHL Express",
        ["Form.Shipping[1].Price"] = "24.99",
        ["Form.Shipping[1].MinDays"] = "3",
        ["Form.Shipping[1].MaxDays"] = "6",
    };
}

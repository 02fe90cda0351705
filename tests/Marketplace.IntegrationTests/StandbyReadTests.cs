using System.Net;
using Marketplace.Testing;

namespace Marketplace.IntegrationTests;

/// <summary>
/// Read routing on a real primary and a streaming hot standby (pg_basebackup from this machine's binaries). The standby's
/// replay is paused to make it lag: what a page shows then tells which server it read.
/// </summary>
public sealed class StandbyReadTests : IAsyncLifetime
{
    private PostgresStandbyPair _pair = null!;
    private MarketplaceAppFactory _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _pair = await PostgresStandbyPair.StartAsync();
        _app = MarketplaceAppFactory.Instance(_pair.PrimaryFor("marketplace"), new Dictionary<string, string?>
        {
            ["Database:MigrateOnStartup"] = "true",
            ["ConnectionStrings:MarketplaceStandby"] = _pair.StandbyFor("marketplace"),
        });
        _ = _app.Services; // starts the app: the database is created and migrated on the primary
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.DisposeAsync();
        }
        finally
        {
            await _pair.DisposeAsync();
        }
    }

    [Fact]
    public async Task Visitors_read_pages_from_the_standby_while_signed_in_people_and_fresh_writers_read_the_primary()
    {
        var category = await new CatalogBuilder(_app).CategoryAsync("Home");
        var (seller, _) = await _app.NewSellerThroughThePagesAsync();
        await _pair.CaughtUpAsync();
        await _pair.PauseReplayAsync();
        try
        {
            var created = await seller.SubmitFormAsync("/Seller/Listings/new", "#listing-form", Lantern(category.Id));
            var path = created.RequestMessage!.RequestUri!.AbsolutePath;
            var published = await Html.ParseAsync(await seller.SubmitFormAsync(path, "form[action*='handler=Status']", new Dictionary<string, string> { ["action"] = "Publish" }));
            var id = path.Split('/').Last();
            var visitor = _app.CreateClient();

            var visitorSearch = await visitor.GetDocumentAsync("/Search?q=lantern");
            var visitorListing = await visitor.GetAsync($"/Listing/{id}", Ct);
            _app.Clock.Advance(TimeSpan.FromHours(1));
            var sellerSearch = await seller.GetDocumentAsync("/Search?q=lantern");
            var sellerListing = await seller.GetAsync($"/Listing/{id}", Ct);

            // The seller signs out (a post): as a visitor now, their own write stays visible for the window.
            var signOutPage = await seller.GetDocumentAsync("/Identity/Account/Logout");
            var token = signOutPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            await seller.PostAsync("/Identity/Account/Logout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), Ct);
            _app.Clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(1));
            var signedOutJustBefore = await seller.GetDocumentAsync("/Search?q=lantern");
            _app.Clock.Advance(TimeSpan.FromMilliseconds(1));
            var signedOutAtTheEdge = await seller.GetDocumentAsync("/Search?q=lantern");

            published.Text("#listing-status").Should().Be("Published", "writes go to the primary");
            visitorSearch.Text("#result-count").Should().Be("0 listings", "a visitor's search reads the standby, which hasn't replayed the new listing");
            visitorListing.StatusCode.Should().Be(HttpStatusCode.NotFound, "a visitor's listing page reads the standby too");
            sellerSearch.Texts(".listing-card .card-title").Should().Equal(["Brass storm lantern"], "signed-in people always read the primary");
            sellerListing.StatusCode.Should().Be(HttpStatusCode.OK);
            signedOutJustBefore.Texts(".listing-card .card-title").Should().Equal(["Brass storm lantern"], "29.999 s after their sign-out (a write) they still read the primary");
            signedOutAtTheEdge.Text("#result-count").Should().Be("0 listings", "30 s after their last write a visitor reads the standby again");
        }
        finally
        {
            await _pair.ResumeReplayAsync();
        }

        await _pair.CaughtUpAsync();
        _app.Clock.Advance(TimeSpan.FromMinutes(1)); // the visitors' copy of the page read before the standby caught up lives a minute at most
        var caughtUp = await _app.CreateClient().GetDocumentAsync("/Search?q=lantern");
        caughtUp.Texts(".listing-card .card-title").Should().Equal("Brass storm lantern");
    }

    private static Dictionary<string, string> Lantern(Guid categoryId) => new()
    {
        ["Form.Title"] = "Brass storm lantern",
        ["Form.CategoryId"] = categoryId.ToString(),
        ["Form.HandlingDays"] = "2",
        ["Form.Description"] = "Hand-finished brass with a glass chimney.",
        ["Form.Variants[0].Sku"] = "LAN-1",
        ["Form.Variants[0].Name"] = "Brass",
        ["Form.Variants[0].Price"] = "42.00",
        ["Form.Variants[0].Stock"] = "5",
        ["Form.Shipping[0].Country"] = "*",
        ["Form.Shipping[0].Method"] = "Standard",
        ["Form.Shipping[0].Carrier"] = "Post",
        ["Form.Shipping[0].Price"] = "5",
        ["Form.Shipping[0].MinDays"] = "3",
        ["Form.Shipping[0].MaxDays"] = "9",
    };
}

using System.Net;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Payments;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>
/// The production shape by hand: two app processes (<c>dotnet Marketplace.Web.dll</c>, Production) on one PostgreSQL
/// primary with a streaming standby and one S3-compatible store (s3rver), each running the background jobs every second.
/// A browser's session, its files and its dispute move between them; every due hold is released exactly once.
/// </summary>
[Trait("Suite", "Processes")]
public sealed class AppProcessTests : IAsyncLifetime
{
    private const string MetricsToken = "scrape-me-please";

    private PostgresStandbyPair _pair = null!;
    private MarketplaceAppFactory _setup = null!;
    private AppProcess _a = null!;
    private AppProcess _b = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _pair = await PostgresStandbyPair.StartAsync();
        var bucket = await (await TestS3Server.GetAsync()).NewBucketAsync();
        var primary = _pair.PrimaryFor("marketplace");

        // An in-process instance (jobs off) migrates the database and puts the test's data in, as an operator's tools would.
        _setup = MarketplaceAppFactory.Instance(primary, new Dictionary<string, string?>(bucket) { ["Database:MigrateOnStartup"] = "true" });
        _ = _setup.Services;

        var settings = bucket.ToDictionary(s => s.Key, s => s.Value!);
        settings["Database:Provider"] = "Postgres";
        settings["ConnectionStrings:Marketplace"] = primary;
        settings["ConnectionStrings:MarketplaceStandby"] = _pair.StandbyFor("marketplace");
        settings["Jobs:Interval"] = "00:00:01";
        settings["Metrics:Token"] = MetricsToken;
        // Started together, as a deployment would (start-up work takes turns under the advisory lock); each kept as soon as it is up.
        var a = AppProcess.StartAsync(settings);
        var b = AppProcess.StartAsync(settings);
        try
        {
            _a = await a;
        }
        finally
        {
            _b = await b;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var app in new[] { _a, _b })
            {
                if (app is not null)
                {
                    await app.DisposeAsync();
                }
            }

            if (_setup is not null)
            {
                await _setup.DisposeAsync();
            }
        }
        finally
        {
            if (_pair is not null)
            {
                await _pair.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_session_files_and_a_dispute_move_between_two_processes_and_each_due_hold_is_released_once()
    {
        var catalog = new CatalogBuilder(_setup);
        var seller = await catalog.SellerAsync("Two Rooms", "PT");
        await using (var db = _setup.CreateDbContext())
        {
            var stored = await db.Sellers.SingleAsync(s => s.Id == seller.Id, Ct);
            stored.ConnectPayoutAccount($"sim_acct_{seller.Id:N}");
            stored.EnablePayouts($"sim_acct_{seller.Id:N}");
            await db.SaveChangesAsync(Ct);
        }

        var listing = await catalog.ListingAsync(seller, await catalog.CategoryAsync("Toys"), "Tin robot");
        var buyer = await _setup.CreateUserAsync("roaming-buyer@test.local");
        var disputed = (await new OrderBuilder(_setup).ConfirmedOrdersAsync(seller, buyer.Id, 1, 5_000, DateTimeOffset.UtcNow + TimeSpan.FromDays(10))).Single();
        var (sellerOnA, sellerOnB) = Browser();
        var (buyerOnA, buyerOnB) = Browser();

        // The seller signs in on A, adds a photo on B; the photo is served by A.
        var signedIn = await sellerOnA.LogInAsync(await _setup.EmailOfAsync(seller));
        var uploaded = await Html.ParseAsync(await sellerOnB.SubmitFormAsync($"/Seller/Listings/{listing.Id}", "#upload-form", new Dictionary<string, string>(), new UploadFile("photo", "robot.png", "image/png", TestImages.Png())));
        string thumbnail;
        await using (var db = _setup.CreateDbContext())
        {
            thumbnail = (await db.Listings.SingleAsync(l => l.Id == listing.Id, Ct)).Images.Single().ThumbnailKey;
        }

        var photoFromA = await sellerOnA.GetAsync("/media/" + thumbnail, Ct);

        // The buyer signs in on A, opens a dispute on B, attaches a photo on A; the seller sees it through B.
        await buyerOnA.LogInAsync("roaming-buyer@test.local");
        var opened = await buyerOnB.SubmitFormAsync($"/Orders/{disputed}/Dispute", "#dispute-form", new Dictionary<string, string>
        {
            ["Input.Issue"] = "Damaged",
            ["Input.Request"] = "FullRefund",
            ["Input.Description"] = "The key is snapped off.",
        });
        var disputePath = opened.RequestMessage!.RequestUri!.AbsolutePath;
        var withEvidence = await Html.ParseAsync(await buyerOnA.SubmitFormAsync(disputePath, "#evidence-form", new Dictionary<string, string>(), new UploadFile("file", "snapped-key.png", "image/png", TestImages.Png())));
        var evidenceLink = withEvidence.QuerySelector("#evidence .evidence-file a")!.GetAttribute("href")!;
        var evidenceForSeller = await sellerOnB.GetAsync(evidenceLink, Ct);

        // Forty holds fall due at once; both processes' release jobs and outboxes race for them.
        var due = await new OrderBuilder(_setup).ConfirmedOrdersAsync(seller, buyer.Id, 40, 1_000, DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1));
        var settled = await EventuallyAsync(async db =>
            await db.LedgerTransactions.CountAsync(t => t.Kind == LedgerEntryKind.Payout && due.Contains(t.OrderId!.Value), Ct) >= due.Count);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct); // a few more rounds of both jobs: nothing more may happen
        var scrapes = await Task.WhenAll(new[] { _a, _b }.Select(ScrapeAsync));

        signedIn.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/");
        uploaded.Text("[role=status]").Should().Be("Photo added.", "B read A's sign-in cookie and antiforgery token");
        photoFromA.StatusCode.Should().Be(HttpStatusCode.OK);
        photoFromA.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
        disputePath.Should().StartWith("/Disputes/", "the dispute was opened on B");
        withEvidence.Text("#dispute-message").Should().Be("File attached.");
        evidenceForSeller.StatusCode.Should().Be(HttpStatusCode.OK);
        evidenceForSeller.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
        settled.Should().BeTrue($"every due hold is released and paid out within a minute. A:\n{_a.Output}\nB:\n{_b.Output}");
        await using (var db = _setup.CreateDbContext())
        {
            var releases = await db.LedgerTransactions.Where(t => t.Kind == LedgerEntryKind.Release && due.Contains(t.OrderId!.Value)).GroupBy(t => t.OrderId).Select(g => g.Count()).ToListAsync(Ct);
            var payouts = await db.LedgerTransactions.Where(t => t.Kind == LedgerEntryKind.Payout && due.Contains(t.OrderId!.Value)).GroupBy(t => t.OrderId).Select(g => g.Count()).ToListAsync(Ct);
            var transfers = await db.ProviderCommands.Where(c => c.Kind == ProviderCommandKind.Transfer && due.Contains(c.OrderId)).ToListAsync(Ct);
            var holds = await db.EscrowHolds.Where(h => due.Contains(h.OrderId)).Select(h => h.Status).ToListAsync(Ct);
            var disputedHold = await db.EscrowHolds.SingleAsync(h => h.OrderId == disputed, Ct);

            holds.Should().HaveCount(40).And.OnlyContain(s => s == HoldStatus.Released);
            releases.Should().HaveCount(40).And.OnlyContain(n => n == 1, "each hold is released once");
            payouts.Should().HaveCount(40).And.OnlyContain(n => n == 1, "each seller is paid once");
            transfers.Should().HaveCount(40).And.OnlyContain(c => c.Status == ProviderCommandStatus.Succeeded && c.Attempts == 1);
            disputedHold.Status.Should().Be(HoldStatus.Frozen, "the disputed order's money waits for its dispute");
            (await _setup.LedgerViolationsAsync()).Should().BeEmpty();
        }

        foreach (var metrics in scrapes)
        {
            metrics.Should().Contain("marketplace_job_last_run_age").And.Contain("job=\"Release due escrow holds\"");
        }
    }

    private (HttpClient OnA, HttpClient OnB) Browser()
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        return (new HttpClient(handler, disposeHandler: false) { BaseAddress = _a.Address }, new HttpClient(handler, disposeHandler: false) { BaseAddress = _b.Address });
    }

    private static async Task<string> ScrapeAsync(AppProcess app)
    {
        using var http = new HttpClient { BaseAddress = app.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", MetricsToken);
        var response = await http.SendAsync(request, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private async Task<bool> EventuallyAsync(Func<Marketplace.Core.Data.MarketplaceDbContext, Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            await using var db = _setup.CreateDbContext();
            if (await done(db))
            {
                return true;
            }

            await Task.Delay(250, Ct);
        }

        return false;
    }
}

using Marketplace.Core.Demo;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>The app as a newcomer or an operator starts it: empty databases, migrations, demo data.</summary>
public sealed class StartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_an_empty_postgres_database_the_app_creates_its_schema_and_seeds_the_demo_marketplace_on_request()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:MigrateOnStartup"] = "true",
            ["Database:SeedDemo"] = "true",
        };
        await using var factory = new MarketplaceAppFactory(await TestDatabase.CreateEmptyAsync(), settings: settings);
        var client = factory.CreateBrowserLikeClient();

        var home = await client.GetDocumentAsync("/");

        home.QuerySelectorAll(".category-tile").Length.Should().BeGreaterThanOrEqualTo(8);
        home.QuerySelectorAll(".listing-card").Length.Should().Be(12);
        await using var db = factory.CreateDbContext();
        (await db.Listings.CountAsync(Ct)).Should().BeGreaterThanOrEqualTo(80);
        (await db.Categories.CountAsync(Ct)).Should().BeGreaterThanOrEqualTo(8);
        (await db.Sellers.Select(s => s.CountryCode).Distinct().CountAsync(Ct)).Should().BeGreaterThanOrEqualTo(4);
        (await db.Listings.AllAsync(l => l.Images.Count >= 1 && l.Variants.Count >= 1 && l.Specs.Count >= 1 && l.ShippingOptions.Count >= 1, Ct)).Should().BeTrue();
        (await db.Listings.CountAsync(l => l.Variants.Count > 1, Ct)).Should().BeGreaterThan(50);

        var photo = await client.GetAsync("/media/" + (await db.Listings.SelectMany(l => l.Images).Select(i => i.StorageKey).FirstAsync(Ct)), Ct);
        photo.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
        (await photo.Content.ReadAsByteArrayAsync(Ct)).Take(3).Should().Equal(0xFF, 0xD8, 0xFF);

        var admin = await client.LogInAsync(DemoDataSeeder.AdminEmail, DemoDataSeeder.Password);
        (await Html.ParseAsync(admin)).Text("#main-nav").Should().Contain("Admin");
        var buyer = factory.CreateBrowserLikeClient();
        var buyerHome = await Html.ParseAsync(await buyer.LogInAsync(DemoDataSeeder.BuyerEmail(5), DemoDataSeeder.Password));
        buyerHome.Text("#main-nav").Should().Contain("Log out");

        // Twelve weeks of orders: every store has some to ship, some protected and some released, and the books balance.
        var adminHome = await client.GetDocumentAsync("/Admin");
        (await factory.LedgerViolationsAsync()).Should().BeEmpty();
        (await db.Sellers.AllAsync(s => db.Orders.Any(o => o.SellerId == s.Id && o.Status == Marketplace.Domain.Orders.OrderStatus.Paid), Ct)).Should().BeTrue();
        (await db.EscrowHolds.CountAsync(h => h.Status == Marketplace.Domain.Escrow.HoldStatus.Released, Ct)).Should().BeGreaterThanOrEqualTo(10);
        (await db.EscrowHolds.CountAsync(h => h.Status == Marketplace.Domain.Escrow.HoldStatus.Held, Ct)).Should().BeGreaterThanOrEqualTo(10);
        adminHome.QuerySelectorAll(".money-chart svg[role=img] rect").Length.Should().BeGreaterThan(10, "the admin's money chart shows weeks of payments and releases");
    }

    [Trait("Suite", "Security")]
    [Fact]
    public async Task Three_instances_started_together_on_an_empty_postgres_database_all_become_ready_with_one_demo()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        var settings = new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "true", ["Database:SeedDemo"] = "true" };
        var instances = Enumerable.Range(0, 3).Select(_ => MarketplaceAppFactory.Instance(database, settings)).ToList();
        try
        {
            using var go = new Barrier(3);
            await Task.WhenAll(instances.Select(instance => Task.Run(
                () =>
                {
                    go.SignalAndWait(Ct);
                    _ = instance.Server;
                },
                Ct)));

            foreach (var instance in instances)
            {
                (await instance.CreateClient().GetAsync("/health/ready", Ct)).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
            }

            await using var db = database.CreateContext();
            (await db.Roles.Select(r => r.Name).ToListAsync(Ct)).Should().BeEquivalentTo(Marketplace.Core.Identity.Roles.All);
            (await db.Users.CountAsync(u => u.Email == DemoDataSeeder.AdminEmail, Ct)).Should().Be(1, "the demo is seeded once");
            (await db.DataProtectionKeys.CountAsync(Ct)).Should().Be(1, "one key ring, made once under the start-up lock");
            (await db.Database.GetAppliedMigrationsAsync(Ct)).Should().NotBeEmpty();
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task With_no_configuration_the_app_runs_on_sqlite_with_demo_data()
    {
        // Development, as `dotnet run` starts it: that environment also validates every service registration at start-up.
        var settings = new Dictionary<string, string?> { ["Database:SeedDemo"] = null };
        await using var factory = new MarketplaceAppFactory(database: null, environment: "Development", settings: settings);
        var client = factory.CreateClient();

        var home = await client.GetDocumentAsync("/");
        var search = await client.GetDocumentAsync("/Search?q=linen");
        var firstListing = home.QuerySelector(".listing-card a")!.GetAttribute("href")!;
        var listing = await client.GetDocumentAsync(firstListing);

        File.Exists(Path.Combine(factory.DataPath, "marketplace.db")).Should().BeTrue();
        home.QuerySelectorAll(".listing-card").Length.Should().Be(12);
        search.Texts(".listing-card .card-title").Should().Contain(t => t.Contains("Linen", StringComparison.Ordinal));
        listing.QuerySelectorAll("#shipping-options li, #no-shipping").Length.Should().BeGreaterThan(0);
    }

    [Trait("Suite", "Security")]
    [Fact]
    public async Task In_production_the_demo_comes_only_when_asked_for_and_its_accounts_never_have_the_published_password()
    {
        // Settings left unset (null) so that only the app's own appsettings files and the environment decide.
        await using var plain = new MarketplaceAppFactory(database: null, environment: "Production", settings: new Dictionary<string, string?> { ["Database:SeedDemo"] = null });
        (await plain.CreateClient().GetAsync("/", Ct)).IsSuccessStatusCode.Should().BeTrue();
        await using var asked = new MarketplaceAppFactory(database: null, environment: "Production", settings: new Dictionary<string, string?> { ["Database:SeedDemo"] = "true" });
        var client = asked.CreateBrowserLikeClient();

        var login = await client.LogInAsync(DemoDataSeeder.AdminEmail, DemoDataSeeder.Password);

        await using (var db = plain.CreateDbContext())
        {
            (await db.Users.CountAsync(Ct)).Should().Be(0, "nobody asked for the demo");
        }

        await using var seeded = asked.CreateDbContext();
        (await seeded.Users.CountAsync(Ct)).Should().BeGreaterThan(5);
        login.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Identity/Account/Login", "the published demo password opens nothing in production");
        (await Html.ParseAsync(login)).Text("#main-nav").Should().NotContain("Admin");
    }
}

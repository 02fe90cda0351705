using Marketplace.Core.Data;
using Marketplace.Data.Sqlite;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.IntegrationTests;

public sealed class PersistenceTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_writers_of_the_same_variants_stock_cannot_both_win_on_postgres()
    {
        var variantId = await SeedVariantAsync();
        await using var first = Factory.CreateDbContext();
        await using var second = Factory.CreateDbContext();

        await StockRaceAsync(first, second, variantId);

        await using var check = Factory.CreateDbContext();
        var variant = await check.ListingVariants.SingleAsync(v => v.Id == variantId, Ct);
        variant.Stock.Should().Be(0, "only the first writer's reservation landed");
        variant.Version.Should().Be(1);
    }

    [Fact]
    public async Task Two_writers_of_the_same_variants_stock_cannot_both_win_on_sqlite()
    {
        using var sqlite = new SqliteFile();
        await using (var setup = sqlite.CreateContext())
        {
            await setup.Database.MigrateAsync(Ct);
        }

        var (seller, category, listing) = NewListing();
        await using (var db = sqlite.CreateContext())
        {
            db.AddRange(category);
            await db.SaveChangesAsync(Ct);
            db.Users.Add(new Core.Identity.AppUser { Id = seller.UserId, UserName = "s@test.local", Email = "s@test.local" });
            db.Sellers.Add(seller);
            db.Listings.Add(listing);
            await db.SaveChangesAsync(Ct);
        }

        await using var first = sqlite.CreateContext();
        await using var second = sqlite.CreateContext();
        await StockRaceAsync(first, second, listing.Variants[0].Id);
    }

    [Fact]
    public async Task Timestamps_compare_and_sort_in_sql_the_same_on_sqlite_as_on_postgres()
    {
        using var sqlite = new SqliteFile();
        await using (var setup = sqlite.CreateContext())
        {
            await setup.Database.MigrateAsync(Ct);
        }

        var now = Factory.Clock.GetUtcNow();
        var category = await Catalog.CategoryAsync("Home");
        var seller = await Catalog.SellerAsync("Store", "FR");
        foreach (var hours in new[] { 5, 1, 30 })
        {
            await Catalog.ListingAsync(seller, category, $"Item {hours}h", publishedAt: now.AddHours(-hours));
        }

        await using (var db = sqlite.CreateContext())
        {
            var sqliteSeller = new Domain.Sellers.Seller(Guid.NewGuid(), "Store", "FR", "", now, true);
            db.Users.Add(new Core.Identity.AppUser { Id = sqliteSeller.UserId, UserName = "t@test.local", Email = "t@test.local" });
            var sqliteCategory = new Category("Home", "home");
            db.AddRange(sqliteCategory, sqliteSeller);
            foreach (var hours in new[] { 5, 1, 30 })
            {
                var listing = new Listing(sqliteSeller.Id, sqliteCategory.Id, $"Item {hours}h", "", 2, "USD", now.AddHours(-hours));
                listing.AddVariant("S" + hours, "One", new Money(100, "USD"), 1);
                listing.AddShippingOption(null, ShippingMethod.Standard, "Post", new Money(0, "USD"), 1, 2);
                listing.Publish(now.AddHours(-hours));
                db.Listings.Add(listing);
            }

            await db.SaveChangesAsync(Ct);
        }

        var cutoff = now.AddHours(-2);
        await using var postgres = Factory.CreateDbContext();
        await using var embedded = sqlite.CreateContext();
        var fromPostgres = await postgres.Listings.Where(l => l.PublishedAt < cutoff).OrderByDescending(l => l.PublishedAt).Select(l => l.Title).ToListAsync(Ct);
        var fromSqlite = await embedded.Listings.Where(l => l.PublishedAt < cutoff).OrderByDescending(l => l.PublishedAt).Select(l => l.Title).ToListAsync(Ct);

        fromPostgres.Should().Equal("Item 5h", "Item 30h");
        fromSqlite.Should().Equal(fromPostgres);
        (await embedded.Listings.MaxAsync(l => l.PublishedAt, Ct)).Should().Be(now.AddHours(-1));
    }

    [Fact]
    public void Neither_migration_set_is_missing_model_changes()
    {
        using var sqlite = new SqliteFile();
        using var sqliteContext = sqlite.CreateContext();
        // The app's own context (from DI), so options the app sets at run time are part of the check.
        using var scope = Factory.Services.CreateScope();
        var postgresContext = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();

        sqliteContext.Database.HasPendingModelChanges().Should().BeFalse("run dotnet ef migrations add for src/Marketplace.Data.Sqlite");
        postgresContext.Database.HasPendingModelChanges().Should().BeFalse("run dotnet ef migrations add for src/Marketplace.Data.Postgres");
    }

    private static async Task StockRaceAsync(MarketplaceDbContext first, MarketplaceDbContext second, Guid variantId)
    {
        var a = await first.ListingVariants.SingleAsync(v => v.Id == variantId, Ct);
        var b = await second.ListingVariants.SingleAsync(v => v.Id == variantId, Ct);
        a.TryReserve(a.Stock).Should().BeTrue();
        b.TryReserve(b.Stock).Should().BeTrue("each writer saw the full stock");

        await first.SaveChangesAsync(Ct);
        var losing = () => second.SaveChangesAsync(Ct);

        await losing.Should().ThrowAsync<DbUpdateConcurrencyException>();
    }

    private async Task<Guid> SeedVariantAsync()
    {
        var category = await Catalog.CategoryAsync("Pets");
        var seller = await Catalog.SellerAsync("Pet Shop", "US");
        var listing = await Catalog.ListingAsync(seller, category, "Dog bed");
        return listing.Variants[0].Id;
    }

    private static (Domain.Sellers.Seller, Category, Listing) NewListing()
    {
        var now = MarketplaceAppFactory.Start;
        var seller = new Domain.Sellers.Seller(Guid.NewGuid(), "Race Shop", "US", "", now, true);
        var category = new Category("Race", "race");
        var listing = new Listing(seller.Id, category.Id, "Last one", "", 1, "USD", now);
        listing.AddVariant("LAST", "Only", new Money(500, "USD"), 1);
        listing.AddShippingOption(null, ShippingMethod.Standard, "Post", new Money(0, "USD"), 1, 2);
        listing.Publish(now);
        return (seller, category, listing);
    }

    [Fact]
    public async Task Shipping_options_left_without_a_listing_are_removed_when_the_column_becomes_required_on_both_engines()
    {
        using var sqlite = new SqliteFile();
        await using var postgres = await TestDatabase.CreateEmptyAsync();
        foreach (var create in new Func<MarketplaceDbContext>[] { sqlite.CreateContext, () => postgres.CreateContext() })
        {
            await using var db = create();
            var migrator = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>(db);
            var before = db.Database.GetMigrations().TakeWhile(m => !m.EndsWith("_ShippingOptionsBelongToAListing", StringComparison.Ordinal)).Last();
            await migrator.MigrateAsync(before, Ct);
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO "ShippingOptions" ("Id", "Carrier", "DestinationCountry", "ListingId", "MaxDays", "Method", "MinDays", "PriceAmount", "PriceCurrency") VALUES ({0}, 'Post', NULL, NULL, 9, 'Standard', 3, 0, 'USD')""",
                [Guid.NewGuid()],
                Ct);

            await db.Database.MigrateAsync(Ct);

            (await db.Set<ShippingOption>().CountAsync(Ct)).Should().Be(0, $"the orphan is deleted before NOT NULL ({db.Database.ProviderName})");
            (await db.Database.GetPendingMigrationsAsync(Ct)).Should().BeEmpty();
        }
    }

    private sealed class SqliteFile : IDisposable
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), $"marketplace-{Guid.NewGuid():N}.db");

        public MarketplaceDbContext CreateContext() =>
            SqliteDatabase.CreateStandalone($"Data Source={_path}");

        public void Dispose()
        {
            SqliteConnection.ClearAllPools();
            File.Delete(_path);
        }
    }
}

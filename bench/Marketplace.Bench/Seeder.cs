using Marketplace.Core.Identity;
using Marketplace.Data.Postgres;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Sellers;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Marketplace.Bench;

/// <summary>
/// Deterministic catalog for the benchmark: the same titles, specs, prices and shipping for the same count.
/// Words come in three kinds on purpose: common ones (each in roughly 1 listing of 12), rare multi-word
/// phrases (about 1 in 20,000) and words that appear nowhere.
/// </summary>
public static class Seeder
{
    public static readonly string[] CommonTerms = ["wooden", "steel lamp", "cotton", "bowl", "blue"];
    public static readonly string[] RareTerms = ["aurora borealis", "tidal basin teapot", "velvet monsoon"];
    public static readonly string[] NoHitTerms = ["zyxwvutq", "qqqxxjv", "blorptang frim"];

    private static readonly string[] _adjectives = ["Wooden", "Steel", "Cotton", "Linen", "Ceramic", "Glass", "Bamboo", "Leather", "Woollen", "Copper", "Brass", "Silk"];
    private static readonly string[] _nouns = ["lamp", "bowl", "chair", "mug", "scarf", "blanket", "vase", "tray", "basket", "clock", "kettle", "jacket"];
    private static readonly string[] _colours = ["blue", "green", "red", "black", "white", "amber", "olive", "grey", "navy", "sand", "rose", "teal"];
    private static readonly string[] _rarePhrases = ["Aurora borealis", "Tidal basin teapot", "Velvet monsoon"];
    private static readonly string[] _countries = ["US", "DE", "FR", "GB", "JP", "CN", "BR", "AU", "CA", "IT"];

    public static async Task<IReadOnlyList<Guid>> SeedAsync(string connectionString, int listings, Action<string> log)
    {
        var random = new Random(20261127);
        var now = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var categories = new List<Category>();
        var sellers = new List<Seller>();
        await using (var db = PostgresDatabase.CreateStandalone(connectionString))
        {
            foreach (var name in new[] { "Home", "Kitchen", "Fashion", "Garden", "Toys", "Office", "Outdoors", "Lighting" })
            {
                categories.Add(new Category(name, Slug.From(name)));
            }

            db.Categories.AddRange(categories);
            for (var s = 0; s < 200; s++)
            {
                var user = new AppUser { UserName = $"bench-seller-{s}@bench.local", NormalizedUserName = $"BENCH-SELLER-{s}@BENCH.LOCAL", Email = $"bench-seller-{s}@bench.local", CreatedAt = now };
                db.Users.Add(user);
                sellers.Add(new Seller(user.Id, $"Bench Store {s:000}", _countries[s % _countries.Length], "", now.AddDays(-s), approved: true));
            }

            db.Sellers.AddRange(sellers);
            await db.SaveChangesAsync();
        }

        // Listings go in with PostgreSQL's binary COPY: built as entities (the domain's own rules), tracked by a DbContext
        // that never saves, and written table by table from EF Core's mapping (columns, converters, complex types), so the
        // rows are the ones SaveChanges would have written, ~10x faster (issue 18: 1,000,000 in under 3 minutes).
        var sample = new List<Guid>();
        const int batch = 5000;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        List<string> deferred = [];
        var tables = new HashSet<string>();
        // Building a batch (this process's CPU) overlaps the COPY of the one before (the database's CPU): one batch ahead.
        Task<Marketplace.Core.Data.MarketplaceDbContext> Prepare(int start) => Task.Run(() =>
        {
            var db = PostgresDatabase.CreateStandalone(connectionString);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(listings, start + batch); i++)
            {
                var listing = Build(i, random, categories, sellers, now);
                db.Listings.Add(listing);
                if (i % 997 == 0)
                {
                    sample.Add(listing.Id);
                }
            }

            return db;
        });

        var next = Prepare(0);
        for (var start = 0; start < listings; start += batch)
        {
            if (start == batch)
            {
                // The first batch went in with every index (so its tables are known); the rest go in without the tables'
                // secondary indexes, which are built once at the end: a GIN index built in one pass is several times
                // cheaper than one grown row by row.
                deferred = await DropSecondaryIndexesAsync(connection, tables);
            }

            await using var db = await next;
            if (start + batch < listings)
            {
                next = Prepare(start + batch);
            }

            await CopyAsync(connection, db, tables);
            if ((start / batch) % 20 == 0)
            {
                log($"seeded {Math.Min(listings, start + batch):N0} / {listings:N0} listings");
            }
        }

        if (deferred.Count > 0)
        {
            log($"building {deferred.Count} deferred indexes");
            await using (var command = new NpgsqlCommand("SET maintenance_work_mem = '1GB'", connection))
            {
                await command.ExecuteNonQueryAsync();
            }

            foreach (var definition in deferred)
            {
                await using var command = new NpgsqlCommand(definition, connection) { CommandTimeout = 0 };
                await command.ExecuteNonQueryAsync();
            }
        }

        await using (var db = PostgresDatabase.CreateStandalone(connectionString))
        {
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        }

        return sample;
    }

    /// <summary>Drops the indexes of <paramref name="tables"/> that no constraint owns (not the primary keys) and returns their definitions.</summary>
    private static async Task<List<string>> DropSecondaryIndexesAsync(NpgsqlConnection connection, IReadOnlyCollection<string> tables)
    {
        var definitions = new List<(string Name, string Definition)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ANY(@tables)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """, connection))
        {
            command.Parameters.AddWithValue("tables", tables.ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                definitions.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in definitions)
        {
            await using var drop = new NpgsqlCommand($"DROP INDEX \"{name}\"", connection);
            await drop.ExecuteNonQueryAsync();
        }

        return definitions.Select(d => d.Definition).ToList();
    }

    /// <summary>Writes every entity <paramref name="db"/> tracks with binary COPY, principals' tables first (foreign keys); adds the tables it wrote to <paramref name="tables"/> if given.</summary>
    internal static async Task CopyAsync(NpgsqlConnection connection, DbContext db, HashSet<string>? tables = null)
    {
        var groups = db.ChangeTracker.Entries().GroupBy(e => e.Metadata).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var type in PostgresBulk.PrincipalsFirst(groups.Keys))
        {
            var table = type.GetTableName()!;
            tables?.Add(table);
            var columns = PostgresBulk.Columns(type);
            await using var writer = await connection.BeginBinaryImportAsync(
                $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)");
            foreach (var entry in groups[type])
            {
                await writer.StartRowAsync();
                foreach (var column in columns)
                {
                    if (column.Value(entry) is { } value)
                    {
                        await writer.WriteAsync(value, column.StoreType);
                    }
                    else
                    {
                        await writer.WriteNullAsync();
                    }
                }
            }

            await writer.CompleteAsync();
        }
    }

    private static Listing Build(int i, Random random, List<Category> categories, List<Seller> sellers, DateTimeOffset now)
    {
        var adjective = _adjectives[random.Next(_adjectives.Length)];
        var noun = _nouns[random.Next(_nouns.Length)];
        var colour = _colours[random.Next(_colours.Length)];
        var title = i % 20_000 == 7 ? $"{_rarePhrases[i / 20_000 % _rarePhrases.Length]} {noun}" : $"{adjective} {noun} in {colour}";
        var description = $"A {adjective.ToLowerInvariant()} {noun} made with care. Item number {i}. Ships worldwide with tracking.";
        var published = now.AddMinutes(-i);
        var listing = new Listing(sellers[i % sellers.Count].Id, categories[i % categories.Count].Id, title, description, 1 + (i % 5), "USD", published);
        listing.SetSpecs([("Material", adjective), ("Colour", colour)], published);
        var price = 500 + random.Next(0, 20_000);
        listing.AddVariant($"B{i}-1", "Standard", new Money(price, "USD"), random.Next(0, 50));
        if (i % 3 == 0)
        {
            listing.AddVariant($"B{i}-2", "Large", new Money(price + 500, "USD"), random.Next(0, 50));
        }

        var home = sellers[i % sellers.Count].CountryCode;
        listing.AddShippingOption(home, ShippingMethod.Standard, "Post", new Money(0, "USD"), 1, 4);
        if (i % 4 != 0)
        {
            listing.AddShippingOption(null, ShippingMethod.EconomyMail, "Post", new Money(random.Next(0, 3) * 499, "USD"), 8, 25);
        }

        listing.Publish(published);
        return listing;
    }
}

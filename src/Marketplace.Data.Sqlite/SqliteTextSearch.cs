using Marketplace.Core.Catalog;
using Marketplace.Core.Data;
using Marketplace.Domain.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Data.Sqlite;

/// <summary>
/// The embedded default's search: SQLite's FTS5 over title, specs and description (<see cref="SqliteSearchIndex"/>) with
/// the Porter stemmer, so plurals and word forms match ("lamps" finds "Brass lamp", "batteries" finds "battery"), and
/// the last word as a prefix (search as you type). Words in scripts the tokenizer can't split into words (Chinese,
/// Japanese) are matched as text anywhere, as before. Every word must match; title hits rank first.
/// </summary>
public sealed class SqliteTextSearch : ITextSearch
{
    public IQueryable<Listing> Matching(MarketplaceDbContext db, IQueryable<Listing> listings, string text)
    {
        var words = SearchWords.Of(text);
        var indexed = words.Where(SqliteSearchIndex.Splits).ToList();
        if (indexed.Count > 0)
        {
            // Each word quoted (letters and digits only, so nothing in it is FTS5 syntax); the query's last word a prefix.
            var match = string.Join(' ', indexed.Select(w => "\"" + w + "\"" + (ReferenceEquals(w, words[^1]) ? "*" : string.Empty)));
            var ids = db.Database.SqlQuery<Guid>(
                $"""SELECT l."Id" AS "Value" FROM "ListingSearch" s JOIN "Listings" l ON l.rowid = s.rowid WHERE "ListingSearch" MATCH {match}""");
            listings = listings.Where(l => ids.Contains(l.Id));
        }

        foreach (var word in words.Where(w => !SqliteSearchIndex.Splits(w)))
        {
            listings = listings.Where(l => l.Title.ToLower().Contains(word) || l.SpecsText.ToLower().Contains(word) || l.Description.ToLower().Contains(word));
        }

        return listings;
    }

    public IOrderedQueryable<Listing> ByRelevance(IQueryable<Listing> listings, string text)
    {
        var words = SearchWords.Of(text);
        var first = words.Count > 0 ? words[0] : string.Empty;
        return listings
            .OrderByDescending(l => l.Title.ToLower().Contains(first))
            .ThenByDescending(l => l.SpecsText.ToLower().Contains(first))
            .ThenByDescending(l => l.PublishedAt);
    }

    /// <summary>SQLite has no useful estimate: searches are always counted (up to the cap).</summary>
    public Task<double?> EstimateMatchesAsync(IQueryable<Listing> listings, string? text, CancellationToken ct) => Task.FromResult<double?>(null);
}

/// <summary>
/// The FTS5 index behind <see cref="SqliteTextSearch"/>: an external-content table over the listings' title, specs and
/// description, kept in step by triggers. Made (or mended) and rebuilt at every start, after the migrations: a future
/// migration that rebuilds the listings table drops its triggers and renumbers its rows, and the next start puts both
/// right. Not a migration itself for the same reason. Rebuilding reads every listing (a second per ~100,000).
/// </summary>
public static class SqliteSearchIndex
{
    private const string Columns = "\"Title\", \"SpecsText\", \"Description\"";

    /// <summary>Whether the tokenizer splits <paramref name="word"/> as a word: Latin letters and digits (not CJK runs).</summary>
    public static bool Splits(string word) => word.All(c => c < '\u0250');

    public static async Task EnsureAsync(MarketplaceDbContext db, CancellationToken ct = default)
    {
        await db.Database.ExecuteSqlRawAsync(
            $"""
            CREATE VIRTUAL TABLE IF NOT EXISTS "ListingSearch" USING fts5({Columns}, content='Listings', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2');
            CREATE TRIGGER IF NOT EXISTS "Listings_search_insert" AFTER INSERT ON "Listings" BEGIN
                INSERT INTO "ListingSearch"(rowid, {Columns}) VALUES (new.rowid, new."Title", new."SpecsText", new."Description");
            END;
            CREATE TRIGGER IF NOT EXISTS "Listings_search_delete" AFTER DELETE ON "Listings" BEGIN
                INSERT INTO "ListingSearch"("ListingSearch", rowid, {Columns}) VALUES ('delete', old.rowid, old."Title", old."SpecsText", old."Description");
            END;
            CREATE TRIGGER IF NOT EXISTS "Listings_search_update" AFTER UPDATE OF {Columns} ON "Listings" BEGIN
                INSERT INTO "ListingSearch"("ListingSearch", rowid, {Columns}) VALUES ('delete', old.rowid, old."Title", old."SpecsText", old."Description");
                INSERT INTO "ListingSearch"(rowid, {Columns}) VALUES (new.rowid, new."Title", new."SpecsText", new."Description");
            END;
            INSERT INTO "ListingSearch"("ListingSearch") VALUES ('rebuild');
            """,
            ct);
    }
}

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
            // FTS5's table-valued form, mapped (SqliteModelCustomizer): a parameter of a mapped function keeps the statement's
            // SQL in EF Core's cache, where SqlQuery with a parameter made it generate the SQL again for every search.
            var ids = db.TextMatches(match).Select(m => m.Id);
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

    /// <summary>From FTS5's own vocabulary of the titles (<c>fts5vocab</c> over <c>ListingWords</c>), a range of its sorted terms.</summary>
    public Task<IReadOnlyList<SearchTerm>> TermsLikeAsync(MarketplaceDbContext db, string word, CancellationToken ct) =>
        SearchTerm.QueryAsync(
            db,
            """
            SELECT term, doc FROM "ListingWordsVocab" WHERE term = $word
            UNION
            SELECT * FROM (
                SELECT term, doc FROM "ListingWordsVocab"
                WHERE term >= $from AND term < $to AND length(term) BETWEEN $shortest AND $longest
                ORDER BY doc DESC LIMIT 2000)
            """,
            [("$word", word), ("$from", word[..1]), ("$to", ((char)(word[0] + 1)).ToString()), ("$shortest", word.Length - 2), ("$longest", word.Length + 2)],
            ct);

    /// <summary>Nothing to do: triggers keep the titles' index, and so its vocabulary, in step.</summary>
    public Task<bool> RefreshTermsAsync(MarketplaceDbContext db, CancellationToken ct) => Task.FromResult(true);
}

/// <summary>
/// The FTS5 index behind <see cref="SqliteTextSearch"/>: an external-content table over the listings' title, specs and
/// description (and their ids, not indexed, so a match gives the listing's id without a join), kept in step by triggers.
/// Queried in its table-valued form, <c>"ListingText"('words')</c>, as <see cref="MarketplaceDbContext.TextMatches"/>.
/// Made (or mended) and rebuilt at every start, after the migrations: a future
/// migration that rebuilds the listings table drops its triggers and renumbers its rows, and the next start puts both
/// right. Not a migration itself for the same reason. Rebuilding reads every listing (a second per ~100,000).
/// Beside it, <c>ListingWords</c> indexes the titles' words as typed (no stemming) for "did you mean"
/// (<see cref="SqliteTextSearch.TermsLikeAsync"/>): its vocabulary holds every title's words, and a suggestion is only
/// offered when searching it finds a visible listing.
/// </summary>
public static class SqliteSearchIndex
{
    /// <summary>The FTS5 table; its <c>Id</c> column (not indexed) is the listing's, read from <c>Listings</c> by row.</summary>
    public const string Table = "ListingText";

    private const string Columns = "\"Title\", \"SpecsText\", \"Description\"";

    /// <summary>Whether the tokenizer splits <paramref name="word"/> as a word: Latin letters and digits (not CJK runs).</summary>
    public static bool Splits(string word) => word.All(c => c < '\u0250');

    public static async Task EnsureAsync(MarketplaceDbContext db, CancellationToken ct = default)
    {
        await db.Database.ExecuteSqlRawAsync(
            $"""
            DROP TRIGGER IF EXISTS "Listings_search_insert";
            DROP TRIGGER IF EXISTS "Listings_search_delete";
            DROP TRIGGER IF EXISTS "Listings_search_update";
            DROP TABLE IF EXISTS "ListingSearch";
            CREATE VIRTUAL TABLE IF NOT EXISTS "{Table}" USING fts5("Id" UNINDEXED, {Columns}, content='Listings', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2');
            CREATE TRIGGER IF NOT EXISTS "Listings_text_insert" AFTER INSERT ON "Listings" BEGIN
                INSERT INTO "{Table}"(rowid, "Id", {Columns}) VALUES (new.rowid, new."Id", new."Title", new."SpecsText", new."Description");
            END;
            CREATE TRIGGER IF NOT EXISTS "Listings_text_delete" AFTER DELETE ON "Listings" BEGIN
                INSERT INTO "{Table}"("{Table}", rowid, "Id", {Columns}) VALUES ('delete', old.rowid, old."Id", old."Title", old."SpecsText", old."Description");
            END;
            CREATE TRIGGER IF NOT EXISTS "Listings_text_update" AFTER UPDATE OF {Columns} ON "Listings" BEGIN
                INSERT INTO "{Table}"("{Table}", rowid, "Id", {Columns}) VALUES ('delete', old.rowid, old."Id", old."Title", old."SpecsText", old."Description");
                INSERT INTO "{Table}"(rowid, "Id", {Columns}) VALUES (new.rowid, new."Id", new."Title", new."SpecsText", new."Description");
            END;
            INSERT INTO "{Table}"("{Table}") VALUES ('rebuild');
            CREATE VIRTUAL TABLE IF NOT EXISTS "ListingWords" USING fts5("Title", content='Listings', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
            CREATE TRIGGER IF NOT EXISTS "Listings_words_insert" AFTER INSERT ON "Listings" BEGIN
                INSERT INTO "ListingWords"(rowid, "Title") VALUES (new.rowid, new."Title");
            END;
            CREATE TRIGGER IF NOT EXISTS "Listings_words_delete" AFTER DELETE ON "Listings" BEGIN
                INSERT INTO "ListingWords"("ListingWords", rowid, "Title") VALUES ('delete', old.rowid, old."Title");
            END;
            CREATE TRIGGER IF NOT EXISTS "Listings_words_update" AFTER UPDATE OF "Title" ON "Listings" BEGIN
                INSERT INTO "ListingWords"("ListingWords", rowid, "Title") VALUES ('delete', old.rowid, old."Title");
                INSERT INTO "ListingWords"(rowid, "Title") VALUES (new.rowid, new."Title");
            END;
            INSERT INTO "ListingWords"("ListingWords") VALUES ('rebuild');
            CREATE VIRTUAL TABLE IF NOT EXISTS "ListingWordsVocab" USING fts5vocab('ListingWords', 'row');
            """,
            ct);
    }
}

/// <summary>
/// Adds what only SQLite has to the shared model: <see cref="MarketplaceDbContext.TextMatches"/> as the FTS5 table's
/// table-valued form (<see cref="SqliteSearchIndex"/>), and its row type, which no migration makes a table of.
/// </summary>
public sealed class SqliteModelCustomizer(Microsoft.EntityFrameworkCore.Infrastructure.ModelCustomizerDependencies dependencies)
    : Microsoft.EntityFrameworkCore.Infrastructure.RelationalModelCustomizer(dependencies)
{
    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        base.Customize(modelBuilder, context);
        modelBuilder.Entity<TextMatch>().HasNoKey().ToTable((string?)null);
        modelBuilder.HasDbFunction(typeof(MarketplaceDbContext).GetMethod(nameof(MarketplaceDbContext.TextMatches))!).HasName(SqliteSearchIndex.Table);
    }
}

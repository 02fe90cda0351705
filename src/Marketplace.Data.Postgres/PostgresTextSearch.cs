using System.Data;
using System.Data.Common;
using System.Text.Json;
using Marketplace.Core.Catalog;
using Marketplace.Domain.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace Marketplace.Data.Postgres;

/// <summary>
/// PostgreSQL full-text search over the stored, weighted <c>SearchVector</c> column (title A, specs B,
/// description C, English stemming) and its GIN index. The last word is a prefix so results follow typing.
/// </summary>
public sealed class PostgresTextSearch : ITextSearch
{
    public const string Config = "english";
    public const string VectorColumn = "SearchVector";

    public IQueryable<Listing> Matching(Marketplace.Core.Data.MarketplaceDbContext db, IQueryable<Listing> listings, string text)
    {
        var query = ToTsQuery(text);
        return query is null
            ? listings
            : listings.Where(l => EF.Property<NpgsqlTsVector>(l, VectorColumn).Matches(EF.Functions.ToTsQuery(Config, query)));
    }

    public IOrderedQueryable<Listing> ByRelevance(IQueryable<Listing> listings, string text)
    {
        var query = ToTsQuery(text) ?? string.Empty;
        return listings
            .OrderByDescending(l => EF.Property<NpgsqlTsVector>(l, VectorColumn).RankCoverDensity(EF.Functions.ToTsQuery(Config, query)))
            .ThenByDescending(l => l.PublishedAt);
    }

    /// <summary>
    /// How many of <paramref name="listings"/> hold every word, without running the search: the planner's
    /// row estimate for the listings (<c>EXPLAIN</c>, so price and shipping filters count) times the share of
    /// listings holding each word, from the most common lexemes ANALYZE keeps for the search vector. A word
    /// that isn't among them counts as rare (share 0). The planner's own full-text estimate isn't used: it
    /// gives every unknown word or prefix a floor of about 0.5% of the table, which would make a search that
    /// matches nothing look broad.
    /// </summary>
    public async Task<double?> EstimateMatchesAsync(IQueryable<Listing> listings, string? text, CancellationToken ct)
    {
        await using var explain = listings.Select(l => l.Id).CreateDbCommand();
        // Under a LIMIT the plan is cheap, so PostgreSQL neither JIT-compiles it (a full scan's estimated cost at 1,000,000
        // listings passes jit_above_cost, and EXPLAIN alone then spent ~1.5 ms setting JIT up) nor weighs parallel plans;
        // the rows estimate below the Limit is the same.
        explain.CommandText = "EXPLAIN (FORMAT JSON) SELECT 1 FROM (" + explain.CommandText + ") AS estimated LIMIT 1";
        var connection = explain.Connection!;
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(ct);
        }

        try
        {
            var rows = PlanRows(await explain.ExecuteScalarAsync(ct) as string);
            return text is null ? rows : rows * await WordsShareAsync(connection, text, ct);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    /// <summary>The row estimate of the top node under any <c>Limit</c> in an <c>EXPLAIN (FORMAT JSON)</c> result.</summary>
    public static double PlanRows(string? explainJson)
    {
        using var json = JsonDocument.Parse(explainJson ?? "[]");
        var node = json.RootElement[0].GetProperty("Plan");
        while (node.GetProperty("Node Type").GetString() == "Limit" && node.TryGetProperty("Plans", out var below))
        {
            node = below[0];
        }

        return node.GetProperty("Plan Rows").GetDouble();
    }

    /// <summary>
    /// The share of listings holding every word of <paramref name="text"/> (the last one as a prefix), as
    /// if words were independent, from <c>pg_stats.most_common_elems</c> of the search vector; 0 when a word
    /// isn't common enough to be listed there or when the text has no words but stop words.
    /// </summary>
    public static async Task<double> WordsShareAsync(DbConnection connection, string text, CancellationToken ct)
    {
        var words = SearchWords.Of(text);
        await using var command = connection.CreateCommand();
        command.CommandText = WordSharesSql;
        command.Parameters.Add(new NpgsqlParameter("words", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = words.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("last", NpgsqlDbType.Bigint) { Value = (long)words.Count });
        // Prepared once per pooled connection (Npgsql keeps it across opens): planning the pg_stats view took 0.5-0.7 ms
        // of each search's database time, and the plan doesn't depend on the words, so after five runs PostgreSQL keeps
        // a generic one (0.02 ms). The statistics are read when it runs, as before.
        await command.PrepareAsync(ct);
        double share = 1;
        var lexemes = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            share *= reader.GetDouble(0);
            lexemes++;
        }

        return lexemes == 0 ? 0 : share;
    }

    private const string WordSharesSql = $"""
        WITH mce AS (
            SELECT u.elem, u.freq
            FROM pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS u(elem, freq)
            WHERE s.schemaname = current_schema() AND s.tablename = 'Listings' AND s.attname = '{VectorColumn}' AND u.elem IS NOT NULL)
        SELECT least(1, coalesce(CASE WHEN w.ord = @last
                   THEN (SELECT sum(m.freq) FROM mce m WHERE starts_with(m.elem, x.lexeme))
                   ELSE (SELECT max(m.freq) FROM mce m WHERE m.elem = x.lexeme) END, 0))::float8
        FROM unnest(@words) WITH ORDINALITY AS w(word, ord)
        CROSS JOIN LATERAL unnest(tsvector_to_array(to_tsvector('{Config}', w.word))) AS x(lexeme)
        """;

    /// <summary>
    /// From the <c>ListingWords</c> materialized view (every word of the live listings' titles, as typed, with how many
    /// hold it): the words pg_trgm finds similar (its <c>%</c> operator, over a trigram GIN index) and those with the
    /// word's first letter and a length within two of it (a transposed short word shares few trigrams: "lmap").
    /// </summary>
    public Task<IReadOnlyList<SearchTerm>> TermsLikeAsync(Marketplace.Core.Data.MarketplaceDbContext db, string word, CancellationToken ct) =>
        SearchTerm.QueryAsync(
            db,
            """
            (SELECT "Word", "Listings" FROM "ListingWords" WHERE "Word" = @word)
            UNION
            (SELECT "Word", "Listings" FROM "ListingWords" WHERE "Word" % @word ORDER BY similarity("Word", @word) DESC LIMIT 200)
            UNION
            (SELECT "Word", "Listings" FROM "ListingWords"
             WHERE "Word" >= @from AND "Word" < @to AND length("Word") BETWEEN @shortest AND @longest ORDER BY "Listings" DESC LIMIT 2000)
            """,
            [("@word", word), ("@from", word[..1]), ("@to", ((char)(word[0] + 1)).ToString()), ("@shortest", word.Length - 2), ("@longest", word.Length + 2)],
            ct);

    /// <summary>The advisory lock one refresh of <c>ListingWords</c> holds, so instances don't each re-read every title at once.</summary>
    public const long TermsRefreshLock = 0x4D6B_7457_6F72_6473; // "MktWords"

    /// <summary>
    /// Re-reads the live listings' title words into <c>ListingWords</c>, without blocking readers; skipped (false) while
    /// another instance's refresh holds <see cref="TermsRefreshLock"/>.
    /// </summary>
    public async Task<bool> RefreshTermsAsync(Marketplace.Core.Data.MarketplaceDbContext db, CancellationToken ct)
    {
        // Reads every live listing's title: minutes are allowed at a few million listings.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await db.Database.SqlQueryRaw<bool>($"SELECT pg_try_advisory_xact_lock({TermsRefreshLock}) AS \"Value\"").SingleAsync(ct))
        {
            return false;
        }

        await db.Database.ExecuteSqlRawAsync("""REFRESH MATERIALIZED VIEW CONCURRENTLY "ListingWords" """, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>"linen shi" → "linen &amp; shi:*". Only letters and digits reach PostgreSQL's parser.</summary>
    public static string? ToTsQuery(string text)
    {
        var words = SearchWords.Of(text);
        return words.Count == 0 ? null : string.Join(" & ", words.Select((w, i) => i == words.Count - 1 ? w + ":*" : w));
    }
}

/// <summary>Adds what only PostgreSQL has to the shared model: the generated search vector and its GIN index.</summary>
public sealed class PostgresModelCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
{
    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        base.Customize(modelBuilder, context);
        modelBuilder.Entity<Listing>(listing =>
        {
            listing.Property<NpgsqlTsVector>(PostgresTextSearch.VectorColumn)
                .HasComputedColumnSql(
                    $"setweight(to_tsvector('{PostgresTextSearch.Config}', coalesce(\"Title\", '')), 'A') || " +
                    $"setweight(to_tsvector('{PostgresTextSearch.Config}', coalesce(\"SpecsText\", '')), 'B') || " +
                    $"setweight(to_tsvector('{PostgresTextSearch.Config}', coalesce(\"Description\", '')), 'C')",
                    stored: true);
            listing.HasIndex(PostgresTextSearch.VectorColumn).HasMethod("GIN");
        });
    }
}

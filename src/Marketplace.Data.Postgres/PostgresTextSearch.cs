using Marketplace.Core.Catalog;
using Marketplace.Domain.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
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

    public IQueryable<Listing> Matching(IQueryable<Listing> listings, string text)
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

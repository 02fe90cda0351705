using Marketplace.Core.Catalog;
using Marketplace.Domain.Catalog;

namespace Marketplace.Data.Sqlite;

/// <summary>The embedded default's search: every word must appear in the title, specs or description; title hits rank first.</summary>
public sealed class SqliteTextSearch : ITextSearch
{
    public IQueryable<Listing> Matching(IQueryable<Listing> listings, string text)
    {
        foreach (var word in SearchWords.Of(text))
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

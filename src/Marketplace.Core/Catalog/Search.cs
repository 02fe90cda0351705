using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;

namespace Marketplace.Core.Catalog;

public enum SearchSort
{
    Relevance,
    PriceLowToHigh,
    PriceHighToLow,
    Newest,
}

/// <summary>What the buyer asked for: words, a category, a price range (in the buyer's currency), shipping filters, a sort.</summary>
public sealed record SearchRequest(
    string? Text = null,
    string? CategorySlug = null,
    Money? MinPrice = null,
    Money? MaxPrice = null,
    bool ShipsToDestination = false,
    bool FreeShipping = false,
    SearchSort Sort = SearchSort.Relevance,
    int Page = 1,
    int? MinRating = null);

/// <summary>A category with its matches; <see cref="Count"/> is null for a broad search (not counted).</summary>
public sealed record CategoryFacet(string Name, string Slug, int? Count);

public sealed record SearchResult(Page<ListingCard> Listings, IReadOnlyList<CategoryFacet> Facets, CategoryLink? Category);

/// <summary>
/// The engine-specific half of search: matching words and ranking. PostgreSQL uses weighted full-text
/// search (title above specs above description, stemming, prefix on the word being typed) over a GIN
/// index; SQLite, the embedded default, matches substrings and ranks title hits first.
/// </summary>
public interface ITextSearch
{
    /// <summary>The listings of <paramref name="listings"/> (a query on <paramref name="db"/>) matching every word of <paramref name="text"/>.</summary>
    IQueryable<Listing> Matching(Data.MarketplaceDbContext db, IQueryable<Listing> listings, string text);

    IOrderedQueryable<Listing> ByRelevance(IQueryable<Listing> listings, string text);

    /// <summary>
    /// The engine's estimate of how many of <paramref name="listings"/> match <paramref name="text"/> (all
    /// of them when null), without running the search; null when the engine has none.
    /// </summary>
    Task<double?> EstimateMatchesAsync(IQueryable<Listing> listings, string? text, CancellationToken ct);
}

public static class SearchWords
{
    /// <summary>The words of a query: letters and digits only, lower case, at most eight.</summary>
    public static IReadOnlyList<string> Of(string? text) =>
        (text ?? string.Empty)
            .Split(c => !char.IsLetterOrDigit(c))
            .Where(w => w.Length > 0)
            .Select(w => w.ToLowerInvariant())
            .Take(8)
            .ToList();

    private static string[] Split(this string text, Func<char, bool> separator)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isSeparator = i == text.Length || separator(text[i]);
            if (!isSeparator && start < 0)
            {
                start = i;
            }
            else if (isSeparator && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
        }

        return [.. words];
    }
}

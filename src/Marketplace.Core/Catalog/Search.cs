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

/// <param name="DidYouMean">For a search with no match: the words spelt as listings spell them, when that finds some ("lmap" → "lamp").</param>
public sealed record SearchResult(Page<ListingCard> Listings, IReadOnlyList<CategoryFacet> Facets, CategoryLink? Category, string? DidYouMean = null);

/// <summary>A row of the embedded default's search index that matched: the listing's id (<see cref="Data.MarketplaceDbContext.TextMatches"/>).</summary>
public sealed class TextMatch
{
    public Guid Id { get; private set; }
}

/// <summary>A word of the listings' titles and how many listings hold it.</summary>
public sealed record SearchTerm(string Word, long Listings)
{
    /// <summary>
    /// Runs <paramref name="sql"/> (rows of word, count) on the context's connection, opened and closed around it when it
    /// was closed: both engines' <see cref="ITextSearch.TermsLikeAsync"/>.
    /// </summary>
    public static async Task<IReadOnlyList<SearchTerm>> QueryAsync(Data.MarketplaceDbContext db, string sql, IEnumerable<(string Name, object Value)> parameters, CancellationToken ct)
    {
        var connection = Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetDbConnection(db.Database);
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(ct);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            var terms = new List<SearchTerm>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                terms.Add(new SearchTerm(reader.GetString(0), reader.GetInt64(1)));
            }

            return terms;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }
}

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

    /// <summary>
    /// Words of the listings' titles that may be what <paramref name="word"/> was meant to be: those with its first letter
    /// and a length within two of it, and on PostgreSQL those pg_trgm finds similar (a wrong first letter too).
    /// </summary>
    Task<IReadOnlyList<SearchTerm>> TermsLikeAsync(Data.MarketplaceDbContext db, string word, CancellationToken ct);

    /// <summary>
    /// Brings the words <see cref="TermsLikeAsync"/> reads up to date, where the engine doesn't keep them so itself; false
    /// when another instance's refresh is running at that moment (this turn is skipped).
    /// </summary>
    Task<bool> RefreshTermsAsync(Data.MarketplaceDbContext db, CancellationToken ct);
}

/// <summary>
/// "Did you mean": each word of a search that found nothing, when the titles lack it, replaced by the closest title
/// word (one edit for words of 3–4 letters, two from 5; a swap counts as one), the most common among equals. Numbers,
/// words under 3 letters and Chinese or Japanese are left as typed.
/// </summary>
public static class DidYouMean
{
    public static async Task<string?> SuggestAsync(ITextSearch search, Data.MarketplaceDbContext db, string text, CancellationToken ct)
    {
        var words = SearchWords.Of(text);
        var changed = false;
        var suggestion = new List<string>(words.Count);
        foreach (var (word, i) in words.Select((w, i) => (w, i)))
        {
            var closest = word;
            if (word.Length >= 3 && word.All(char.IsLetter) && !word.Any(c => c >= '\u2E80'))
            {
                var terms = await search.TermsLikeAsync(db, word, ct);
                var last = i == words.Count - 1;
                if (!terms.Any(t => t.Word == word || (last && t.Word.StartsWith(word, StringComparison.Ordinal))))
                {
                    var allowed = word.Length <= 4 ? 1 : 2;
                    var best = terms
                        .Select(t => (Term: t, Distance: Marketplace.Domain.Trust.Spelling.Distance(word, t.Word)))
                        .Where(x => x.Distance <= allowed)
                        .OrderBy(x => x.Distance).ThenByDescending(x => x.Term.Listings).ThenBy(x => x.Term.Word, StringComparer.Ordinal)
                        .Select(x => x.Term.Word)
                        .FirstOrDefault();
                    if (best is not null)
                    {
                        closest = best;
                        changed = true;
                    }
                }
            }

            suggestion.Add(closest);
        }

        return changed ? string.Join(' ', suggestion) : null;
    }
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

/// <summary>
/// The job that keeps "did you mean" current where the engine doesn't (PostgreSQL's <c>ListingWords</c> view): at
/// start, then every ten minutes on each instance. Real elapsed time, not the business clock: it is a cache, not a
/// rule. A new listing's words are suggested at most ten minutes after it goes live.
/// </summary>
public sealed class RefreshSearchTerms(ITextSearch search)
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(10);

    private long _refreshedAt = long.MinValue;

    public async Task<int> WhenDueAsync(Data.MarketplaceDbContext db, CancellationToken ct)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _refreshedAt);
        if (last != long.MinValue && now - last < (long)Every.TotalMilliseconds)
        {
            return 0;
        }

        // The attempt counts, failed or not: a refresh that fails isn't retried every tick on every instance.
        Interlocked.Exchange(ref _refreshedAt, now);
        return await search.RefreshTermsAsync(db, ct) ? 1 : 0;
    }
}

using Marketplace.Core.Data;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Sellers;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Catalog;

public sealed record CategoryLink(Guid Id, string Name, string Slug, int ListingCount);

public sealed record ListingCard(
    Guid Id,
    string Title,
    Money PriceFrom,
    string? ThumbnailKey,
    string StoreName,
    string SellerCountry,
    bool ShipsToDestination)
{
    /// <summary>The cheapest way to the buyer's country (null: it doesn't ship there).</summary>
    public CardShipping? Shipping { get; init; }

    public int RatingCount { get; init; }

    public int RatingTotal { get; init; }

    /// <summary>The average of the listing's ratings (null: none yet).</summary>
    public double? Rating => RatingCount == 0 ? null : (double)RatingTotal / RatingCount;
}

/// <summary>A card's cheapest shipping option to the buyer: its price and the days it takes (handling, then transit).</summary>
public sealed record CardShipping(Money Price, int HandlingDays, int MinDays, int MaxDays);

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total)
{
    /// <summary>True when there are more than <see cref="Total"/> items ("1,000+").</summary>
    public bool TotalIsLowerBound { get; init; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// A store's listings that ship where the buyer is; <paramref name="LookedAtEveryListing"/> is false when the store has
/// more listings than were looked through and none of those shipped there.
/// </summary>
public sealed record ShipsInstead(IReadOnlyList<ListingCard> Cards, bool LookedAtEveryListing);

public sealed record ListingDetails(
    Listing Listing,
    string CategoryName,
    string CategorySlug,
    string StoreName,
    string StoreSlug,
    string SellerCountry,
    DateTimeOffset SellerSince);

/// <summary>Read shapes for the buyer's catalog pages. Only published listings of active sellers are shown.</summary>
public sealed class CatalogQueries(MarketplaceDbContext db, ITextSearch textSearch, Exchange.ExchangeRatesStore exchangeRates, CatalogDataCache cache, Microsoft.Extensions.DependencyInjection.IServiceScopeFactory scopes)
{
    public const int PageSize = 24;

    public async Task<IReadOnlyList<CategoryLink>> TopCategoriesAsync(CancellationToken ct = default)
    {
        var categories = await db.Categories.AsNoTracking()
            .Where(c => c.ParentId == null)
            .OrderBy(c => c.Name)
            .Select(c => new { c.Id, c.Name, c.Slug })
            .ToListAsync(ct);
        // Counting every published listing per category is a scan of the whole catalog (~0.3 s at 1,000,000 listings):
        // not ended by listing changes, so re-rendering the home page after a change doesn't recount, and read again in the
        // background once a minute old, so no visitor waits for the scan (docs/decisions.md, "Counts on the home page").
        var counts = await cache.GetRefreshingAsync(
            db,
            "listings-per-category",
            CatalogDataCache.Lifetime,
            scopes,
            (reader, c) => Visible(reader)
                .GroupBy(l => l.CategoryId)
                .Select(g => new { CategoryId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.CategoryId, g => g.Count, c),
            ct);
        var children = await db.Categories.AsNoTracking()
            .Where(c => c.ParentId != null)
            .Select(c => new { c.Id, ParentId = c.ParentId!.Value })
            .ToListAsync(ct);

        return categories
            .Select(c => new CategoryLink(
                c.Id,
                c.Name,
                c.Slug,
                counts.GetValueOrDefault(c.Id) + children.Where(x => x.ParentId == c.Id).Sum(x => counts.GetValueOrDefault(x.Id))))
            .ToList();
    }

    public async Task<IReadOnlyList<ListingCard>> NewestAsync(string destination, int count, CancellationToken ct = default) =>
        await CardsAsync(Visible().OrderByDescending(l => l.PublishedAt).ThenByDescending(l => l.Id).Take(count), destination, ct);

    /// <summary>
    /// Search and browse in one: words (engine-specific matching and ranking), a category with its
    /// subcategories, a price range, "ships to me" and "free shipping to me", a sort, a page, and how many
    /// matches each top-level category holds. Null when the category doesn't exist.
    /// </summary>
    public Task<SearchResult?> SearchAsync(SearchRequest request, string destination, CancellationToken ct = default) =>
        cache.GetOrCreateAsync(db, SearchKey(request, destination), [CatalogTags.Lists], CatalogDataCache.Lifetime, c => ReadSearchAsync(request, destination, c), ct, search: true);

    /// <summary>Everything a result depends on but the data: the request, field by field, and where the buyer ships to.</summary>
    private static string SearchKey(SearchRequest r, string destination) =>
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"search:{destination}|{r.CategorySlug}|{r.MinPrice?.Amount}{r.MinPrice?.Currency}|{r.MaxPrice?.Amount}{r.MaxPrice?.Currency}|{r.ShipsToDestination}|{r.FreeShipping}|{r.Sort}|{r.Page}|{r.MinRating}|{r.Text}");

    private async Task<SearchResult?> ReadSearchAsync(SearchRequest request, string destination, CancellationToken ct)
    {
        var categories = await cache.GetOrCreateAsync(db, "category-tree", [], CatalogDataCache.Lifetime, c => db.Categories.AsNoTracking().Select(x => new { x.Id, x.Name, x.Slug, x.ParentId }).ToListAsync(c), ct);
        CategoryLink? category = null;
        var listings = Visible();
        var text = SearchWords.Of(request.Text).Count > 0 ? request.Text! : null;
        if (text is null && !string.IsNullOrWhiteSpace(request.Text))
        {
            // Only symbols or emoji: no word to look for, so nothing is found (it listed every listing under "Results for “🦊”").
            var asked = request.CategorySlug is null ? null : categories.FirstOrDefault(c => c.Slug == request.CategorySlug);
            return request.CategorySlug is not null && asked is null
                ? null
                : new SearchResult(new Page<ListingCard>([], 1, PageSize, 0), [], asked is null ? null : new CategoryLink(asked.Id, asked.Name, asked.Slug, 0));
        }

        var rates = await exchangeRates.CurrentAsync(ct);
        if (request.MinPrice is { } min)
        {
            listings = PriceFilters.AtLeast(listings, min, rates);
        }

        if (request.MaxPrice is { } max)
        {
            listings = PriceFilters.AtMost(listings, max, rates);
        }

        if (request.MinRating is { } rating and >= 1 and <= 5)
        {
            // Average ≥ rating, in integers so both engines compare exactly.
            listings = listings.Where(l => l.RatingCount > 0 && l.RatingTotal >= rating * l.RatingCount);
        }

        if (request.FreeShipping)
        {
            listings = listings.Where(l =>
                l.ShippingOptions.Any(o => o.DestinationCountry == destination && o.Price.Amount == 0) ||
                (!l.ShippingOptions.Any(o => o.DestinationCountry == destination) &&
                 l.ShippingOptions.Any(o => o.DestinationCountry == null && o.Price.Amount == 0)));
        }
        else if (request.ShipsToDestination)
        {
            listings = listings.Where(l => l.ShippingOptions.Any(o => o.DestinationCountry == destination || o.DestinationCountry == null));
        }

        var query = text is null ? listings : textSearch.Matching(db, listings, text);

        // Counting every match of a broad query costs a visit to every matching row: count up to a cap,
        // and past it show "1,000+" and category links without counts (docs/performance-notes.md).
        var (matches, broad, perCategory, found) = await CountUpToCapAsync(listings, text, query, ct);
        int CountIn(Guid id) => perCategory.GetValueOrDefault(id) + categories.Where(x => x.ParentId == id).Sum(x => perCategory.GetValueOrDefault(x.Id));
        var facets = categories
            .Where(c => c.ParentId is null)
            .Select(c => new CategoryFacet(c.Name, c.Slug, broad ? null : CountIn(c.Id)))
            .Where(f => f.Count is null or > 0)
            .OrderByDescending(f => f.Count)
            .ThenBy(f => f.Name)
            .ToList();

        if (request.CategorySlug is not null)
        {
            var chosen = categories.FirstOrDefault(c => c.Slug == request.CategorySlug);
            if (chosen is null)
            {
                return null;
            }

            var ids = categories.Where(c => c.Id == chosen.Id || c.ParentId == chosen.Id).Select(c => c.Id).ToList();
            listings = listings.Where(l => ids.Contains(l.CategoryId));
            query = query.Where(l => ids.Contains(l.CategoryId));
            if (broad)
            {
                (matches, broad, _, found) = await CountUpToCapAsync(listings, text, query, ct);
            }
            else
            {
                matches = CountIn(chosen.Id);
            }

            category = new CategoryLink(chosen.Id, chosen.Name, chosen.Slug, matches);
        }

        if (!broad)
        {
            // The page is cut from the matches the count found (at most 1,000), named by id: PostgreSQL then plans for
            // those few rows. Left to its own estimate of the words (a word it doesn't know counts as 2% of the table)
            // it started parallel workers for a search that matched nothing (~35 ms each, 7-10 ms of CPU a search).
            query = query.Where(l => found.Contains(l.Id));
        }

        // Ranking computes a score for every match: fine for a narrow query; a broad one lists the newest
        // matches instead, which an index on PublishedAt serves with an early stop.
        var ordered = request.Sort switch
        {
            SearchSort.Relevance when text is not null && !broad => textSearch.ByRelevance(query, text).ThenByDescending(l => l.Id),
            // Deliberately not index-friendly: a narrow search must start from its few matches, not walk
            // every listing by date looking for them (PostgreSQL picks that walk for rare prefixes).
            SearchSort.Newest when text is not null && !broad => query.OrderByDescending(l => l.PublishedAt ?? DateTimeOffset.MinValue).ThenByDescending(l => l.Id),
            SearchSort.Relevance or SearchSort.Newest => query.OrderByDescending(l => l.PublishedAt).ThenByDescending(l => l.Id),
            SearchSort.PriceLowToHigh => query.OrderBy(PriceFilters.InEuros(rates)).ThenByDescending(l => l.PublishedAt).ThenBy(l => l.Id),
            SearchSort.PriceHighToLow => query.OrderByDescending(PriceFilters.InEuros(rates)).ThenByDescending(l => l.PublishedAt).ThenBy(l => l.Id),
        };

        // Nothing found: the words as the titles spell them, offered only when that search finds something here.
        string? didYouMean = null;
        if (matches == 0 && text is not null && await DidYouMean.SuggestAsync(textSearch, db, text, ct) is { } suggestion
            && await textSearch.Matching(db, listings, suggestion).AnyAsync(ct))
        {
            didYouMean = suggestion;
        }

        var page = matches == 0 ? new Page<ListingCard>([], 1, PageSize, 0) : await PageAsync(ordered, destination, request.Page, matches, broad, ct);
        return new SearchResult(page, facets, category, didYouMean);
    }

    /// <summary>Beyond this many matches a search shows "1,000+" and no per-category counts.</summary>
    public const int ExactCountCap = 1000;

    /// <summary>
    /// When the engine expects at least this many matches the search is broad without counting: even a
    /// capped count makes PostgreSQL build the GIN bitmap of every match first (83,000 rows for a common
    /// word at 1,000,000 listings), which costs far more than the page itself.
    /// </summary>
    public const int BroadEstimate = 3 * ExactCountCap;

    /// <summary>
    /// The matches up to the cap and, when there are no more than the cap, which they are and how many each category
    /// holds: one statement that reads at most <see cref="ExactCountCap"/> + 1 matches' ids and categories (it was a
    /// capped count, then a group-by of every match).
    /// </summary>
    private async Task<(int Matches, bool Broad, Dictionary<Guid, int> PerCategory, List<Guid> Ids)> CountUpToCapAsync(IQueryable<Listing> listings, string? text, IQueryable<Listing> query, CancellationToken ct)
    {
        if (await textSearch.EstimateMatchesAsync(listings, text, ct) >= BroadEstimate)
        {
            return (ExactCountCap + 1, true, [], []);
        }

        var matched = await query
            .Select(l => new { l.Id, l.CategoryId })
            .Take(ExactCountCap + 1)
            .ToListAsync(ct);
        return matched.Count > ExactCountCap
            ? (matched.Count, true, [], [])
            : (matched.Count, false, matched.CountBy(m => m.CategoryId).ToDictionary(), matched.Select(m => m.Id).ToList());
    }

    private async Task<Page<ListingCard>> PageAsync(IQueryable<Listing> ordered, string destination, int page, int total, bool totalIsLowerBound, CancellationToken ct)
    {
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var items = await CardsAsync(ordered.Skip((page - 1) * PageSize).Take(PageSize), destination, ct);
        if (totalIsLowerBound && items.Count < PageSize && (items.Count > 0 || page == 1))
        {
            // A short page is the last one: an estimate that was too high still ends in an exact total.
            return new Page<ListingCard>(items, page, PageSize, ((page - 1) * PageSize) + items.Count);
        }

        return new Page<ListingCard>(items, page, PageSize, total) { TotalIsLowerBound = totalIsLowerBound };
    }

    public Task<Page<ListingCard>> SellerListingsAsync(Guid sellerId, string destination, int page, CancellationToken ct = default) =>
        PageAsync(StoreNewestFirst(sellerId), destination, page, ct);

    private IOrderedQueryable<Listing> StoreNewestFirst(Guid sellerId) =>
        Visible().Where(l => l.SellerId == sellerId).OrderByDescending(l => l.PublishedAt).ThenByDescending(l => l.Id);

    /// <summary>How many of a store's newest listings "ships to you instead" looks through (docs/decisions.md).</summary>
    public const int ShipsInsteadLooksAt = 200;

    /// <summary>
    /// The seller's other listings that ship to <paramref name="destination"/>, newest first, among its newest
    /// <see cref="ShipsInsteadLooksAt"/>: what to offer a buyer the listing doesn't reach.
    /// </summary>
    public async Task<ShipsInstead> SellerShippingToAsync(Guid sellerId, Guid exceptListingId, string destination, int count, CancellationToken ct = default)
    {
        // Looks among the store's newest listings only: for a store that ships nowhere near the buyer the walk went through
        // every one of its listings (35-100 ms for 5,000 at 1,000,000 listings, ~400 ms under load), for a suggestion.
        // Read once per store and country and kept like a list page (any listing change ends it).
        var found = await cache.GetOrCreateAsync(
            db,
            $"ships-to:{sellerId:N}:{destination}:{count}",
            [CatalogTags.Lists],
            CatalogDataCache.Lifetime,
            async c =>
            {
                var newest = StoreNewestFirst(sellerId);
                var cards = await CardsAsync(
                    newest
                        .Take(ShipsInsteadLooksAt)
                        .Where(l => l.ShippingOptions.Any(o => o.DestinationCountry == destination || o.DestinationCountry == null))
                        .OrderByDescending(l => l.PublishedAt)
                        .ThenByDescending(l => l.Id)
                        .Take(count + 1),
                    destination,
                    c);
                // "Nothing else ships to you" only when every listing of the store was looked at.
                var everyListing = cards.Count > 0 || !await newest.Skip(ShipsInsteadLooksAt).AnyAsync(c);
                return new ShipsInstead(cards, everyListing);
            },
            ct);
        return found with { Cards = found.Cards.Where(card => card.Id != exceptListingId).Take(count).ToList() };
    }

    /// <summary>
    /// A published listing of an active seller with its parts, or null. Kept in memory until the listing (or any seller,
    /// category, rule) changes: the copy is shared by requests, so it must not be changed.
    /// </summary>
    public Task<ListingDetails?> ListingAsync(Guid id, CancellationToken ct = default) =>
        cache.GetOrCreateAsync(db, $"listing:{id:N}", [CatalogTags.Listing(id)], CatalogDataCache.Lifetime, c => ReadListingAsync(id, c), ct);

    private async Task<ListingDetails?> ReadListingAsync(Guid id, CancellationToken ct)
    {
        var row = await (
                from l in db.Listings.AsNoTracking().AsSplitQuery()
                    .Include(l => l.Variants)
                    .Include(l => l.ShippingOptions)
                join s in db.Sellers on l.SellerId equals s.Id
                join c in db.Categories on l.CategoryId equals c.Id
                where l.Id == id && l.Status == ListingStatus.Published && s.Status == SellerStatus.Active
                select new { Listing = l, Seller = s, c.Name, c.Slug })
            .FirstOrDefaultAsync(ct);

        return row is null
            ? null
            : new ListingDetails(row.Listing, row.Name, row.Slug, row.Seller.StoreName, row.Seller.Slug, row.Seller.CountryCode, row.Seller.CreatedAt);
    }

    private IQueryable<Listing> Visible() => Visible(db);

    private static IQueryable<Listing> Visible(MarketplaceDbContext db) =>
        from l in db.Listings.AsNoTracking()
        join s in db.Sellers on l.SellerId equals s.Id
        where l.Status == ListingStatus.Published && s.Status == SellerStatus.Active
        select l;

    private async Task<Page<ListingCard>> PageAsync(IQueryable<Listing> ordered, string destination, int page, CancellationToken ct) =>
        await PageAsync(ordered, destination, page, await ordered.CountAsync(ct), totalIsLowerBound: false, ct);

    /// <summary>
    /// The cards of <paramref name="listings"/> (already ordered and cut to a page), in their order, in two light
    /// statements: the cards' columns (scalars only: projecting the price as a whole made EF Core read every column of the
    /// listing, descriptions included), then the page's shipping options to <paramref name="destination"/>, the cheapest of
    /// those the checkout offers picked here (a subquery per shipping field per card made the statement long to prepare and
    /// to run, and it picked among the worldwide options too where options for the country replace them).
    /// </summary>
    private async Task<List<ListingCard>> CardsAsync(IQueryable<Listing> listings, string destination, CancellationToken ct)
    {
        var rows = await (
                from l in listings
                join s in db.Sellers on l.SellerId equals s.Id
                select new
                {
                    l.Id,
                    l.Title,
                    l.PriceFrom.Amount,
                    l.PriceFrom.Currency,
                    Thumbnail = l.Images.OrderBy(i => i.Position).Select(i => i.ThumbnailKey).FirstOrDefault(),
                    s.StoreName,
                    s.CountryCode,
                    l.HandlingDays,
                    l.RatingCount,
                    l.RatingTotal,
                })
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToList();
        var options = await db.Set<ShippingOption>()
            .AsNoTracking()
            .Where(o => ids.Contains(EF.Property<Guid>(o, "ListingId")) && (o.DestinationCountry == destination || o.DestinationCountry == null))
            .Select(o => new { ListingId = EF.Property<Guid>(o, "ListingId"), Option = o })
            .ToListAsync(ct);

        // The options the checkout offers (options for the country replace the worldwide ones), cheapest first.
        var cheapest = options
            .GroupBy(o => o.ListingId)
            .ToDictionary(g => g.Key, g => ShippingCoverage.OptionsFor(g.Select(o => o.Option), destination) is [var first, ..] ? first : null);
        return rows.Select(r =>
        {
            var ship = cheapest.GetValueOrDefault(r.Id);
            return new ListingCard(r.Id, r.Title, new Money(r.Amount, r.Currency), r.Thumbnail, r.StoreName, r.CountryCode, ship is not null)
            {
                Shipping = ship is null ? null : new CardShipping(ship.Price, r.HandlingDays, ship.MinDays, ship.MaxDays),
                RatingCount = r.RatingCount,
                RatingTotal = r.RatingTotal,
            };
        }).ToList();
    }
}

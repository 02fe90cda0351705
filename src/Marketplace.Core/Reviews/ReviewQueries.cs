using Marketplace.Core.Data;
using Marketplace.Domain.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Reviews;

/// <summary>How a listing is rated: the count, the average, and how many reviews gave each number of stars.</summary>
public sealed record RatingSummary(int Count, double? Average, IReadOnlyDictionary<int, int> ByStars, int WithPhotos);

public sealed record ReviewView(Review Review, string BuyerName);

/// <summary>Which reviews to show: all, only those with photos, or only those with a number of stars.</summary>
public sealed record ReviewFilter(int? Stars = null, bool WithPhotos = false);

/// <summary>Read shapes for reviews on the listing page and the buyer's order page.</summary>
public sealed class ReviewQueries(MarketplaceDbContext db, Catalog.CatalogDataCache cache)
{
    /// <summary>How long a listing's reviews are kept without a change (a buyer's new name or a deleted account shows within it).</summary>
    private static readonly TimeSpan Kept = Catalog.CatalogDataCache.Lifetime;

    public Task<RatingSummary> SummaryAsync(Guid listingId, CancellationToken ct = default) =>
        cache.GetOrCreateAsync(db, $"reviews-summary:{listingId:N}", [Catalog.CatalogTags.Listing(listingId)], Kept, c => ReadSummaryAsync(listingId, c), ct);

    /// <summary>The listing's reviews, newest first, filtered; up to 50.</summary>
    public Task<IReadOnlyList<ReviewView>> ForListingAsync(Guid listingId, ReviewFilter filter, CancellationToken ct = default) =>
        cache.GetOrCreateAsync(db, $"reviews:{listingId:N}:{filter.Stars}:{filter.WithPhotos}", [Catalog.CatalogTags.Listing(listingId)], Kept, c => ReadForListingAsync(listingId, filter, c), ct);

    /// <summary>Buyers' photos of the listing (newest first), shown beside the seller's.</summary>
    public Task<IReadOnlyList<ReviewPhoto>> BuyerPhotosAsync(Guid listingId, CancellationToken ct = default) =>
        cache.GetOrCreateAsync(db, $"review-photos:{listingId:N}", [Catalog.CatalogTags.Listing(listingId)], Kept, c => ReadBuyerPhotosAsync(listingId, c), ct);

    private async Task<RatingSummary> ReadSummaryAsync(Guid listingId, CancellationToken ct)
    {
        var byStars = await db.Reviews.Where(r => r.ListingId == listingId).GroupBy(r => r.Stars).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var withPhotos = await db.Reviews.CountAsync(r => r.ListingId == listingId && r.Photos.Any(), ct);
        var count = byStars.Values.Sum();
        double? average = count == 0 ? null : byStars.Sum(p => p.Key * p.Value) / (double)count;
        return new RatingSummary(count, average, Enumerable.Range(1, 5).ToDictionary(s => s, s => byStars.GetValueOrDefault(s)), withPhotos);
    }

    private async Task<IReadOnlyList<ReviewView>> ReadForListingAsync(Guid listingId, ReviewFilter filter, CancellationToken ct)
    {
        var reviews = db.Reviews.AsNoTracking().Where(r => r.ListingId == listingId);
        if (filter.Stars is { } stars)
        {
            reviews = reviews.Where(r => r.Stars == stars);
        }

        if (filter.WithPhotos)
        {
            reviews = reviews.Where(r => r.Photos.Any());
        }

        return await (
                from r in reviews
                join u in db.Users on r.BuyerId equals u.Id
                orderby r.CreatedAt descending
                select new ReviewView(r, u.DisplayName))
            .Take(50)
            .ToListAsync(ct);
    }

    private async Task<IReadOnlyList<ReviewPhoto>> ReadBuyerPhotosAsync(Guid listingId, CancellationToken ct) =>
        await db.Reviews.AsNoTracking().Where(r => r.ListingId == listingId).OrderByDescending(r => r.CreatedAt).SelectMany(r => r.Photos).Take(12).ToListAsync(ct);

    /// <summary>The order's lines the buyer already reviewed, by line id with the stars given.</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> ReviewedLinesAsync(Guid buyerId, Guid orderId, CancellationToken ct = default) =>
        await db.Reviews.Where(r => r.OrderId == orderId && r.BuyerId == buyerId).ToDictionaryAsync(r => r.OrderLineId, r => r.Stars, ct);
}

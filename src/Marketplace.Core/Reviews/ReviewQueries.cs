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
public sealed class ReviewQueries(MarketplaceDbContext db)
{
    public async Task<RatingSummary> SummaryAsync(Guid listingId, CancellationToken ct = default)
    {
        var byStars = await db.Reviews.Where(r => r.ListingId == listingId).GroupBy(r => r.Stars).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var withPhotos = await db.Reviews.CountAsync(r => r.ListingId == listingId && r.Photos.Any(), ct);
        var count = byStars.Values.Sum();
        double? average = count == 0 ? null : byStars.Sum(p => p.Key * p.Value) / (double)count;
        return new RatingSummary(count, average, Enumerable.Range(1, 5).ToDictionary(s => s, s => byStars.GetValueOrDefault(s)), withPhotos);
    }

    /// <summary>The listing's reviews, newest first, filtered; up to 50.</summary>
    public async Task<IReadOnlyList<ReviewView>> ForListingAsync(Guid listingId, ReviewFilter filter, CancellationToken ct = default)
    {
        var reviews = db.Reviews.Where(r => r.ListingId == listingId);
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

    /// <summary>Buyers' photos of the listing (newest first), shown beside the seller's.</summary>
    public async Task<IReadOnlyList<ReviewPhoto>> BuyerPhotosAsync(Guid listingId, CancellationToken ct = default) =>
        await db.Reviews.AsNoTracking().Where(r => r.ListingId == listingId).OrderByDescending(r => r.CreatedAt).SelectMany(r => r.Photos).Take(12).ToListAsync(ct);

    /// <summary>The order's lines the buyer already reviewed, by line id with the stars given.</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> ReviewedLinesAsync(Guid buyerId, Guid orderId, CancellationToken ct = default) =>
        await db.Reviews.Where(r => r.OrderId == orderId && r.BuyerId == buyerId).ToDictionaryAsync(r => r.OrderLineId, r => r.Stars, ct);
}

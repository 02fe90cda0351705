using Marketplace.Core.Catalog;
using Marketplace.Core.Data;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Sellers;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Sellers;

public sealed record SellerListingRow(
    Guid Id,
    string Title,
    ListingStatus Status,
    Money PriceFrom,
    int Stock,
    string? ThumbnailKey,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<QualityWarning> Warnings);

public sealed record Storefront(Seller Seller, Page<ListingCard> Listings);

public sealed class SellerQueries(MarketplaceDbContext db, CatalogQueries catalog)
{
    public Task<Seller?> ForUserAsync(Guid userId, CancellationToken ct = default) =>
        db.Sellers.FirstOrDefaultAsync(s => s.UserId == userId, ct);

    /// <summary>The seller's listings (archived last), each with its quality warnings.</summary>
    public async Task<IReadOnlyList<SellerListingRow>> ListingsAsync(Guid sellerId, CancellationToken ct = default)
    {
        var listings = await db.Listings.AsNoTracking()
            .Include(l => l.Variants)
            .Where(l => l.SellerId == sellerId)
            .OrderBy(l => l.Status == ListingStatus.Archived)
            .ThenByDescending(l => l.UpdatedAt)
            .AsSplitQuery()
            .ToListAsync(ct);
        var required = await RequiredSpecsAsync(listings.Select(l => l.CategoryId), ct);
        return listings.Select(l => ToRow(l, required)).ToList();
    }

    private static SellerListingRow ToRow(Listing l, Dictionary<Guid, IReadOnlyList<string>> required) => new(
        l.Id,
        l.Title,
        l.Status,
        l.PriceFrom,
        l.Variants.Sum(v => v.Stock),
        l.Images.OrderBy(i => i.Position).Select(i => i.ThumbnailKey).FirstOrDefault(),
        l.UpdatedAt,
        ListingQuality.Check(l, required.GetValueOrDefault(l.CategoryId) ?? []));

    /// <summary>The seller's own listing for the editor, untracked; null when it is someone else's.</summary>
    public async Task<(Listing Listing, IReadOnlyList<QualityWarning> Warnings)?> OwnListingAsync(Guid sellerId, Guid listingId, CancellationToken ct = default)
    {
        var listing = await db.Listings.AsNoTracking()
            .Include(l => l.Variants)
            .Include(l => l.ShippingOptions)
            .AsSplitQuery()
            .FirstOrDefaultAsync(l => l.Id == listingId && l.SellerId == sellerId, ct);
        if (listing is null)
        {
            return null;
        }

        var required = await RequiredSpecsAsync([listing.CategoryId], ct);
        return (listing, ListingQuality.Check(listing, required.GetValueOrDefault(listing.CategoryId) ?? []));
    }

    public async Task<IReadOnlyList<Seller>> PendingAsync(CancellationToken ct = default) =>
        await db.Sellers.AsNoTracking().Where(s => s.Status == SellerStatus.PendingApproval).OrderBy(s => s.CreatedAt).ToListAsync(ct);

    /// <summary>For admins: the most recently changed listings that have quality warnings, with their store.</summary>
    public async Task<IReadOnlyList<(SellerListingRow Row, string StoreName)>> FlaggedListingsAsync(int take, CancellationToken ct = default)
    {
        var recent = await db.Listings.AsNoTracking()
            .Include(l => l.Variants)
            .Where(l => l.Status != ListingStatus.Archived)
            .OrderByDescending(l => l.UpdatedAt)
            .Take(take * 4)
            .AsSplitQuery()
            .ToListAsync(ct);
        var required = await RequiredSpecsAsync(recent.Select(l => l.CategoryId), ct);
        var sellerIds = recent.Select(l => l.SellerId).Distinct().ToList();
        var stores = await db.Sellers.AsNoTracking().Where(s => sellerIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.StoreName, ct);
        return recent
            .Select(l => (Row: ToRow(l, required), StoreName: stores.GetValueOrDefault(l.SellerId) ?? "?"))
            .Where(x => x.Row.Warnings.Count > 0)
            .Take(take)
            .ToList();
    }

    public async Task<IReadOnlyList<Category>> CategoriesAsync(CancellationToken ct = default) =>
        await db.Categories.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);

    public async Task<Storefront?> StorefrontAsync(string slug, string destination, int page, CancellationToken ct = default)
    {
        var seller = await db.Sellers.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug && s.Status == SellerStatus.Active, ct);
        return seller is null ? null : new Storefront(seller, await catalog.SellerListingsAsync(seller.Id, destination, page, ct));
    }

    private async Task<Dictionary<Guid, IReadOnlyList<string>>> RequiredSpecsAsync(IEnumerable<Guid> categoryIds, CancellationToken ct)
    {
        var ids = categoryIds.Distinct().ToList();
        var categories = await db.Categories.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        return categories.ToDictionary(c => c.Id, c => c.RequiredSpecKeys);
    }
}

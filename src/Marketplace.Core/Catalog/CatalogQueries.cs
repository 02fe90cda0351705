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
    bool ShipsToDestination);

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool HasPrevious => PageNumber > 1;

    public bool HasNext => PageNumber < PageCount;
}

public sealed record ListingDetails(
    Listing Listing,
    string CategoryName,
    string CategorySlug,
    string StoreName,
    string StoreSlug,
    string SellerCountry,
    DateTimeOffset SellerSince);

/// <summary>Read shapes for the buyer's catalog pages. Only published listings of active sellers are shown.</summary>
public sealed class CatalogQueries(MarketplaceDbContext db)
{
    public const int PageSize = 24;

    public async Task<IReadOnlyList<CategoryLink>> TopCategoriesAsync(CancellationToken ct = default)
    {
        var categories = await db.Categories.AsNoTracking()
            .Where(c => c.ParentId == null)
            .OrderBy(c => c.Name)
            .Select(c => new { c.Id, c.Name, c.Slug })
            .ToListAsync(ct);
        var counts = await Visible()
            .GroupBy(l => l.CategoryId)
            .Select(g => new { CategoryId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.CategoryId, g => g.Count, ct);
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
        await Cards(Visible().OrderByDescending(l => l.PublishedAt).ThenByDescending(l => l.Id).Take(count), destination)
            .ToListAsync(ct);

    public async Task<(CategoryLink Category, Page<ListingCard> Listings)?> CategoryAsync(
        string slug, string destination, int page, CancellationToken ct = default)
    {
        var category = await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug, ct);
        if (category is null)
        {
            return null;
        }

        var ids = await db.Categories.AsNoTracking()
            .Where(c => c.ParentId == category.Id)
            .Select(c => c.Id)
            .ToListAsync(ct);
        ids.Add(category.Id);

        var query = Visible().Where(l => ids.Contains(l.CategoryId));
        var listings = await PageAsync(query.OrderByDescending(l => l.PublishedAt).ThenByDescending(l => l.Id), destination, page, ct);
        return (new CategoryLink(category.Id, category.Name, category.Slug, listings.Total), listings);
    }

    /// <summary>A basic word search over title, description and specs; every word must match somewhere.</summary>
    public async Task<Page<ListingCard>> SearchAsync(string? text, string destination, int page, CancellationToken ct = default)
    {
        var words = (text ?? string.Empty)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.ToLowerInvariant())
            .Take(8)
            .ToList();
        var query = Visible();
        foreach (var word in words)
        {
            query = query.Where(l =>
                l.Title.ToLower().Contains(word) ||
                l.Description.ToLower().Contains(word) ||
                l.Specs.Any(s => s.Value.ToLower().Contains(word)));
        }

        return await PageAsync(query.OrderByDescending(l => l.PublishedAt).ThenByDescending(l => l.Id), destination, page, ct);
    }

    public Task<Page<ListingCard>> SellerListingsAsync(Guid sellerId, string destination, int page, CancellationToken ct = default) =>
        PageAsync(Visible().Where(l => l.SellerId == sellerId).OrderByDescending(l => l.PublishedAt).ThenByDescending(l => l.Id), destination, page, ct);

    public async Task<ListingDetails?> ListingAsync(Guid id, CancellationToken ct = default)
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

    private IQueryable<Listing> Visible() =>
        from l in db.Listings.AsNoTracking()
        join s in db.Sellers on l.SellerId equals s.Id
        where l.Status == ListingStatus.Published && s.Status == SellerStatus.Active
        select l;

    private async Task<Page<ListingCard>> PageAsync(IQueryable<Listing> ordered, string destination, int page, CancellationToken ct)
    {
        var total = await ordered.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var items = await Cards(ordered.Skip((page - 1) * PageSize).Take(PageSize), destination).ToListAsync(ct);
        return new Page<ListingCard>(items, page, PageSize, total);
    }

    private IQueryable<ListingCard> Cards(IQueryable<Listing> listings, string destination) =>
        from l in listings
        join s in db.Sellers on l.SellerId equals s.Id
        select new ListingCard(
            l.Id,
            l.Title,
            l.PriceFrom,
            l.Images.OrderBy(i => i.Position).Select(i => i.ThumbnailKey).FirstOrDefault(),
            s.StoreName,
            s.CountryCode,
            l.ShippingOptions.Any(o => o.DestinationCountry == destination || o.DestinationCountry == null));
}

using Marketplace.Core.Data;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Trust;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Trust;

/// <summary>Runs the counterfeit signals against the brand registry for a listing about to go (or stay) live.</summary>
public sealed class CounterfeitCheck(MarketplaceDbContext db, Exchange.ExchangeRatesStore rates)
{
    /// <summary>Why the listing must wait for an admin, in the seller's words; null when nothing is wrong.</summary>
    public async Task<string?> ReviewNeededAsync(Listing listing, CancellationToken ct = default)
    {
        var brands = (await db.Brands.AsNoTracking().Include(b => b.Lines).ToListAsync(ct)).Select(b => b.ToRef()).ToList();
        if (brands.Count == 0)
        {
            return null;
        }

        // Reference prices are in the registry's currency: a listing priced in another is compared at the rates in force
        // (stale ones too: a rough comparison is better than none).
        var price = listing.PriceFrom;
        if ((await rates.CurrentAsync(ct)).Table.Between(price.Currency, BrandRegistryFile.Currency) is { } rate)
        {
            price = rate.Convert(price);
        }

        var flags = CounterfeitSignals.Check(new ListingToCheck(listing.Title, price, await CategorySlugsAsync(listing.CategoryId, ct)), brands, WordList.Shipped);
        var why = string.Join(" ", flags.Select(f => f.Describe()));
        return flags.Count == 0 ? null : why[..Math.Min(why.Length, 2000)];
    }

    /// <summary>The listing's category and its parents.</summary>
    private async Task<List<string>> CategorySlugsAsync(Guid categoryId, CancellationToken ct)
    {
        var categories = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Slug, c.ParentId }).ToListAsync(ct);
        var byId = categories.ToDictionary(c => c.Id);
        var slugs = new List<string>();
        for (Guid? id = categoryId; id is { } current && byId.TryGetValue(current, out var category) && slugs.Count < 10; id = category.ParentId)
        {
            slugs.Add(category.Slug);
        }

        return slugs;
    }
}

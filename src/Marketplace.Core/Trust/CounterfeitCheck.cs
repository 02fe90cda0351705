using Marketplace.Core.Data;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Trust;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Trust;

/// <summary>Runs the counterfeit signals against the brand registry for a listing about to go (or stay) live.</summary>
public sealed class CounterfeitCheck(MarketplaceDbContext db)
{
    /// <summary>Why the listing must wait for an admin, in the seller's words; null when nothing is wrong.</summary>
    public async Task<string?> ReviewNeededAsync(Listing listing, CancellationToken ct = default)
    {
        var brands = (await db.Brands.AsNoTracking().ToListAsync(ct)).Select(b => new BrandRef(b.Name, b.Key, b.ReferencePrice)).ToList();
        var flags = CounterfeitSignals.Check(listing.Title, listing.PriceFrom, brands);
        var why = string.Join(" ", flags.Select(f => f.Describe()));
        return flags.Count == 0 ? null : why[..Math.Min(why.Length, 2000)];
    }
}

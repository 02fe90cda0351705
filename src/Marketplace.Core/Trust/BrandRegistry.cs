using Marketplace.Core.Data;
using Marketplace.Domain.Common;
using Marketplace.Domain.Trust;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Trust;

/// <summary>Admins keep the brand registry the counterfeit check reads: names and reference prices, audited.</summary>
public sealed class BrandRegistry(MarketplaceDbContext db, TimeProvider clock)
{
    public static readonly DomainError BadName = new("brand.name", "A brand name needs 3–60 characters, letters or digits.");
    public static readonly DomainError Duplicate = new("brand.duplicate", "That brand is already in the registry.", ErrorKind.Conflict);
    public static readonly DomainError BadPrice = new("brand.price", "Write the reference price as an amount above zero, like 60.00, or leave it empty.");

    public Task<List<Brand>> ListAsync(CancellationToken ct = default) => db.Brands.AsNoTracking().OrderBy(b => b.Key).ToListAsync(ct);

    /// <summary>Adds a brand, or changes one when <paramref name="brandId"/> is given. The price is in the platform currency.</summary>
    public async Task<Result<Brand>> SaveAsync(Guid adminId, Guid? brandId, string? name, string? referencePrice, CancellationToken ct = default)
    {
        var key = CounterfeitSignals.KeyOf(name ?? string.Empty);
        if (key.Length < 3 || name!.Trim().Length > 60)
        {
            return BadName;
        }

        Money? price = null;
        if (!string.IsNullOrWhiteSpace(referencePrice))
        {
            if (!Money.TryParse(referencePrice, Catalog.SaveListing.Currency, out var parsed) || parsed.Amount <= 0)
            {
                return BadPrice;
            }

            price = parsed;
        }

        if (await db.Brands.AnyAsync(b => b.Key == key && b.Id != brandId, ct))
        {
            return Duplicate;
        }

        var now = clock.GetUtcNow();
        Brand? brand;
        if (brandId is { } id)
        {
            brand = await db.Brands.FirstOrDefaultAsync(b => b.Id == id, ct);
            if (brand is null)
            {
                return new DomainError("brand.not_found", "No such brand.", ErrorKind.NotFound);
            }

            brand.Update(name, price, now);
        }
        else
        {
            brand = new Brand(name, price, now);
            db.Brands.Add(brand);
        }

        db.Record(adminId, AdminActions.SaveBrand, "Brand", brand.Id, $"{brand.Name}, reference {(price?.ToString() ?? "none")}", now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Duplicate;
        }

        return Result<Brand>.Ok(brand);
    }
}

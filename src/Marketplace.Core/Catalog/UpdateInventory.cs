using Marketplace.Core.Data;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Sellers;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Catalog;

/// <summary>
/// One line of a bulk update: a variant (by id, or by SKU when that SKU is on one listing only) and its new price (minor
/// units), its new stock, or a change to its stock (+5 received, −2 broken). <paramref name="ExpectedStock"/> makes a new
/// stock conditional: it is set only if the stock is still that (no sale came in between the count and the update).
/// </summary>
public sealed record InventoryChange(Guid? VariantId = null, string? Sku = null, long? Price = null, int? Stock = null, int? StockChange = null, int? ExpectedStock = null);

/// <summary>What became of one line: the variant as it now is, or why it was left alone.</summary>
public sealed record InventoryOutcome(int Index, Guid? ListingId, Guid? VariantId, string? Sku, Money? Price, int? Stock, ListingStatus? ListingStatus, DomainError? Error)
{
    public bool Succeeded => Error is null;
}

public static class InventoryErrors
{
    public static readonly DomainError Empty = DomainError.Of("inventory.batch", "Send from 1 to {0} changes at a time.", UpdateInventory.MaxBatch);
    public static readonly DomainError WhichVariant = new("inventory.variant", "Name the variant by its id or its SKU.");
    public static readonly DomainError NothingToChange = new("inventory.nothing", "Give a price, a stock or a stock change.");
    public static readonly DomainError StockAndChange = new("inventory.stock_and_change", "Give either a stock or a stock change, not both.");
    public static readonly DomainError SkuAmbiguous = new("inventory.sku_ambiguous", "That SKU is on more than one of your listings: name the variant by its id.", ErrorKind.Conflict);
    public static readonly DomainError BelowZero = new("inventory.below_zero", "That change would take the stock below zero (units already sold are gone).", ErrorKind.Conflict);
    public static readonly DomainError Missing = new("inventory.item", "This line is empty.");
    public static readonly DomainError StockMoved = new("inventory.stock_moved", "The stock is no longer what you expected (a sale or another change came first): read it and send the change again.", ErrorKind.Conflict);
}

/// <summary>
/// Bulk price and stock updates (the seller API). Each line succeeds or fails on its own and never half-applies. Stock alone
/// is one conditional UPDATE, like checkout's (a change applies to the stock left after any sale). A line with a price is
/// read, changed and saved under the variant's and listing's versions — the ones checkout's stock decrement bumps — and
/// tried again on a clash, so a sale in between is never overwritten; a price change on a live listing is checked like an
/// edit in the editor (far below its brand's price: back to review).
/// </summary>
public sealed class UpdateInventory(MarketplaceDbContext db, Trust.CounterfeitCheck counterfeit, TimeProvider clock)
{
    public const int MaxBatch = 100;

    private const int Attempts = 8;

    public async Task<Result<IReadOnlyList<InventoryOutcome>>> ExecuteAsync(Seller seller, IReadOnlyList<InventoryChange> changes, CancellationToken ct = default)
    {
        if (changes.Count is 0 or > MaxBatch)
        {
            return InventoryErrors.Empty;
        }

        var outcomes = new List<InventoryOutcome>(changes.Count);
        for (var i = 0; i < changes.Count; i++)
        {
            outcomes.Add(changes[i] is { } change ? await ApplyAsync(seller, i, change, ct) : new(i, null, null, null, null, null, null, InventoryErrors.Missing));
        }

        return Result<IReadOnlyList<InventoryOutcome>>.Ok(outcomes);
    }

    private async Task<InventoryOutcome> ApplyAsync(Seller seller, int index, InventoryChange change, CancellationToken ct)
    {
        InventoryOutcome Failed(DomainError error) => new(index, null, change.VariantId, change.Sku, null, null, null, error);
        if (change.Price is null && change.Stock is null && change.StockChange is null)
        {
            return Failed(InventoryErrors.NothingToChange);
        }

        if (change.Stock is not null && change.StockChange is not null)
        {
            return Failed(InventoryErrors.StockAndChange);
        }

        if (change.Stock is < 0 or > Listing.MaxStock || change.StockChange is < -Listing.MaxStock or > Listing.MaxStock || change.ExpectedStock is < 0 or > Listing.MaxStock)
        {
            return Failed(CatalogErrors.StockOutOfRange);
        }

        var owned = db.ListingVariants.AsNoTracking().Where(v => db.Listings.Any(l => l.Id == v.ListingId && l.SellerId == seller.Id));
        var matches = change.VariantId is { } id ? await owned.Where(v => v.Id == id).Select(v => new { v.Id, v.ListingId }).ToListAsync(ct)
            : !string.IsNullOrWhiteSpace(change.Sku) ? await owned.Where(v => v.Sku == change.Sku.Trim() && db.Listings.Any(l => l.Id == v.ListingId && l.Status != ListingStatus.Archived))
                .OrderBy(v => v.Id).Select(v => new { v.Id, v.ListingId }).Take(2).ToListAsync(ct)
            : null;
        if (matches is null)
        {
            return Failed(InventoryErrors.WhichVariant);
        }

        if (matches.Count != 1)
        {
            return Failed(matches.Count == 0 ? CatalogErrors.VariantNotFound : InventoryErrors.SkuAmbiguous);
        }

        var (variantId, listingId) = (matches[0].Id, matches[0].ListingId);
        if (change.Price is null)
        {
            return await ChangeStockAsync(index, change, variantId, listingId, ct);
        }

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            db.ChangeTracker.Clear();
            var listing = await SaveListing.LoadOwnAsync(db, seller, listingId, ct);
            var variant = listing?.Variants.FirstOrDefault(v => v.Id == variantId);
            if (listing is null || variant is null)
            {
                return Failed(CatalogErrors.VariantNotFound);
            }

            if (change.ExpectedStock is { } expected && variant.Stock != expected)
            {
                return Failed(InventoryErrors.StockMoved);
            }

            long? stock = change.StockChange is { } delta ? variant.Stock + (long)delta : change.Stock;
            if (stock < 0)
            {
                return Failed(InventoryErrors.BelowZero);
            }

            var now = clock.GetUtcNow();
            var repriced = change.Price is { } price && price != variant.Price.Amount;
            var changed = listing.ChangeVariant(variantId, change.Price, stock is { } s ? (int)Math.Min(s, int.MaxValue) : null, now);
            if (!changed.Succeeded)
            {
                return Failed(changed.Error!);
            }

            if (repriced && listing.Status == ListingStatus.Published && await counterfeit.ReviewNeededAsync(listing, ct) is { } review
                && listing.Publish(now, review) is { Succeeded: false } held)
            {
                return Failed(held.Error!);
            }

            try
            {
                await db.SaveChangesAsync(ct);
                return new InventoryOutcome(index, listing.Id, variant.Id, variant.Sku, variant.Price, variant.Stock, listing.Status, null);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A sale (or another update) changed the listing since it was read: read it again, after a short random wait.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25) * (attempt + 1)), ct);
            }
        }

        db.ChangeTracker.Clear();
        return Failed(ListingErrors.ChangedMeanwhile);
    }

    /// <summary>
    /// Stock alone: one conditional UPDATE, the way checkout takes stock, so it never clashes with a sale — a change is added
    /// to whatever is left at that moment, and refused (nothing written) when it would go below zero or above the maximum.
    /// </summary>
    private async Task<InventoryOutcome> ChangeStockAsync(int index, InventoryChange change, Guid variantId, Guid listingId, CancellationToken ct)
    {
        var variants = db.ListingVariants.Where(v => v.Id == variantId);
        if (change.ExpectedStock is { } expected)
        {
            variants = variants.Where(v => v.Stock == expected);
        }

        int updated;
        if (change.Stock is { } stock)
        {
            updated = await variants.ExecuteUpdateAsync(set => set.SetProperty(v => v.Stock, stock).SetProperty(v => v.Version, v => v.Version + 1), ct);
        }
        else
        {
            var delta = change.StockChange!.Value;
            updated = await variants.Where(v => v.Stock + delta >= 0 && v.Stock + delta <= Listing.MaxStock)
                .ExecuteUpdateAsync(set => set.SetProperty(v => v.Stock, v => v.Stock + delta).SetProperty(v => v.Version, v => v.Version + 1), ct);
        }

        var now = await (
                from v in db.ListingVariants.AsNoTracking()
                where v.Id == variantId
                join l in db.Listings on v.ListingId equals l.Id
                select new { v.Sku, v.Price, v.Stock, l.Status })
            .FirstOrDefaultAsync(ct);
        if (now is null)
        {
            return new(index, listingId, variantId, change.Sku, null, null, null, CatalogErrors.VariantNotFound);
        }

        if (updated == 0)
        {
            var why = change.ExpectedStock is { } e && now.Stock != e ? InventoryErrors.StockMoved
                : change.StockChange < 0 ? InventoryErrors.BelowZero
                : CatalogErrors.StockOutOfRange;
            return new(index, listingId, variantId, now.Sku, null, null, null, why);
        }

        await CatalogChangeInterceptor.TouchAsync(db, [listingId]);
        return new InventoryOutcome(index, listingId, variantId, now.Sku, now.Price, now.Stock, now.Status, null);
    }
}

using Marketplace.Core.Data;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Sellers;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Catalog;

public static class ListingErrors
{
    public static readonly DomainError UnknownCategory = new("listing.category", "Pick a category from the list.");
    public static readonly DomainError PublishedNeedsOffer = new("listing.published_offer", "A published listing needs at least one variant and one shipping option. Unpublish it first to remove them all.");
    public static DomainError HandlingTooLong(int maxDays) => DomainError.Of("listing.handling_days", "Handling time is 1–{0} days: buyers are promised their item ships within that.", maxDays);

    public static readonly DomainError ChangedMeanwhile = new("listing.concurrency", "This listing was changed in another window. Reload it and make your changes again.", ErrorKind.Conflict);
}

/// <summary>Creates and edits a seller's own listings. Another seller's listing is "not found".</summary>
public sealed class SaveListing(MarketplaceDbContext db, Trust.CounterfeitCheck counterfeit, Rules.RulesStore rules, TimeProvider clock)
{
    public async Task<Result<Listing>> CreateAsync(Seller seller, ListingInput input, CancellationToken ct = default)
    {
        if (!await db.Categories.AnyAsync(c => c.Id == input.CategoryId, ct))
        {
            return ListingErrors.UnknownCategory;
        }

        if (await HandlingTooLongAsync(input, ct) is { } tooLong)
        {
            return tooLong;
        }

        var now = clock.GetUtcNow();
        var listing = new Listing(seller.Id, input.CategoryId, input.Title, input.Description, input.HandlingDays, seller.Currency, now);
        Apply(listing, input, now);
        db.Listings.Add(listing);
        await db.SaveChangesAsync(ct);
        return Result<Listing>.Ok(listing);
    }

    public async Task<Result<Listing>> UpdateAsync(Seller seller, Guid listingId, ListingInput input, CancellationToken ct = default)
    {
        var listing = await LoadOwnAsync(db, seller, listingId, ct);
        if (listing is null)
        {
            return CatalogErrors.NotFound;
        }

        if (!await db.Categories.AnyAsync(c => c.Id == input.CategoryId, ct))
        {
            return ListingErrors.UnknownCategory;
        }

        if (listing.Status == ListingStatus.Published && (input.Variants.Count == 0 || input.Shipping.Count == 0))
        {
            return ListingErrors.PublishedNeedsOffer;
        }

        // A handling time set before the admin lowered the longest one may stay (orders get the lower one); a new value may not.
        if (input.HandlingDays != listing.HandlingDays && await HandlingTooLongAsync(input, ct) is { } tooLong)
        {
            return tooLong;
        }

        var now = clock.GetUtcNow();
        listing.Edit(input.Title, input.Description, input.CategoryId, input.HandlingDays, now);
        Apply(listing, input, now);
        if (listing.Status == ListingStatus.Published && await counterfeit.ReviewNeededAsync(listing, ct) is { } review)
        {
            // A live listing renamed "Addidas" (or repriced far below its brand) goes back to review, like a new one.
            var held = listing.Publish(now, review);
            if (!held.Succeeded)
            {
                return held.Error!;
            }
        }

        return await SaveAsync(db, listing, ct);
    }

    private async Task<DomainError?> HandlingTooLongAsync(ListingInput input, CancellationToken ct)
    {
        var max = (await rules.CurrentAsync(ct)).MaxHandlingDays;
        return input.HandlingDays > max ? ListingErrors.HandlingTooLong(max) : null;
    }

    /// <summary>The seller's own listing with everything inside it, tracked; null for anyone else's.</summary>
    internal static Task<Listing?> LoadOwnAsync(MarketplaceDbContext db, Seller seller, Guid listingId, CancellationToken ct) =>
        db.Listings
            .Include(l => l.Variants)
            .Include(l => l.ShippingOptions)
            .AsSplitQuery()
            .FirstOrDefaultAsync(l => l.Id == listingId && l.SellerId == seller.Id, ct);

    internal static async Task<Result<Listing>> SaveAsync(MarketplaceDbContext db, Listing listing, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result<Listing>.Ok(listing);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ListingErrors.ChangedMeanwhile;
        }
    }

    private static void Apply(Listing listing, ListingInput input, DateTimeOffset now)
    {
        listing.SetSpecs(input.Specs, now);
        listing.SetVariants(input.Variants, now);
        listing.SetShippingOptions(input.Shipping, now);
        listing.SetLanguage(input.Language, now);
    }
}

public enum ListingAction
{
    Publish,
    Unpublish,
    Archive,
}

/// <summary>Publish, unpublish or archive one of the seller's own listings.</summary>
public sealed class ChangeListingStatus(MarketplaceDbContext db, Trust.CounterfeitCheck counterfeit, TimeProvider clock)
{
    public async Task<Result<Listing>> ExecuteAsync(Seller seller, Guid listingId, ListingAction action, CancellationToken ct = default)
    {
        var listing = await SaveListing.LoadOwnAsync(db, seller, listingId, ct);
        if (listing is null)
        {
            return CatalogErrors.NotFound;
        }

        var now = clock.GetUtcNow();
        var changed = action switch
        {
            ListingAction.Publish => listing.Publish(now, await counterfeit.ReviewNeededAsync(listing, ct)),
            ListingAction.Unpublish => listing.Unpublish(now),
            ListingAction.Archive => listing.Archive(now),
        };

        return changed.Succeeded ? await SaveListing.SaveAsync(db, listing, ct) : changed.Error!;
    }
}

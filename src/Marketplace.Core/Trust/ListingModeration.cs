using Marketplace.Core.Data;
using Marketplace.Core.Notifications;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Trust;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Trust;

/// <summary>A listing held back by counterfeit signals, as the admin's review queue shows it.</summary>
public sealed record ListingForReview(Guid Id, string Title, Money Price, string StoreName, Guid SellerUserId, string Why, DateTimeOffset UpdatedAt);

/// <summary>
/// Admins approve or reject listings held for review, and take listings down with a statement of reasons
/// (SPEC §5). The seller is told each time; every step is audited.
/// </summary>
public sealed class ListingModeration(MarketplaceDbContext db, Notifier notifier, TimeProvider clock)
{
    public Task<Result<ListingStatus>> ApproveAsync(Guid adminId, Guid listingId, CancellationToken ct = default) =>
        ActAsync(adminId, listingId, AdminActions.ReviewListing, "Approved", (l, now) => l.ApproveReview(now), Text.Of("Your listing is live"), t => Text.Of("After review, “{0}” is published.", t), ct);

    public Task<Result<ListingStatus>> RejectAsync(Guid adminId, Guid listingId, string? reason, CancellationToken ct = default) =>
        ActAsync(adminId, listingId, AdminActions.ReviewListing, $"Rejected: {reason}", (l, now) => l.RejectReview(reason ?? string.Empty, now), Text.Of("Your listing was not approved"), t => Text.Of("“{0}”: {1}", t, reason ?? string.Empty), ct);

    public Task<Result<ListingStatus>> TakeDownAsync(Guid adminId, Guid listingId, string? statement, CancellationToken ct = default) =>
        ActAsync(adminId, listingId, AdminActions.TakeDownListing, statement ?? string.Empty, (l, now) => l.TakeDown(statement ?? string.Empty, now), Text.Of("Your listing was taken down"), t => Text.Of("“{0}” was removed. Statement of reasons: {1}", t, statement ?? string.Empty), ct);

    /// <summary>How many listings the review queue shows at once.</summary>
    public const int QueueSize = 100;

    /// <summary>How many wait in all.</summary>
    public Task<int> WaitingAsync(CancellationToken ct = default) => db.Listings.CountAsync(l => l.Status == ListingStatus.PendingReview, ct);

    /// <summary>Listings waiting for review, the longest waiting first.</summary>
    public async Task<IReadOnlyList<ListingForReview>> QueueAsync(CancellationToken ct = default) =>
        await (
                from l in db.Listings
                where l.Status == ListingStatus.PendingReview
                join s in db.Sellers on l.SellerId equals s.Id
                orderby l.UpdatedAt
                select new ListingForReview(l.Id, l.Title, l.PriceFrom, s.StoreName, s.UserId, l.ModerationNote ?? string.Empty, l.UpdatedAt))
            .Take(QueueSize)
            .ToListAsync(ct);

    private async Task<Result<ListingStatus>> ActAsync(
        Guid adminId, Guid listingId, string action, string detail, Func<Listing, DateTimeOffset, Result<ListingStatus>> step, Text title, Func<string, Text> body, CancellationToken ct)
    {
        var listing = await db.Listings.FirstOrDefaultAsync(l => l.Id == listingId, ct);
        if (listing is null)
        {
            return CatalogErrors.NotFound;
        }

        var now = clock.GetUtcNow();
        var done = step(listing, now);
        if (!done.Succeeded)
        {
            return done;
        }

        db.Record(adminId, action, "Listing", listing.Id, detail, now);
        await notifier.AddAsync([new Notice(null, listing.SellerId, title, body(listing.Title), $"/Seller/Listings/{listing.Id}")], now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new DomainError("listing.changed", "Someone changed this listing meanwhile. Reload and try again.", ErrorKind.Conflict);
        }

        return done;
    }
}

using Marketplace.Core.Data;
using Marketplace.Core.Notifications;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Trust;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Trust;

public sealed record TakedownView(TakedownRequest Request, string ListingTitle, string StoreName, string RightsHolderName);

/// <summary>
/// Rights holders' notices and what follows (SPEC §5): the admin reviews, removes the listing with a statement of
/// reasons or rejects the notice; the seller may file one counter-notice, which an admin upholds (listing restored)
/// or dismisses. Each side is told at each step and every admin step is audited.
/// </summary>
public sealed class Takedowns(MarketplaceDbContext db, Notifier notifier, TimeProvider clock)
{
    public async Task<Result<TakedownRequest>> SubmitAsync(Guid rightsHolderId, string? listingAddress, string? brand, string? description, string? evidence, CancellationToken ct = default)
    {
        var listingId = Catalog.ListingAddress.IdIn(listingAddress);
        var listing = listingId is null ? null : await db.Listings.AsNoTracking().Where(l => l.Id == listingId).Select(l => new { l.Id, l.SellerId, l.Title }).FirstOrDefaultAsync(ct);
        if (listing is null)
        {
            return TakedownErrors.Listing;
        }

        var now = clock.GetUtcNow();
        var submitted = TakedownRequest.Submit(rightsHolderId, listing.Id, listing.SellerId, brand, description, evidence, now);
        if (!submitted.Succeeded)
        {
            return submitted;
        }

        db.TakedownRequests.Add(submitted.Value!);
        await db.SaveChangesAsync(ct);
        return submitted;
    }

    public Task<Result<TakedownRequest>> StartReviewAsync(Guid adminId, Guid requestId, CancellationToken ct = default) =>
        AdminStepAsync(adminId, requestId, "Under review", (r, _) => r.StartReview().Succeeded ? null : TakedownErrors.WrongStep, ct);

    public Task<Result<TakedownRequest>> DecideAsync(Guid adminId, Guid requestId, bool remove, string? reason, CancellationToken ct = default) =>
        AdminStepAsync(adminId, requestId, remove ? $"Listing removed: {reason}" : $"Rejected: {reason}", async (r, now) =>
        {
            var decided = r.Decide(remove, reason, now);
            if (!decided.Succeeded)
            {
                return decided.Error;
            }

            var listing = await db.Listings.FirstAsync(l => l.Id == r.ListingId, ct);
            if (remove)
            {
                var takenDown = listing.TakeDown($"A rights holder's notice about “{r.Brand}” was upheld: {r.Decision} You may file one counter-notice.", now);
                if (!takenDown.Succeeded && takenDown.Error != CatalogErrors.TakenDown)
                {
                    return takenDown.Error;
                }

                await notifier.AddAsync([new Notice(null, r.SellerId, Text.Of("Your listing was taken down"), Text.Of("“{0}”: a rights holder's notice about “{1}” was upheld. Statement of reasons: {2}", listing.Title, r.Brand, r.Decision ?? string.Empty), $"/Seller/Listings/{listing.Id}")], now, ct);
            }

            await notifier.AddAsync([new Notice(r.RightsHolderId, null, remove ? Text.Of("Listing removed") : Text.Of("Notice rejected"), Text.Of("“{0}”: {1}", listing.Title, r.Decision ?? string.Empty), "/RightsHolder")], now, ct);
            return null;
        }, ct);

    /// <summary>The seller answers a removal of their own listing, once.</summary>
    public async Task<Result<TakedownRequest>> CounterNoticeAsync(Guid sellerId, Guid listingId, string? text, CancellationToken ct = default)
    {
        var request = await db.TakedownRequests.Where(r => r.ListingId == listingId && r.SellerId == sellerId && r.Status == TakedownStatus.ListingRemoved).OrderByDescending(r => r.SubmittedAt).FirstOrDefaultAsync(ct);
        if (request is null)
        {
            return TakedownErrors.NotFound;
        }

        var now = clock.GetUtcNow();
        var filed = request.FileCounterNotice(text, now);
        if (!filed.Succeeded)
        {
            return filed.Error!;
        }

        await notifier.AddAsync([new Notice(request.RightsHolderId, null, Text.Of("The seller filed a counter-notice"), Text.Of("About your notice on “{0}”: {1}", request.Brand, request.CounterNotice ?? string.Empty), "/RightsHolder")], now, ct);
        return await SaveAsync(request, ct);
    }

    public Task<Result<TakedownRequest>> DecideCounterNoticeAsync(Guid adminId, Guid requestId, bool restore, string? reason, CancellationToken ct = default) =>
        AdminStepAsync(adminId, requestId, restore ? $"Counter-notice upheld, listing restored: {reason}" : $"Counter-notice dismissed: {reason}", async (r, now) =>
        {
            var decided = r.DecideCounterNotice(restore, reason);
            if (!decided.Succeeded)
            {
                return decided.Error;
            }

            var listing = await db.Listings.FirstAsync(l => l.Id == r.ListingId, ct);
            if (restore && listing.Restore(r.CounterDecision!, now).Error is { } notRestored)
            {
                return notRestored;
            }

            await notifier.AddAsync(
                [
                    new Notice(null, r.SellerId, restore ? Text.Of("Your listing is restored") : Text.Of("Your counter-notice was dismissed"), Text.Of("“{0}”: {1}", listing.Title, r.CounterDecision ?? string.Empty), $"/Seller/Listings/{listing.Id}"),
                    new Notice(r.RightsHolderId, null, restore ? Text.Of("Listing restored after a counter-notice") : Text.Of("Counter-notice dismissed"), Text.Of("“{0}”: {1}", listing.Title, r.CounterDecision ?? string.Empty), "/RightsHolder"),
                ],
                now,
                ct);
            return null;
        }, ct);

    public async Task<IReadOnlyList<TakedownView>> ForRightsHolderAsync(Guid rightsHolderId, CancellationToken ct = default) =>
        await View(db.TakedownRequests.Where(r => r.RightsHolderId == rightsHolderId)).ToListAsync(ct);

    /// <summary>Open notices and counter-notices waiting for an admin, oldest first; then the latest decided ones.</summary>
    public async Task<IReadOnlyList<TakedownView>> AdminQueueAsync(CancellationToken ct = default) =>
        (await View(db.TakedownRequests, waitingFirst: true).ToListAsync(ct))
            .OrderBy(v => v.Request.Status is TakedownStatus.Submitted or TakedownStatus.UnderReview || (v.Request.CounterNotice is not null && v.Request.CounterOutcome is null) ? 0 : 1)
            .ThenBy(v => v.Request.SubmittedAt)
            .ToList();

    /// <summary>The latest removal of the seller's listing, for its counter-notice box.</summary>
    public Task<TakedownRequest?> RemovalOfAsync(Guid sellerId, Guid listingId, CancellationToken ct = default) =>
        db.TakedownRequests.AsNoTracking().Where(r => r.ListingId == listingId && r.SellerId == sellerId && r.Status == TakedownStatus.ListingRemoved).OrderByDescending(r => r.SubmittedAt).FirstOrDefaultAsync(ct);

    /// <summary>The latest 200; with <paramref name="waitingFirst"/>, those waiting for an admin come first whatever their number.</summary>
    private IQueryable<TakedownView> View(IQueryable<TakedownRequest> requests, bool waitingFirst = false) =>
        (from r in requests
         join l in db.Listings on r.ListingId equals l.Id
         join s in db.Sellers on r.SellerId equals s.Id
         join u in db.Users on r.RightsHolderId equals u.Id
         orderby waitingFirst && (r.Status == TakedownStatus.Submitted || r.Status == TakedownStatus.UnderReview || (r.CounterNotice != null && r.CounterOutcome == null)) ? 0 : 1, r.SubmittedAt descending
         select new TakedownView(r, l.Title, s.StoreName, u.DisplayName))
        .Take(200);

    private async Task<Result<TakedownRequest>> AdminStepAsync(Guid adminId, Guid requestId, string detail, Func<TakedownRequest, DateTimeOffset, Task<DomainError?>> step, CancellationToken ct)
    {
        var request = await db.TakedownRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
        {
            return TakedownErrors.NotFound;
        }

        var now = clock.GetUtcNow();
        if (await step(request, now) is { } error)
        {
            return error;
        }

        db.Record(adminId, AdminActions.ReviewTakedown, "Takedown", request.Id, detail, now);
        return await SaveAsync(request, ct);
    }

    private Task<Result<TakedownRequest>> AdminStepAsync(Guid adminId, Guid requestId, string detail, Func<TakedownRequest, DateTimeOffset, DomainError?> step, CancellationToken ct) =>
        AdminStepAsync(adminId, requestId, detail, (r, now) => Task.FromResult(step(r, now)), ct);

    private async Task<Result<TakedownRequest>> SaveAsync(TakedownRequest request, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result<TakedownRequest>.Ok(request);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TakedownErrors.WrongStep;
        }
    }
}

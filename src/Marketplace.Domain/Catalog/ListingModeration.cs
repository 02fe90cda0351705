using Marketplace.Domain.Common;

namespace Marketplace.Domain.Catalog;

/// <summary>The admin's side of a listing (SPEC §5): review of counterfeit signals, and takedowns.</summary>
public sealed partial class Listing
{
    public const int MaxReasonLength = 1000;

    /// <summary>What the seller is told: why it waits for review, why it was rejected, or the takedown's statement of reasons.</summary>
    public string? ModerationNote { get; private set; }

    /// <summary>The signals an admin approved for this listing; the same signals don't hold it back again.</summary>
    public string? ClearedReview { get; private set; }

    public Result<ListingStatus> ApproveReview(DateTimeOffset now)
    {
        if (Status != ListingStatus.PendingReview)
        {
            return CatalogErrors.NotPendingReview;
        }

        ClearedReview = ModerationNote;
        ModerationNote = null;
        Status = ListingStatus.Published;
        PublishedAt ??= now;
        UpdatedAt = now;
        return Result<ListingStatus>.Ok(Status);
    }

    public Result<ListingStatus> RejectReview(string reason, DateTimeOffset now)
    {
        if (Status != ListingStatus.PendingReview)
        {
            return CatalogErrors.NotPendingReview;
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReasonLength)
        {
            return CatalogErrors.ReasonRequired;
        }

        ModerationNote = $"Not approved: {reason.Trim()}";
        Status = ListingStatus.Unpublished;
        UpdatedAt = now;
        return Result<ListingStatus>.Ok(Status);
    }

    /// <summary>Removes the listing from the shop for good; <paramref name="statement"/> is the statement of reasons the seller reads.</summary>
    public Result<ListingStatus> TakeDown(string statement, DateTimeOffset now)
    {
        if (Status is ListingStatus.TakenDown)
        {
            return CatalogErrors.TakenDown;
        }

        if (string.IsNullOrWhiteSpace(statement) || statement.Trim().Length > MaxReasonLength)
        {
            return CatalogErrors.ReasonRequired;
        }

        ModerationNote = statement.Trim();
        Status = ListingStatus.TakenDown;
        UpdatedAt = now;
        return Result<ListingStatus>.Ok(Status);
    }

    /// <summary>A takedown reversed (a counter-notice upheld): the listing comes back unpublished for its seller.</summary>
    public Result<ListingStatus> Restore(string why, DateTimeOffset now)
    {
        if (Status != ListingStatus.TakenDown)
        {
            return CatalogErrors.NotTakenDown;
        }

        ModerationNote = $"Restored: {why.Trim()}";
        Status = ListingStatus.Unpublished;
        UpdatedAt = now;
        return Result<ListingStatus>.Ok(Status);
    }
}

using Marketplace.Domain.Common;

namespace Marketplace.Domain.Trust;

public enum TakedownStatus
{
    Submitted,
    UnderReview,
    ListingRemoved,
    Rejected,
}

public enum CounterNoticeOutcome
{
    /// <summary>The seller's counter-notice holds: the listing comes back (unpublished, for the seller to republish).</summary>
    Restored,

    /// <summary>The takedown stands.</summary>
    Dismissed,
}

/// <summary>
/// A rights holder's notice about a listing (SPEC §5, the EU DSA's notice-and-action shape): submitted → under review
/// → listing removed (the seller gets a statement of reasons and may answer once with a counter-notice) or rejected.
/// </summary>
public sealed class TakedownRequest : IVersioned
{
    public const int MaxTextLength = 2000;

    private TakedownRequest()
    {
        Brand = string.Empty;
        Description = string.Empty;
        Evidence = string.Empty;
    }

    public TakedownRequest(Guid rightsHolderId, Guid listingId, Guid sellerId, string brand, string description, string evidence, DateTimeOffset now)
    {
        Id = Ids.New();
        RightsHolderId = rightsHolderId;
        ListingId = listingId;
        SellerId = sellerId;
        Brand = brand.Trim();
        Description = description.Trim();
        Evidence = evidence.Trim();
        Status = TakedownStatus.Submitted;
        SubmittedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid RightsHolderId { get; private set; }

    public Guid ListingId { get; private set; }

    public Guid SellerId { get; private set; }

    public string Brand { get; private set; }

    /// <summary>What right is infringed and how.</summary>
    public string Description { get; private set; }

    /// <summary>Links or references proving the right (registration numbers, official product pages).</summary>
    public string Evidence { get; private set; }

    public TakedownStatus Status { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The statement of reasons (removed) or why the notice was rejected.</summary>
    public string? Decision { get; private set; }

    public string? CounterNotice { get; private set; }

    public DateTimeOffset? CounterNoticeAt { get; private set; }

    public CounterNoticeOutcome? CounterOutcome { get; private set; }

    public string? CounterDecision { get; private set; }

    public int Version { get; private set; }

    public static Result<TakedownRequest> Submit(Guid rightsHolderId, Guid listingId, Guid sellerId, string? brand, string? description, string? evidence, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(brand) || brand.Trim().Length > 60)
        {
            return TakedownErrors.Brand;
        }

        if (string.IsNullOrWhiteSpace(description) || description.Trim().Length > MaxTextLength || (evidence?.Trim().Length ?? 0) > MaxTextLength)
        {
            return TakedownErrors.Description;
        }

        return Result<TakedownRequest>.Ok(new TakedownRequest(rightsHolderId, listingId, sellerId, brand, description, evidence ?? string.Empty, now));
    }

    public Result<TakedownStatus> StartReview()
    {
        if (Status != TakedownStatus.Submitted)
        {
            return TakedownErrors.WrongStep;
        }

        Status = TakedownStatus.UnderReview;
        return Result<TakedownStatus>.Ok(Status);
    }

    public Result<TakedownStatus> Decide(bool remove, string? reason, DateTimeOffset now)
    {
        if (Status is not (TakedownStatus.Submitted or TakedownStatus.UnderReview))
        {
            return TakedownErrors.WrongStep;
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 1000)
        {
            return TakedownErrors.Reason;
        }

        Status = remove ? TakedownStatus.ListingRemoved : TakedownStatus.Rejected;
        Decision = reason.Trim();
        DecidedAt = now;
        return Result<TakedownStatus>.Ok(Status);
    }

    /// <summary>The seller answers a removal, once.</summary>
    public Result<TakedownStatus> FileCounterNotice(string? text, DateTimeOffset now)
    {
        if (Status != TakedownStatus.ListingRemoved || CounterNotice is not null)
        {
            return TakedownErrors.CounterNoticeClosed;
        }

        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > MaxTextLength)
        {
            return TakedownErrors.Description;
        }

        CounterNotice = text.Trim();
        CounterNoticeAt = now;
        return Result<TakedownStatus>.Ok(Status);
    }

    public Result<CounterNoticeOutcome> DecideCounterNotice(bool restore, string? reason)
    {
        if (CounterNotice is null || CounterOutcome is not null)
        {
            return TakedownErrors.WrongStep;
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 1000)
        {
            return TakedownErrors.Reason;
        }

        CounterOutcome = restore ? CounterNoticeOutcome.Restored : CounterNoticeOutcome.Dismissed;
        CounterDecision = reason.Trim();
        return Result<CounterNoticeOutcome>.Ok(CounterOutcome.Value);
    }
}

public static class TakedownErrors
{
    public static readonly DomainError NotFound = new("takedown.not_found", "No such takedown request.", ErrorKind.NotFound);
    public static readonly DomainError Listing = new("takedown.listing", "Paste the address of a listing on Marketplace.");
    public static readonly DomainError Brand = new("takedown.brand", "Name the brand or right concerned (up to 60 characters).");
    public static readonly DomainError Description = DomainError.Of("takedown.description", "Describe the infringement (up to {0} characters).", TakedownRequest.MaxTextLength);
    public static readonly DomainError Reason = new("takedown.reason", "Write the reason (up to 1000 characters): both sides read it.");
    public static readonly DomainError WrongStep = new("takedown.step", "This request has already moved on.", ErrorKind.Conflict);
    public static readonly DomainError CounterNoticeClosed = new("takedown.counter", "A counter-notice can be filed once, after a removal.", ErrorKind.Conflict);
}

using Marketplace.Domain.Common;
using Marketplace.Domain.Orders;

namespace Marketplace.Domain.Disputes;

public enum DisputeIssue
{
    NotReceived,
    NotAsDescribed,
    Damaged,
    Counterfeit,
    ServiceCommitmentBroken,
    AbusiveSeller,
}

/// <summary>What the buyer asks for (and what a counter-offer or a decision can be).</summary>
public enum DisputeRemedy
{
    FullRefund,

    /// <summary>Part of the money back; the buyer keeps the item.</summary>
    PartialRefund,

    /// <summary>The buyer sends the item back and gets everything back.</summary>
    ReturnForRefund,

    /// <summary>The seller sends the item again (counter-offer only).</summary>
    Reship,

    /// <summary>Nothing back: the seller keeps the money (admin decision or a lapsed return).</summary>
    SellerWins,
}

public enum DisputeStatus
{
    /// <summary>The seller has the order's reply window (default 5 days) to accept, counter-offer or reject.</summary>
    AwaitingSeller,

    /// <summary>The seller counter-offered; the buyer accepts or rejects.</summary>
    CounterOffered,

    /// <summary>One side rejected: either may escalate; the escalation window after opening (default 7 days) it escalates by itself.</summary>
    Rejected,

    /// <summary>A return was agreed: the buyer has the return window (default 10 days) to ship it back with tracking.</summary>
    AwaitingReturn,

    /// <summary>The return is on its way: the seller confirms receipt within the confirm window (default 10 days) of its delivery.</summary>
    ReturnShipped,

    /// <summary>The seller agreed to send the item again.</summary>
    Reshipping,

    /// <summary>Waiting for an admin's decision.</summary>
    Escalated,

    Resolved,

    /// <summary>The buyer withdrew it; it can't be reopened.</summary>
    Cancelled,
}

public sealed class DisputeEvent
{
    private DisputeEvent()
    {
        Note = string.Empty;
    }

    internal DisputeEvent(Guid disputeId, DateTimeOffset at, Actor actor, Text note)
    {
        Id = Ids.New();
        DisputeId = disputeId;
        At = at;
        Actor = actor;
        var english = note.ToString();
        Note = english.Length > 1000 ? english[..1000] : english;
        NoteText = note.ToJson() is { Length: <= MaxNoteTextLength } json ? json : null;
    }

    public const int MaxNoteTextLength = 4000;

    public Guid Id { get; private set; }

    public Guid DisputeId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Actor Actor { get; private set; }

    public string Note { get; private set; }

    /// <summary>The note as a <see cref="Common.Text"/> (JSON) for readers in other languages; null for events recorded before.</summary>
    public string? NoteText { get; private set; }

    /// <summary>The note to show: translatable when it was recorded as a text, else the English as written.</summary>
    public Text Text => NoteText is null ? (Text)Note : Text.FromJson(NoteText);
}

public static class DisputeErrors
{
    public static readonly DomainError NotFound = new("dispute.not_found", "That dispute does not exist.", ErrorKind.NotFound);
    public static readonly DomainError OutsideWindow = new("dispute.outside_window", "This order is outside its dispute window: a dispute opens some days after shipping (or once you confirm receipt) and closes when the buyer protection ends. The order page shows its dates.", ErrorKind.Conflict);
    public static readonly DomainError AlreadyDisputed = new("dispute.exists", "This order already has a dispute (a withdrawn dispute can't be reopened).", ErrorKind.Conflict);
    public static readonly DomainError BadRequest = new("dispute.request", "Choose what you'd like: a full refund, a partial refund, or a return for a full refund.");
    public static readonly DomainError BadAmount = new("dispute.amount", "Enter a partial refund above zero and below the order's total.");
    public static readonly DomainError Description = new("dispute.description", "Describe the problem (up to 2,000 characters).");
    public static readonly DomainError NotAwaitingSeller = new("dispute.not_awaiting_seller", "This dispute can no longer take that answer: it has moved on (an offer waits for the buyer, an admin decides, or it is settled) or the time to answer ran out.", ErrorKind.Conflict);
    public static readonly DomainError BadCounter = new("dispute.counter", "A counter-offer is a partial refund, a return, or sending the item again.");
    public static readonly DomainError ReasonRequired = new("dispute.reason", "Give a reason.");
    public static readonly DomainError NoCounterOffer = new("dispute.no_counter", "There is no offer waiting for your answer.", ErrorKind.Conflict);
    public static readonly DomainError NotEscalatable = new("dispute.not_escalatable", "A dispute can be escalated after one side rejected the other's proposal.", ErrorKind.Conflict);
    public static readonly DomainError NotAwaitingReturn = new("dispute.not_awaiting_return", "No return is waiting to be sent, or the time to send it ran out.", ErrorKind.Conflict);
    public static readonly DomainError TrackingRequired = new("dispute.tracking", "Enter the carrier and the tracking number of the return.");
    public static readonly DomainError NotReturnShipped = new("dispute.not_return_shipped", "No return is on its way.", ErrorKind.Conflict);
    public static readonly DomainError NotCancellable = new("dispute.not_cancellable", "This dispute can no longer be withdrawn.", ErrorKind.Conflict);
    public static readonly DomainError NotEscalated = new("dispute.not_escalated", "Only an escalated dispute can be decided, and only once.", ErrorKind.Conflict);
}

/// <summary>A photo or short video one side attached to a dispute; readable only by the buyer, the seller and admins.</summary>
public sealed class DisputeEvidence
{
    private DisputeEvidence()
    {
        FileName = string.Empty;
        ContentType = string.Empty;
        StorageKey = string.Empty;
    }

    public DisputeEvidence(Guid disputeId, Actor uploadedBy, string fileName, string contentType, long length, string storageKey, DateTimeOffset now)
    {
        Id = Ids.New();
        DisputeId = disputeId;
        UploadedBy = uploadedBy;
        FileName = fileName.Length > 120 ? fileName[..120] : fileName;
        ContentType = contentType;
        Length = length;
        StorageKey = storageKey;
        UploadedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid DisputeId { get; private set; }

    public Actor UploadedBy { get; private set; }

    /// <summary>The name the uploader's file had (shown, never used as a path).</summary>
    public string FileName { get; private set; }

    public string ContentType { get; private set; }

    public long Length { get; private set; }

    public string StorageKey { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }
}

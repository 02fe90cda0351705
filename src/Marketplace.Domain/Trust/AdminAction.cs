using Marketplace.Domain.Common;

namespace Marketplace.Domain.Trust;

/// <summary>What an admin did, to what, when and why: one row per action, never changed (SPEC §5 "every admin action is audited").</summary>
public sealed class AdminAction
{
    private AdminAction()
    {
        Action = string.Empty;
        Subject = string.Empty;
        Detail = string.Empty;
    }

    public AdminAction(Guid adminId, string action, string subject, Guid subjectId, string detail, DateTimeOffset now)
    {
        Id = Ids.New();
        AdminId = adminId;
        Action = action;
        Subject = subject;
        SubjectId = subjectId;
        Detail = detail.Length > 1000 ? detail[..1000] : detail;
        At = now;
    }

    public Guid Id { get; private set; }

    public Guid AdminId { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>A short verb phrase, e.g. "user.suspend", "dispute.decide" (<see cref="AdminActions"/>).</summary>
    public string Action { get; private set; }

    /// <summary>What kind of thing it was done to: "User", "Listing", "Dispute", "Message"...</summary>
    public string Subject { get; private set; }

    public Guid SubjectId { get; private set; }

    /// <summary>The admin's reason or the decision in words.</summary>
    public string Detail { get; private set; }
}

/// <summary>The audited admin actions.</summary>
public static class AdminActions
{
    public const string ApproveSeller = "seller.approve";
    public const string SuspendUser = "user.suspend";
    public const string ReinstateUser = "user.reinstate";
    public const string ModerateMessage = "message.moderate";
    public const string DecideDispute = "dispute.decide";
    public const string ReturnDelivered = "dispute.return_delivered";
    public const string RefundAfterRelease = "order.refund_after_release";
    public const string HoldEscrow = "escrow.hold";
    public const string ReleaseEscrowHold = "escrow.lift_hold";
    public const string TakeDownListing = "listing.take_down";
    public const string ReviewListing = "listing.review";
    public const string SaveBrand = "brand.save";
    public const string ReviewTakedown = "takedown.review";
    public const string ReviewBrushing = "brushing.review";
    public const string GrantRightsHolder = "user.grant_rights_holder";
    public const string RetryProviderCall = "payment.retry";
    public const string ChangeRules = "rules.change";
    public const string CategoryCommission = "category.commission";
    public const string RetrainMessageModel = "moderation.retrain";
    public const string UploadExchangeRates = "rates.upload";
}

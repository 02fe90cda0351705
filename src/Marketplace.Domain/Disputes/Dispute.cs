using Marketplace.Domain.Common;
using Marketplace.Domain.Orders;

namespace Marketplace.Domain.Disputes;

/// <summary>
/// A buyer's dispute about one order (SPEC §4). The order's hold stays frozen while it is open; its outcome
/// is a refund amount between nothing and the order's total, the rest going to the seller at close.
/// Every step is recorded with time and actor; each timer is a pure function of the clock and of the windows
/// copied from the order's rules when the dispute was opened.
/// </summary>
public sealed class Dispute : IVersioned
{
    public static readonly TimeSpan ReminderAhead = TimeSpan.FromDays(1);

    private readonly List<DisputeEvent> _events = [];

    private Dispute()
    {
        Description = string.Empty;
        Currency = string.Empty;
    }

    private Dispute(Order order, DisputeIssue issue, DisputeRemedy request, long? partialAmount, string description, DateTimeOffset now)
    {
        Id = Ids.New();
        OrderId = order.Id;
        BuyerId = order.BuyerId;
        SellerId = order.SellerId;
        Issue = issue;
        Request = request;
        RequestedAmount = request == DisputeRemedy.PartialRefund ? partialAmount : order.Total.Amount;
        OrderTotal = order.Total.Amount;
        Currency = order.Total.Currency;
        Description = description.Trim();
        OpenedAt = now;
        SellerReplyWindow = order.Rules.SellerReplyWindow;
        AgreementWindow = order.Rules.EscalationWindow;
        ReturnShipWindow = order.Rules.ReturnShipWindow;
        ReturnConfirmWindow = order.Rules.ReturnConfirmWindow;
        Status = DisputeStatus.AwaitingSeller;
        Record(now, Actor.Buyer, Text.Of("Opened: {0}; asks for {1}.", Describe(issue), Describe(request, RequestedAmount)));
    }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    public Guid BuyerId { get; private set; }

    public Guid SellerId { get; private set; }

    public DisputeIssue Issue { get; private set; }

    public DisputeRemedy Request { get; private set; }

    /// <summary>Minor units the buyer asks back (the total for a full refund or a return).</summary>
    public long? RequestedAmount { get; private set; }

    public long OrderTotal { get; private set; }

    public string Currency { get; private set; }

    public string Description { get; private set; }

    public DisputeStatus Status { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>The seller's time to answer (the order's rules when the dispute was opened).</summary>
    public TimeSpan SellerReplyWindow { get; private set; }

    /// <summary>Without agreement this long after opening, the dispute goes to an admin.</summary>
    public TimeSpan AgreementWindow { get; private set; }

    public TimeSpan ReturnShipWindow { get; private set; }

    public TimeSpan ReturnConfirmWindow { get; private set; }

    public DisputeRemedy? CounterOffer { get; private set; }

    public long? CounterAmount { get; private set; }

    public DateTimeOffset? ReturnAgreedAt { get; private set; }

    public string? ReturnCarrier { get; private set; }

    public string? ReturnTrackingNumber { get; private set; }

    public DateTimeOffset? ReturnShippedAt { get; private set; }

    public DateTimeOffset? ReturnDeliveredAt { get; private set; }

    public DateTimeOffset? EscalatedAt { get; private set; }

    public DisputeRemedy? Outcome { get; private set; }

    /// <summary>What the buyer gets back, set when the dispute is resolved.</summary>
    public long? RefundAmount { get; private set; }

    public string? DecisionReason { get; private set; }

    /// <summary>The admin who decided (the audit trail's who; the reason and time are on the timeline).</summary>
    public Guid? DecidedBy { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The deadline the parties were last reminded of (a reminder goes out once per deadline).</summary>
    public DateTimeOffset? RemindedFor { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<DisputeEvent> Events => _events;

    public bool IsActive => Status is not (DisputeStatus.Resolved or DisputeStatus.Cancelled);

    public Money Total => new(OrderTotal, Currency);

    /// <summary>
    /// The dispute window of an order: from the order's opening delay after shipping (the 11th day by default), or
    /// as soon as receipt is confirmed, until the protection ends. Null when the order never shipped.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset Until)? Window(Order order, DateTimeOffset? protectionEndsAt)
    {
        if (order.ShippedAt is not { } shipped || protectionEndsAt is not { } until)
        {
            return null;
        }

        var from = shipped + order.Rules.DisputeOpensAfterShipping;
        if (order.ConfirmedAt is { } confirmed && confirmed < from)
        {
            from = confirmed;
        }

        return (from, until);
    }

    /// <summary>
    /// A dispute that stops another from being opened on its order: every one but a closed reship (the item is
    /// sent again and may fail again). An expression so that queries use the same rule.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<Dispute, bool>> BlocksAnother =
        d => d.Status != DisputeStatus.Resolved || d.Outcome != DisputeRemedy.Reship;

    private static readonly Func<Dispute, bool> Blocks = BlocksAnother.Compile();

    public bool BlocksAnotherDispute => Blocks(this);

    public static bool CanOpen(Order order, DateTimeOffset? protectionEndsAt, DateTimeOffset now) =>
        order.Status is OrderStatus.Shipped or OrderStatus.Confirmed
        && Window(order, protectionEndsAt) is { } window && now >= window.From && now < window.Until;

    /// <summary>Opens a dispute; the caller checks that the order has no other dispute, active or cancelled.</summary>
    public static Result<Dispute> Open(Order order, DateTimeOffset? protectionEndsAt, DisputeIssue issue, DisputeRemedy request, long? partialAmount, string description, DateTimeOffset now)
    {
        if (!CanOpen(order, protectionEndsAt, now))
        {
            return DisputeErrors.OutsideWindow;
        }

        if (request is not (DisputeRemedy.FullRefund or DisputeRemedy.PartialRefund or DisputeRemedy.ReturnForRefund))
        {
            return DisputeErrors.BadRequest;
        }

        if (request == DisputeRemedy.PartialRefund && (partialAmount is not { } amount || amount <= 0 || amount >= order.Total.Amount))
        {
            return DisputeErrors.BadAmount;
        }

        if (string.IsNullOrWhiteSpace(description) || description.Trim().Length > 2000)
        {
            return DisputeErrors.Description;
        }

        return Result<Dispute>.Ok(new Dispute(order, issue, request, partialAmount, description, now));
    }

    /// <summary>When the seller must have answered (while it waits for the seller).</summary>
    public DateTimeOffset SellerReplyBy => OpenedAt + SellerReplyWindow;

    /// <summary>When it escalates by itself if the two sides haven't agreed.</summary>
    public DateTimeOffset AgreeBy => OpenedAt + AgreementWindow;

    public DateTimeOffset? ReturnShipBy => ReturnAgreedAt + ReturnShipWindow;

    public DateTimeOffset? ReturnConfirmBy => ReturnDeliveredAt + ReturnConfirmWindow;

    /// <summary>The next deadline someone must meet, for the dispute lists.</summary>
    public DateTimeOffset? NextDeadline => Status switch
    {
        DisputeStatus.AwaitingSeller => SellerReplyBy,
        DisputeStatus.CounterOffered or DisputeStatus.Rejected => AgreeBy,
        DisputeStatus.AwaitingReturn => ReturnShipBy,
        DisputeStatus.ReturnShipped => ReturnConfirmBy,
        DisputeStatus.Reshipping or DisputeStatus.Escalated or DisputeStatus.Resolved or DisputeStatus.Cancelled => null,
    };

    /// <summary>
    /// <see cref="NextDeadline"/> as a column (EF reads the getter when it saves), indexed, so the reminder job finds every
    /// dispute with a deadline near in SQL instead of scanning them all.
    /// </summary>
    public DateTimeOffset? NextDeadlineAt
    {
        get => NextDeadline;
        private set { }
    }

    /// <summary>From a day before the next deadline until it, once per deadline.</summary>
    public bool NeedsReminder(DateTimeOffset now) =>
        NextDeadline is { } deadline && now >= deadline - ReminderAhead && now < deadline && RemindedFor != deadline;

    public void MarkReminded() => RemindedFor = NextDeadline;

    /// <summary>Who has to do something before the next deadline.</summary>
    public (bool Buyer, bool Seller) MustAct => Status switch
    {
        DisputeStatus.AwaitingSeller or DisputeStatus.ReturnShipped => (false, true),
        DisputeStatus.CounterOffered or DisputeStatus.AwaitingReturn => (true, false),
        DisputeStatus.Rejected => (true, true),
        DisputeStatus.Reshipping or DisputeStatus.Escalated or DisputeStatus.Resolved or DisputeStatus.Cancelled => (false, false),
    };

    /// <summary>
    /// Whether the seller may accept the buyer's request or offer something else: while the request waits for the seller's
    /// first answer (the reply window), and after a rejection by either side until the dispute escalates (SPEC §4: a
    /// rejected counter-offer leaves the negotiation open; a seller who rejected may still change their mind).
    /// </summary>
    public bool SellerMayOffer(DateTimeOffset now) =>
        (Status == DisputeStatus.AwaitingSeller && now < SellerReplyBy) || (Status == DisputeStatus.Rejected && now < AgreeBy);

    /// <summary>The seller accepts the buyer's request: a refund resolves it, a return starts the return.</summary>
    public Result<DisputeStatus> Accept(DateTimeOffset now)
    {
        if (!SellerMayOffer(now))
        {
            return DisputeErrors.NotAwaitingSeller;
        }

        Record(now, Actor.Seller, Text.Of("Accepted the buyer's request ({0}).", Describe(Request, RequestedAmount)));
        return Agree(Request, RequestedAmount, now);
    }

    /// <summary>The seller offers something else: first instead of an answer, or again once the buyer rejected an offer.</summary>
    public Result<DisputeStatus> Counter(DisputeRemedy offer, long? amount, string message, DateTimeOffset now)
    {
        if (!SellerMayOffer(now))
        {
            return DisputeErrors.NotAwaitingSeller;
        }

        if (offer is not (DisputeRemedy.PartialRefund or DisputeRemedy.ReturnForRefund or DisputeRemedy.Reship))
        {
            return DisputeErrors.BadCounter;
        }

        if (offer == DisputeRemedy.PartialRefund && (amount is not { } value || value <= 0 || value >= OrderTotal))
        {
            return DisputeErrors.BadAmount;
        }

        Status = DisputeStatus.CounterOffered;
        CounterOffer = offer;
        CounterAmount = offer == DisputeRemedy.PartialRefund ? amount : offer == DisputeRemedy.ReturnForRefund ? OrderTotal : null;
        Record(now, Actor.Seller, Text.Of("Offered {0} instead.{1}", Describe(offer, CounterAmount), Suffix(message)));
        return Result<DisputeStatus>.Ok(Status);
    }

    public Result<DisputeStatus> Reject(string message, DateTimeOffset now)
    {
        if (Status != DisputeStatus.AwaitingSeller || now >= SellerReplyBy)
        {
            return DisputeErrors.NotAwaitingSeller;
        }

        if (string.IsNullOrWhiteSpace(message))
        {
            return DisputeErrors.ReasonRequired;
        }

        Status = DisputeStatus.Rejected;
        Record(now, Actor.Seller, Text.Of("Rejected the request.{0}", Suffix(message)));
        return Result<DisputeStatus>.Ok(Status);
    }

    /// <summary>The buyer takes the seller's counter-offer.</summary>
    public Result<DisputeStatus> AcceptCounter(DateTimeOffset now)
    {
        if (Status != DisputeStatus.CounterOffered || CounterOffer is not { } offer)
        {
            return DisputeErrors.NoCounterOffer;
        }

        Record(now, Actor.Buyer, Text.Of("Accepted the seller's offer ({0}).", Describe(offer, CounterAmount)));
        return Agree(offer, CounterAmount, now);
    }

    public Result<DisputeStatus> RejectCounter(DateTimeOffset now)
    {
        if (Status != DisputeStatus.CounterOffered)
        {
            return DisputeErrors.NoCounterOffer;
        }

        Status = DisputeStatus.Rejected;
        Record(now, Actor.Buyer, Text.Of("Rejected the seller's offer."));
        return Result<DisputeStatus>.Ok(Status);
    }

    /// <summary>
    /// Either side asks an admin to decide, once one of them rejected. The buyer may also do so while an offer waits for
    /// them, which rejects it first: a seller who answers every rejection with a new offer can't keep the buyer from an admin.
    /// </summary>
    public Result<DisputeStatus> Escalate(Actor actor, DateTimeOffset now)
    {
        if (Status == DisputeStatus.CounterOffered && actor == Actor.Buyer && RejectCounter(now) is { Succeeded: false } notRejected)
        {
            return notRejected;
        }

        if (Status != DisputeStatus.Rejected)
        {
            return DisputeErrors.NotEscalatable;
        }

        return MoveToAdmin(actor, now, actor == Actor.Buyer ? Text.Of("The buyer asked an admin to decide.") : Text.Of("The seller asked an admin to decide."));
    }

    /// <summary>
    /// The timers (SPEC §4), for the background job: no seller reply in time → the buyer's request is granted;
    /// no agreement in the escalation window → escalated; no return shipped in time → closed for the seller;
    /// the return delivered and not confirmed in time → refunded. Returns false when nothing was due.
    /// </summary>
    public bool ApplyTimers(DateTimeOffset now)
    {
        switch (Status)
        {
            case DisputeStatus.AwaitingSeller when now >= SellerReplyBy:
                Record(now, Actor.System, Text.Of("The seller didn't reply within {0}: the buyer's request ({1}) is granted.", SellerReplyWindow, Describe(Request, RequestedAmount)));
                return Agree(Request, RequestedAmount, now).Succeeded;
            case DisputeStatus.CounterOffered or DisputeStatus.Rejected when now >= AgreeBy:
                return MoveToAdmin(Actor.System, now, Text.Of("No agreement within {0}: an admin will decide.", AgreementWindow)).Succeeded;
            case DisputeStatus.AwaitingReturn when now >= ReturnShipBy:
                Record(now, Actor.System, Text.Of("The item wasn't sent back within {0}: closed in the seller's favour.", ReturnShipWindow));
                return Resolve(DisputeRemedy.SellerWins, 0, null, now).Succeeded;
            case DisputeStatus.ReturnShipped when ReturnConfirmBy is { } confirmBy && now >= confirmBy:
                Record(now, Actor.System, Text.Of("The seller didn't confirm the returned item within {0} of its delivery: refunded in full.", ReturnConfirmWindow));
                return Resolve(DisputeRemedy.ReturnForRefund, OrderTotal, null, now).Succeeded;
            default:
                return false;
        }
    }

    public Result<DisputeStatus> ShipReturn(string carrier, string trackingNumber, DateTimeOffset now)
    {
        if (Status != DisputeStatus.AwaitingReturn || now >= ReturnShipBy)
        {
            return DisputeErrors.NotAwaitingReturn;
        }

        if (string.IsNullOrWhiteSpace(carrier) || string.IsNullOrWhiteSpace(trackingNumber))
        {
            return DisputeErrors.TrackingRequired;
        }

        Status = DisputeStatus.ReturnShipped;
        ReturnCarrier = carrier.Trim();
        ReturnTrackingNumber = trackingNumber.Trim();
        ReturnShippedAt = now;
        Record(now, Actor.Buyer, Text.Of("Sent the item back: {0} {1}.", ReturnCarrier ?? string.Empty, ReturnTrackingNumber ?? string.Empty));
        return Result<DisputeStatus>.Ok(Status);
    }

    /// <summary>The carrier (or an admin) reports the return delivered: the seller's time to confirm starts.</summary>
    public Result<DisputeStatus> ReturnDelivered(Actor actor, DateTimeOffset now)
    {
        if (Status != DisputeStatus.ReturnShipped || ReturnDeliveredAt is not null)
        {
            return DisputeErrors.NotReturnShipped;
        }

        ReturnDeliveredAt = now;
        Record(now, actor, Text.Of("The returned item was delivered to the seller. The seller has {0} to confirm it.", ReturnConfirmWindow));
        return Result<DisputeStatus>.Ok(Status);
    }

    /// <summary>The seller has the item back: the buyer is refunded in full.</summary>
    public Result<DisputeStatus> ConfirmReturn(DateTimeOffset now)
    {
        if (Status != DisputeStatus.ReturnShipped)
        {
            return DisputeErrors.NotReturnShipped;
        }

        Record(now, Actor.Seller, Text.Of("Confirmed the returned item arrived: refunded in full."));
        return Resolve(DisputeRemedy.ReturnForRefund, OrderTotal, null, now);
    }

    /// <summary>The buyer withdraws the dispute (it can't be reopened); the seller keeps the money.</summary>
    public Result<DisputeStatus> Cancel(DateTimeOffset now)
    {
        if (Status is DisputeStatus.Resolved or DisputeStatus.Cancelled or DisputeStatus.ReturnShipped)
        {
            return DisputeErrors.NotCancellable;
        }

        Status = DisputeStatus.Cancelled;
        ClosedAt = now;
        Record(now, Actor.Buyer, Text.Of("The buyer withdrew the dispute."));
        return Result<DisputeStatus>.Ok(Status);
    }

    /// <summary>An admin's final decision on an escalated dispute, with a written reason.</summary>
    public Result<DisputeStatus> Decide(DisputeRemedy outcome, long? partialAmount, string reason, DateTimeOffset now, Guid? adminId = null)
    {
        if (Status != DisputeStatus.Escalated)
        {
            return DisputeErrors.NotEscalated;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return DisputeErrors.ReasonRequired;
        }

        var refund = outcome switch
        {
            DisputeRemedy.FullRefund => OrderTotal,
            DisputeRemedy.PartialRefund when partialAmount is { } amount && amount > 0 && amount < OrderTotal => amount,
            DisputeRemedy.SellerWins => 0,
            DisputeRemedy.ReturnForRefund => OrderTotal,
            _ => (long?)null,
        };
        if (refund is null)
        {
            return outcome == DisputeRemedy.PartialRefund ? DisputeErrors.BadAmount : DisputeErrors.BadRequest;
        }

        DecidedBy = adminId;
        Record(now, Actor.Admin, Text.Of("Decided: {0}. Reason: {1}", Describe(outcome, refund), reason.Trim()));
        if (outcome == DisputeRemedy.ReturnForRefund)
        {
            DecisionReason = reason.Trim();
            return StartReturn(now);
        }

        return Resolve(outcome, refund.Value, reason.Trim(), now);
    }

    /// <summary>
    /// True when the dispute closed with a split of the money (refund + release of the rest); false while open,
    /// and for a withdrawn dispute or a reship, after which the hold simply waits for the protection window again.
    /// </summary>
    public bool SettlesMoney => Status == DisputeStatus.Resolved && RefundAmount is not null;

    public static Text Describe(DisputeIssue issue) => issue switch
    {
        DisputeIssue.NotReceived => Text.Of("item not received"),
        DisputeIssue.NotAsDescribed => Text.Of("not as described"),
        DisputeIssue.Damaged => Text.Of("arrived damaged"),
        DisputeIssue.Counterfeit => Text.Of("counterfeit"),
        DisputeIssue.ServiceCommitmentBroken => Text.Of("service commitment broken"),
        DisputeIssue.AbusiveSeller => Text.Of("abusive seller"),
    };

    /// <summary>What the buyer asks for or the seller offers: "a full refund of €46.51".</summary>
    public Text Describe(DisputeRemedy remedy, long? amount) => remedy switch
    {
        DisputeRemedy.FullRefund => Text.Of("a full refund of {0}", Total),
        DisputeRemedy.PartialRefund => Text.Of("a partial refund of {0}, keeping the item", new Money(amount ?? 0, Currency)),
        DisputeRemedy.ReturnForRefund => Text.Of("a return for a full refund of {0}", Total),
        DisputeRemedy.Reship => Text.Of("sending the item again"),
        DisputeRemedy.SellerWins => Text.Of("no refund (the seller keeps the payment)"),
    };

    private Result<DisputeStatus> Agree(DisputeRemedy remedy, long? amount, DateTimeOffset now) => remedy switch
    {
        DisputeRemedy.ReturnForRefund => StartReturn(now),
        DisputeRemedy.Reship => Reship(now),
        DisputeRemedy.PartialRefund => Resolve(remedy, amount!.Value, null, now),
        _ => Resolve(DisputeRemedy.FullRefund, OrderTotal, null, now),
    };

    private Result<DisputeStatus> StartReturn(DateTimeOffset now)
    {
        Status = DisputeStatus.AwaitingReturn;
        ReturnAgreedAt = now;
        Record(now, Actor.System, Text.Of("Return agreed: the buyer has {0} to send the item back with tracking.", ReturnShipWindow));
        return Result<DisputeStatus>.Ok(Status);
    }

    private Result<DisputeStatus> Reship(DateTimeOffset now)
    {
        // The seller sends it again: the dispute closes, nothing is refunded, and the hold goes back to waiting
        // for the protection window (the buyer is still protected until it ends).
        Record(now, Actor.System, Text.Of("The seller sends the item again; the dispute is closed and the buyer stays protected until the window ends."));
        Status = DisputeStatus.Resolved;
        Outcome = DisputeRemedy.Reship;
        ClosedAt = now;
        return Result<DisputeStatus>.Ok(Status);
    }

    private Result<DisputeStatus> MoveToAdmin(Actor actor, DateTimeOffset now, Text note)
    {
        Status = DisputeStatus.Escalated;
        EscalatedAt = now;
        Record(now, actor, note);
        return Result<DisputeStatus>.Ok(Status);
    }

    private Result<DisputeStatus> Resolve(DisputeRemedy outcome, long refund, string? reason, DateTimeOffset now)
    {
        Status = DisputeStatus.Resolved;
        Outcome = outcome;
        RefundAmount = refund;
        DecisionReason = reason ?? DecisionReason;
        ClosedAt = now;
        return Result<DisputeStatus>.Ok(Status);
    }

    private void Record(DateTimeOffset at, Actor actor, Text note) => _events.Add(new DisputeEvent(Id, at, actor, note));

    private static string Suffix(string message) => string.IsNullOrWhiteSpace(message) ? string.Empty : $" \"{message.Trim()}\"";
}

using Marketplace.Domain.Common;

namespace Marketplace.Domain.Orders;

public enum OrderStatus
{
    PendingPayment,
    Paid,
    Shipped,
    Confirmed,
    Completed,
    Cancelled,
    AutoCancelled,
    InDispute,
    Refunded,
    PartiallyRefunded,
}

public enum Actor
{
    Buyer,
    Seller,
    Admin,
    System,
}

/// <summary>
/// What one seller owes one buyer from one checkout: lines, the chosen shipping, the address, and every
/// state it has been in. Times are rules (SPEC §2), the <see cref="Rules"/> in force when it was placed: unpaid
/// orders lapse at <see cref="PaymentDueBy"/>, a paid order must ship by <see cref="ShipBy"/>, a shipped one is
/// delivered by <see cref="DeliveryDeadline"/>.
/// </summary>
public sealed class Order : IVersioned
{
    private readonly List<OrderLine> _lines = [];
    private readonly List<OrderEvent> _events = [];
    private readonly List<TrackingEvent> _tracking = [];

    public const int MaxExtensionDays = 30;

    private Order()
    {
        Currency = string.Empty;
        SellerCurrency = string.Empty;
        Address = null!;
        Shipping = null!;
        Rules = null!;
    }

    private Order(Guid checkoutId, Guid buyerId, Guid sellerId, ShippingAddress address, ShippingChoice shipping, int handlingDays, int commissionBasisPoints, DateTimeOffset now, MarketplaceRules rules)
    {
        Id = Ids.New();
        Number = OrderNumber.From(Id);
        CheckoutId = checkoutId;
        BuyerId = buyerId;
        SellerId = sellerId;
        Address = address;
        Shipping = shipping;
        HandlingDays = handlingDays;
        CommissionBasisPoints = commissionBasisPoints;
        Currency = shipping.Price.Currency;
        SellerCurrency = Currency;
        Rules = rules;
        PlacedAt = now;
        PaymentDueBy = now + rules.PaymentWindow;
        Status = OrderStatus.PendingPayment;
    }

    public Guid Id { get; private set; }

    /// <summary>What people read and say on the phone, e.g. "MK-3F9A-C21B-07DE".</summary>
    public string Number { get; private set; } = string.Empty;

    public Guid CheckoutId { get; private set; }

    public Guid BuyerId { get; private set; }

    public Guid SellerId { get; private set; }

    public OrderStatus Status { get; private set; }

    public string Currency { get; private set; }

    public ShippingAddress Address { get; private set; }

    public ShippingChoice Shipping { get; private set; }

    public int HandlingDays { get; private set; }

    /// <summary>The arrival window the checkout promised (handling plus the shipping option's days, from when it was placed).</summary>
    public Catalog.DeliveryEstimate PromisedArrival => Catalog.DeliveryEstimate.For(HandlingDays, Shipping.MinDays, Shipping.MaxDays, PlacedAt);

    /// <summary>
    /// When it should arrive as things stand: the promise at checkout until it ships, then from the shipping option's
    /// minimum days after the day it shipped to the delivery deadline (shipped + the maximum days, later if extended).
    /// </summary>
    public Catalog.DeliveryEstimate ExpectedArrival =>
        ShippedAt is { } shipped && DeliveryDeadline is { } deadline
            ? new(DateOnly.FromDateTime(shipped.UtcDateTime).AddDays(Shipping.MinDays), DateOnly.FromDateTime(deadline.UtcDateTime))
            : PromisedArrival;

    /// <summary>Frozen when the order is placed: later rate changes never touch it.</summary>
    public int CommissionBasisPoints { get; private set; }

    /// <summary>The timers and rates in force when the order was placed: an admin's later change never touches them.</summary>
    public MarketplaceRules Rules { get; private set; }

    public Money Subtotal { get; private set; }

    /// <summary>What the buyer is charged, in <see cref="Currency"/> (the checkout's currency).</summary>
    public Money Total { get; private set; }

    /// <summary>The currency the seller priced the items in (their store's); the payout is made in it.</summary>
    public string SellerCurrency { get; private set; }

    /// <summary>The same order at the seller's own prices, in <see cref="SellerCurrency"/>: frozen at checkout with <see cref="PriceRate"/>.</summary>
    public Money SellerTotal { get; private set; }

    /// <summary>Units of <see cref="Currency"/> per unit of <see cref="SellerCurrency"/>, frozen at checkout (1 when they are the same).</summary>
    public decimal ExchangeRate { get; private set; } = 1m;

    /// <summary>The seller's prices → the checkout's currency, as frozen at checkout.</summary>
    public ExchangeRate PriceRate => new(SellerCurrency, Currency, ExchangeRate);

    /// <summary>Charged in another currency than the seller's prices.</summary>
    public bool IsConverted => SellerCurrency != Currency;

    public DateTimeOffset PlacedAt { get; private set; }

    public DateTimeOffset PaymentDueBy { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public DateTimeOffset? ShipBy { get; private set; }

    public DateTimeOffset? ShippedAt { get; private set; }

    public string? Carrier { get; private set; }

    public string? TrackingNumber { get; private set; }

    public DateTimeOffset? DeliveryDeadline { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>When the buyer asked to cancel a paid order that hasn't shipped (null: no open request).</summary>
    public DateTimeOffset? CancellationRequestedAt { get; private set; }

    public string? CancellationReason { get; private set; }

    /// <summary>
    /// When an unanswered cancellation request is granted by itself, as a column (EF reads the getter when it saves)
    /// so the job finds due requests in SQL with each order's own window.
    /// </summary>
    public DateTimeOffset? CancellationAnswerBy
    {
        get => CancellationRequestedAt + Rules.CancellationReplyWindow;
        private set { }
    }

    /// <summary>When a payment still frozen is raised to the top of the admin queue: capture + the hold ceiling.</summary>
    public DateTimeOffset? HoldCeilingAt { get; private set; }

    /// <summary>When the seller was reminded that the ship-by time is near (once per order).</summary>
    public DateTimeOffset? ShipByReminderSentAt { get; private set; }

    /// <summary>Days of extra delivery time the buyer asked for and the seller hasn't granted yet.</summary>
    public int? ExtensionRequestedDays { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<OrderLine> Lines => _lines;

    public IReadOnlyList<OrderEvent> Events => _events;

    public IReadOnlyList<TrackingEvent> Tracking => _tracking;

    /// <summary>Places an unpaid order for one seller's lines. Stock must already be reserved by the caller.</summary>
    public static Order Place(
        Guid checkoutId,
        Guid buyerId,
        Guid sellerId,
        ShippingAddress address,
        ShippingChoice shipping,
        int handlingDays,
        int commissionBasisPoints,
        IReadOnlyList<OrderLineInput> lines,
        DateTimeOffset now,
        MarketplaceRules rules,
        ExchangeRate? rate = null)
    {
        if (lines.Count == 0)
        {
            throw new ArgumentException("An order needs at least one line.", nameof(lines));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(handlingDays);
        ArgumentOutOfRangeException.ThrowIfNegative(commissionBasisPoints);
        // Lines and shipping come at the seller's prices; each unit price and the shipping are converted once (rounded half
        // away from zero in the checkout's minor units), so the buyer's line totals are exactly unit price × quantity.
        var toCharged = rate ?? Common.ExchangeRate.Identity(shipping.Price.Currency);
        if (toCharged.From != shipping.Price.Currency || lines.Any(l => l.UnitPrice.Currency != toCharged.From))
        {
            throw new ArgumentException("The lines, the shipping and the rate must all start from the seller's currency.", nameof(rate));
        }

        var order = new Order(checkoutId, buyerId, sellerId, address, new ShippingChoice(shipping.Method, shipping.Carrier, toCharged.Convert(shipping.Price), shipping.MinDays, shipping.MaxDays), handlingDays, commissionBasisPoints, now, rules);
        foreach (var line in lines)
        {
            order._lines.Add(new OrderLine(line with { UnitPrice = toCharged.Convert(line.UnitPrice) }));
        }

        order.Subtotal = order._lines.Aggregate(Money.Zero(order.Currency), (sum, l) => sum + l.LineTotal);
        order.Total = order.Subtotal + order.Shipping.Price;
        order.SellerCurrency = toCharged.From;
        order.ExchangeRate = toCharged.Rate;
        order.SellerTotal = lines.Aggregate(Money.Zero(toCharged.From), (sum, l) => sum + l.UnitPrice.Multiply(l.Quantity)) + shipping.Price;
        order.Record(now, Actor.Buyer, Text.Of("Order placed; waiting for payment."));
        return order;
    }

    /// <summary>The payment was captured: the seller has <see cref="HandlingDays"/> days to ship.</summary>
    public Result<OrderStatus> MarkPaid(DateTimeOffset now)
    {
        if (Status != OrderStatus.PendingPayment)
        {
            return OrderErrors.NotPending;
        }

        Status = OrderStatus.Paid;
        PaidAt = now;
        ShipBy = now.AddDays(HandlingDays);
        HoldCeilingAt = now + Rules.HoldCeiling;
        Record(now, Actor.System, Text.Of("Payment received; the money is held until you are protected."));
        return Result<OrderStatus>.Ok(Status);
    }

    /// <summary>True once the payment window has closed on an unpaid order (at the deadline itself, too).</summary>
    public bool PaymentLapsed(DateTimeOffset now) => Status == OrderStatus.PendingPayment && now >= PaymentDueBy;

    /// <summary>The payment never came: the order is cancelled and the caller returns its stock.</summary>
    public Result<OrderStatus> LapseUnpaid(DateTimeOffset now)
    {
        if (!PaymentLapsed(now))
        {
            return OrderErrors.NotPending;
        }

        Status = OrderStatus.AutoCancelled;
        ClosedAt = now;
        Record(now, Actor.System, Text.Of("Cancelled: payment not received within {0}. Nothing was charged.", Rules.PaymentWindow));
        return Result<OrderStatus>.Ok(Status);
    }

    /// <summary>The longest carrier name or tracking number (the columns' length).</summary>
    public const int MaxTrackingLength = 60;

    public Result<OrderStatus> MarkShipped(string carrier, string trackingNumber, DateTimeOffset now)
    {
        if (Status != OrderStatus.Paid)
        {
            return OrderErrors.NotShippable;
        }

        if (string.IsNullOrWhiteSpace(carrier) || string.IsNullOrWhiteSpace(trackingNumber))
        {
            return OrderErrors.TrackingRequired;
        }

        if (carrier.Trim().Length > MaxTrackingLength || trackingNumber.Trim().Length > MaxTrackingLength)
        {
            return OrderErrors.TrackingTooLong;
        }

        Status = OrderStatus.Shipped;
        ShippedAt = now;
        CancellationRequestedAt = null;
        Carrier = carrier.Trim();
        TrackingNumber = trackingNumber.Trim();
        DeliveryDeadline = now.AddDays(Shipping.MaxDays);
        Record(now, Actor.Seller, Text.Of("Shipped with {0}, tracking {1}.", Carrier, TrackingNumber));
        return Result<OrderStatus>.Ok(Status);
    }

    /// <summary>The buyer confirms receipt (any time after shipping), or the system does at the delivery deadline.</summary>
    public Result<OrderStatus> ConfirmReceipt(Actor actor, DateTimeOffset now)
    {
        if (Status != OrderStatus.Shipped)
        {
            return OrderErrors.NotConfirmable;
        }

        if (actor == Actor.System && now < DeliveryDeadline)
        {
            return OrderErrors.NotConfirmable;
        }

        Status = OrderStatus.Confirmed;
        ConfirmedAt = now;
        Record(now, actor, actor == Actor.System ? Text.Of("Delivery deadline passed: receipt confirmed automatically.") : Text.Of("Receipt confirmed by the buyer."));
        return Result<OrderStatus>.Ok(Status);
    }

    /// <summary>How long before the ship-by time the seller is reminded.</summary>
    public static readonly TimeSpan ShipByReminder = TimeSpan.FromHours(24);

    /// <summary>True in the last 24 hours before the ship-by time of a paid order whose seller wasn't reminded yet.</summary>
    public bool NeedsShipByReminder(DateTimeOffset now) =>
        Status == OrderStatus.Paid && ShipByReminderSentAt is null && ShipBy is { } shipBy && now >= shipBy - ShipByReminder && now < shipBy;

    public void MarkShipByReminded(DateTimeOffset now) => ShipByReminderSentAt ??= now;

    /// <summary>True once a paid order's ship-by time has come (at the deadline itself, too) without shipping.</summary>
    public bool ShipByPassed(DateTimeOffset now) => Status == OrderStatus.Paid && ShipBy is { } shipBy && now >= shipBy;

    /// <summary>The seller didn't ship in time: the order is cancelled and the buyer refunded in full.</summary>
    public Result<OrderStatus> CancelUnshipped(DateTimeOffset now)
    {
        if (!ShipByPassed(now))
        {
            return OrderErrors.NotOverdue;
        }

        Status = OrderStatus.AutoCancelled;
        ClosedAt = now;
        Record(now, Actor.System, Text.Of("Cancelled: not shipped within {0}. Your payment is refunded in full.", Text.Days(HandlingDays)));
        return Result<OrderStatus>.Ok(Status);
    }

    /// <summary>The buyer asks to cancel before shipping; the seller accepts, or it is granted when the reply window passes without a reply.</summary>
    public Result<OrderStatus> RequestCancellation(string reason, DateTimeOffset now)
    {
        if (Status != OrderStatus.Paid)
        {
            return OrderErrors.NotCancellable;
        }

        if (CancellationRequestedAt is not null)
        {
            return OrderErrors.CancellationPending;
        }

        CancellationRequestedAt = now;
        CancellationReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Record(now, Actor.Buyer, Text.Of("Asked to cancel{0}. The seller has {1} to reply.", (CancellationReason is null ? string.Empty : $": {CancellationReason}"), Rules.CancellationReplyWindow));
        return Result<OrderStatus>.Ok(Status);
    }

    /// <summary>True from the end of the reply window of an unanswered cancellation request (at that instant, too).</summary>
    public bool CancellationUnanswered(DateTimeOffset now) =>
        Status == OrderStatus.Paid && CancellationAnswerBy is { } answerBy && now >= answerBy;

    /// <summary>The seller accepts the buyer's request, or (<see cref="Actor.System"/>) nobody answered in time. The buyer is refunded in full.</summary>
    public Result<OrderStatus> Cancel(Actor actor, DateTimeOffset now)
    {
        if (Status != OrderStatus.Paid || CancellationRequestedAt is null)
        {
            return OrderErrors.NotCancellable;
        }

        if (actor == Actor.System && !CancellationUnanswered(now))
        {
            return OrderErrors.NotCancellable;
        }

        Status = OrderStatus.Cancelled;
        ClosedAt = now;
        Record(now, actor, actor == Actor.System
            ? Text.Of("Cancelled: the seller didn't reply within {0}. Your payment is refunded in full.", Rules.CancellationReplyWindow)
            : Text.Of("Cancellation accepted by the seller. Your payment is refunded in full."));
        return Result<OrderStatus>.Ok(Status);
    }

    /// <summary>The buyer asks for more delivery time before the deadline (the protection window moves with it).</summary>
    public Result<OrderStatus> RequestExtension(int days, DateTimeOffset now)
    {
        if (Status != OrderStatus.Shipped || now >= DeliveryDeadline)
        {
            return OrderErrors.NotExtendable;
        }

        if (days is < 1 or > MaxExtensionDays)
        {
            return OrderErrors.BadExtension;
        }

        ExtensionRequestedDays = days;
        Record(now, Actor.Buyer, Text.Of("Asked the seller for {0} more days of delivery time.", days));
        return Result<OrderStatus>.Ok(Status);
    }

    /// <summary>The seller grants more time (never less): the delivery deadline moves later.</summary>
    public Result<OrderStatus> GrantExtension(int days, DateTimeOffset now)
    {
        if (Status != OrderStatus.Shipped || DeliveryDeadline is null)
        {
            return OrderErrors.NotExtendable;
        }

        if (days is < 1 or > MaxExtensionDays)
        {
            return OrderErrors.BadExtension;
        }

        DeliveryDeadline = DeliveryDeadline.Value.AddDays(days);
        ExtensionRequestedDays = null;
        Record(now, Actor.Seller, Text.Of("Delivery time extended by {0} days, to {1}.", days, new When(DeliveryDeadline.Value, WhenStyle.Day)));
        return Result<OrderStatus>.Ok(Status);
    }

    /// <summary>A carrier scan or a note from the seller or an admin; "delivered" shows as such on the timeline.</summary>
    public Result<OrderStatus> AddTrackingEvent(string description, bool delivered, Actor actor, DateTimeOffset now)
    {
        if (Status is not (OrderStatus.Shipped or OrderStatus.Confirmed or OrderStatus.InDispute))
        {
            return OrderErrors.NotShipped;
        }

        if (string.IsNullOrWhiteSpace(description) || description.Trim().Length > 200)
        {
            return OrderErrors.TrackingEventText;
        }

        _tracking.Add(new TrackingEvent(now, description.Trim(), delivered, actor));
        return Result<OrderStatus>.Ok(Status);
    }

    /// <summary>The protection window closed and the seller was paid: nothing more can happen to this order.</summary>
    public Result<OrderStatus> Complete(DateTimeOffset now)
    {
        if (Status != OrderStatus.Confirmed)
        {
            return OrderErrors.NotCompletable;
        }

        Status = OrderStatus.Completed;
        ClosedAt = now;
        Record(now, Actor.System, Text.Of("Protection period over: the payment was released to the seller."));
        return Result<OrderStatus>.Ok(Status);
    }

    /// <summary>The buyer opened a dispute: nothing moves until it closes.</summary>
    public Result<OrderStatus> OpenDispute(Text summary, DateTimeOffset now)
    {
        if (Status is not (OrderStatus.Shipped or OrderStatus.Confirmed))
        {
            return OrderErrors.NotDisputable;
        }

        Status = OrderStatus.InDispute;
        Record(now, Actor.Buyer, Text.Of("Dispute opened: {0}. The payment stays in escrow until it is settled.", summary));
        return Result<OrderStatus>.Ok(Status);
    }

    /// <summary>The dispute settled the money: all back (Refunded), part back (PartiallyRefunded), or none (Completed).</summary>
    public Result<OrderStatus> SettleDispute(Money refund, DateTimeOffset now)
    {
        if (Status != OrderStatus.InDispute)
        {
            return OrderErrors.NotInDispute;
        }

        Status = refund.Amount >= Total.Amount ? OrderStatus.Refunded : refund.Amount > 0 ? OrderStatus.PartiallyRefunded : OrderStatus.Completed;
        ClosedAt = now;
        Record(now, Actor.System, refund.Amount > 0
            ? Text.Of("Dispute settled: {0} refunded to the buyer; the rest was released to the seller.", refund)
            : Text.Of("Dispute settled in the seller's favour: the payment was released to the seller."));
        return Result<OrderStatus>.Ok(Status);
    }

    /// <summary>The dispute closed without moving money (withdrawn, or the item is sent again): protection carries on.</summary>
    public Result<OrderStatus> ResumeAfterDispute(Text why, DateTimeOffset now)
    {
        if (Status != OrderStatus.InDispute)
        {
            return OrderErrors.NotInDispute;
        }

        Status = ConfirmedAt is null ? OrderStatus.Shipped : OrderStatus.Confirmed;
        Record(now, Actor.System, Text.Of("Dispute closed: {0}. The buyer stays protected until the window ends.", why));
        return Result<OrderStatus>.Ok(Status);
    }

    public const string ForgottenName = "Deleted account";

    /// <summary>The buyer deleted their account: the address on this (closed) order is blanked; the country stays for the books.</summary>
    public void ForgetBuyerAddress() => Address = new ShippingAddress(ForgottenName, "—", null, "—", null, "—", Address.CountryCode, null);

    /// <summary>
    /// Something about this order's money that neither side did, on the timeline: news from the payment provider (a
    /// chargeback opened, won, lost) or from escrow (a decision waiting for the bank, an admin hold).
    /// </summary>
    public void NoteFromProvider(Text note, DateTimeOffset now) => Record(now, Actor.System, note);

    /// <summary>The card network gave the buyer's money back (a chargeback the platform lost): the order ends as refunded.</summary>
    public Result<OrderStatus> ChargedBack(DateTimeOffset now)
    {
        if (Status is OrderStatus.PendingPayment or OrderStatus.Cancelled or OrderStatus.AutoCancelled or OrderStatus.Refunded)
        {
            return OrderErrors.NotChargeable;
        }

        Status = OrderStatus.Refunded;
        ClosedAt = now;
        Record(now, Actor.System, Text.Of("The card network returned the payment to the buyer (chargeback)."));
        return Result<OrderStatus>.Ok(Status);
    }

    /// <summary>An admin refunded a completed order after the seller was paid: the seller's share is taken back.</summary>
    public Result<OrderStatus> RefundAfterRelease(string reason, DateTimeOffset now)
    {
        if (Status != OrderStatus.Completed)
        {
            return OrderErrors.NotRefundable;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return OrderErrors.RefundReasonRequired;
        }

        Status = OrderStatus.Refunded;
        Record(now, Actor.Admin, Text.Of("Refunded in full after the seller was paid: {0}", reason));
        return Result<OrderStatus>.Ok(Status);
    }

    /// <summary>An order's state in the words its pages use ("Paid, to ship").</summary>
    public static Text Describe(OrderStatus status) => status switch
    {
        OrderStatus.PendingPayment => Text.Of("Awaiting payment"),
        OrderStatus.Paid => Text.Of("Paid, to ship"),
        OrderStatus.Shipped => Text.Of("Shipped"),
        OrderStatus.Confirmed => Text.Of("Delivered"),
        OrderStatus.Completed => Text.Of("Completed"),
        OrderStatus.Cancelled or OrderStatus.AutoCancelled => Text.Of("Cancelled"),
        OrderStatus.InDispute => Text.Of("In dispute"),
        OrderStatus.Refunded => Text.Of("Refunded"),
        OrderStatus.PartiallyRefunded => Text.Of("Partially refunded"),
    };

    private void Record(DateTimeOffset at, Actor actor, Text note) => _events.Add(new OrderEvent(at, actor, Status, note));
}

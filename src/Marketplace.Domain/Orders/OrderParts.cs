using Marketplace.Domain.Common;

namespace Marketplace.Domain.Orders;

/// <summary>A line as it was bought: the title, variant and price are copied so later edits don't rewrite history.</summary>
public sealed class OrderLine
{
    private OrderLine()
    {
        Title = string.Empty;
        VariantName = string.Empty;
        Sku = string.Empty;
    }

    internal OrderLine(OrderLineInput input)
    {
        if (input.Quantity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(input), "A line's quantity must be at least 1.");
        }

        Id = Ids.New();
        ListingId = input.ListingId;
        VariantId = input.VariantId;
        Title = input.Title;
        VariantName = input.VariantName;
        Sku = input.Sku;
        UnitPrice = input.UnitPrice;
        Quantity = input.Quantity;
        LineTotal = input.UnitPrice.Multiply(input.Quantity);
    }

    public Guid Id { get; private set; }

    public Guid ListingId { get; private set; }

    public Guid VariantId { get; private set; }

    public string Title { get; private set; }

    public string VariantName { get; private set; }

    public string Sku { get; private set; }

    public Money UnitPrice { get; private set; }

    public int Quantity { get; private set; }

    public Money LineTotal { get; private set; }
}

public sealed record OrderLineInput(Guid ListingId, Guid VariantId, string Title, string VariantName, string Sku, Money UnitPrice, int Quantity);

/// <summary>One transition: when, who, the state it led to, and what happened in words.</summary>
public sealed class OrderEvent
{
    private OrderEvent()
    {
        Note = string.Empty;
    }

    internal OrderEvent(DateTimeOffset at, Actor actor, OrderStatus status, Text note)
    {
        Id = Ids.New();
        At = at;
        Actor = actor;
        Status = status;
        Note = note.ToString();
        NoteText = note.ToJson() is { Length: <= MaxNoteTextLength } json ? json : null;
    }

    public const int MaxNoteTextLength = 4000;

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Actor Actor { get; private set; }

    public OrderStatus Status { get; private set; }

    public string Note { get; private set; }

    /// <summary>The note as a <see cref="Common.Text"/> (JSON) for readers in other languages; null for events recorded before.</summary>
    public string? NoteText { get; private set; }

    /// <summary>The note to show: translatable when it was recorded as a text, else the English as written.</summary>
    public Text Text => NoteText is null ? (Text)Note : Text.FromJson(NoteText);
}

/// <summary>One step of the parcel's journey.</summary>
public sealed class TrackingEvent
{
    private TrackingEvent()
    {
        Description = string.Empty;
    }

    internal TrackingEvent(DateTimeOffset at, string description, bool delivered, Actor actor)
    {
        Id = Ids.New();
        At = at;
        Description = description;
        Delivered = delivered;
        Actor = actor;
    }

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Description { get; private set; }

    public bool Delivered { get; private set; }

    public Actor Actor { get; private set; }
}

/// <summary>The shipping the buyer picked for one seller, copied from the listings' options at checkout.</summary>
public sealed record ShippingChoice
{
    public ShippingChoice(string method, string carrier, Money price, int minDays, int maxDays)
    {
        Method = method;
        Carrier = carrier;
        Price = price;
        MinDays = minDays;
        MaxDays = maxDays;
    }

    private ShippingChoice()
    {
        Method = string.Empty;
        Carrier = string.Empty;
    }

    public string Method { get; private init; }

    public string Carrier { get; private init; }

    public Money Price { get; private init; }

    public int MinDays { get; private init; }

    public int MaxDays { get; private init; }
}

/// <summary>Where the parcel goes.</summary>
public sealed record ShippingAddress(string FullName, string Line1, string? Line2, string City, string? Region, string PostalCode, string CountryCode, string? Phone);

public static class OrderNumber
{
    /// <summary>"MK-" and the last twelve hex digits of the id (random bits in a v7 id), in groups of four.</summary>
    public static string From(Guid id)
    {
        var hex = id.ToString("N").ToUpperInvariant();
        return $"MK-{hex[^12..^8]}-{hex[^8..^4]}-{hex[^4..]}";
    }
}

public static class OrderErrors
{
    public static readonly DomainError NotFound = new("order.not_found", "That order does not exist.", ErrorKind.NotFound);
    public static readonly DomainError NotDisputable = new("order.not_disputable", "Only an order that has shipped can be disputed.", ErrorKind.Conflict);
    public static readonly DomainError NotInDispute = new("order.not_in_dispute", "This order has no open dispute.", ErrorKind.Conflict);
    public static readonly DomainError PaymentFrozen = new("order.payment_frozen", "The buyer's bank is disputing this payment (a chargeback), so the order can't be cancelled and refunded until the bank decides.", ErrorKind.Conflict);
    public static readonly DomainError NotChargeable = new("order.not_chargeable", "This order has no captured payment left to charge back.", ErrorKind.Conflict);
    public static readonly DomainError RefundReasonRequired = new("order.refund_reason", "Write why the order is refunded: the buyer and the seller both see it.");
    public static readonly DomainError NotRefundable = new("order.not_refundable", "Only a completed order (the seller already paid) can be refunded after release.", ErrorKind.Conflict);
    public static readonly DomainError NotPending = new("order.not_pending", "This order is no longer waiting for payment.", ErrorKind.Conflict);
    public static readonly DomainError NotShippable = new("order.not_shippable", "Only a paid order that hasn't shipped can be marked shipped.", ErrorKind.Conflict);
    public static readonly DomainError TrackingRequired = new("order.tracking_required", "Enter the carrier and the tracking number.");
    public static readonly DomainError TrackingTooLong = DomainError.Of("order.tracking_too_long", "The carrier and the tracking number have at most {0} characters each.", Order.MaxTrackingLength);
    public static readonly DomainError NotCancellable = new("order.not_cancellable", "Only a paid order that hasn't shipped can be cancelled.", ErrorKind.Conflict);
    public static readonly DomainError CancellationPending = new("order.cancellation_pending", "You already asked to cancel this order; the seller hasn't replied yet.", ErrorKind.Conflict);
    public static readonly DomainError NotExtendable = new("order.not_extendable", "More delivery time can be asked for and granted only while the order is on its way.", ErrorKind.Conflict);
    public static readonly DomainError BadExtension = DomainError.Of("order.bad_extension", "Choose from 1 to {0} days.", Order.MaxExtensionDays);
    public static readonly DomainError NotShipped = new("order.not_shipped", "Tracking events can be added once the order has shipped.", ErrorKind.Conflict);
    public static readonly DomainError TrackingEventText = new("order.tracking_text", "Describe the event in 1 to 200 characters.");
    public static readonly DomainError NotOverdue = new("order.not_overdue", "This order isn't past its ship-by time.", ErrorKind.Conflict);
    public static readonly DomainError NotCompletable = new("order.not_completable", "Only a delivered order can be completed.", ErrorKind.Conflict);
    public static readonly DomainError NotConfirmable = new("order.not_confirmable", "Receipt can be confirmed once the order has shipped.", ErrorKind.Conflict);
}

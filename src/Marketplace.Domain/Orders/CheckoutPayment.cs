using Marketplace.Domain.Common;

namespace Marketplace.Domain.Orders;

public enum PaymentStatus
{
    AwaitingPayment,
    Paid,
    Lapsed,
}

/// <summary>
/// One payment for the orders of one checkout (one order per seller): the buyer pays once, the platform
/// holds each order's share in escrow. The provider's transfer group and our idempotency keys come from its id.
/// </summary>
public sealed class CheckoutPayment : IVersioned
{
    private CheckoutPayment()
    {
    }

    public CheckoutPayment(Guid buyerId, Money amount, DateTimeOffset now, TimeSpan paymentWindow)
    {
        if (amount.Amount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A checkout must charge something.");
        }

        Id = Ids.New();
        BuyerId = buyerId;
        Amount = amount;
        CreatedAt = now;
        PaymentDueBy = now + paymentWindow;
        Status = PaymentStatus.AwaitingPayment;
    }

    public Guid Id { get; private set; }

    public Guid BuyerId { get; private set; }

    public Money Amount { get; private set; }

    public PaymentStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset PaymentDueBy { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    /// <summary>The provider's id for the captured payment (simulated or Stripe charge).</summary>
    public string? PaymentReference { get; private set; }

    /// <summary>The provider's payment object for this checkout (a Stripe PaymentIntent id), created once before the card page.</summary>
    public string? ProviderPaymentId { get; private set; }

    /// <summary>The money arrived after the checkout had lapsed (its stock went back on sale): it is refunded in full.</summary>
    public bool PaidLate => Status == PaymentStatus.Lapsed && PaymentReference is not null;

    /// <summary>Why the last attempt failed, in words for the buyer.</summary>
    public string? LastFailure { get; private set; }

    public int Attempts { get; private set; }

    public int Version { get; private set; }

    public bool CanPay(DateTimeOffset now) => Status == PaymentStatus.AwaitingPayment && now < PaymentDueBy;

    public Result<PaymentStatus> RecordDecline(string message, DateTimeOffset now)
    {
        if (!CanPay(now))
        {
            return CheckoutErrors.NotPayable;
        }

        Attempts++;
        LastFailure = message;
        return Result<PaymentStatus>.Ok(Status);
    }

    public Result<PaymentStatus> MarkPaid(string paymentReference, DateTimeOffset now)
    {
        if (!CanPay(now))
        {
            return CheckoutErrors.NotPayable;
        }

        Attempts++;
        Status = PaymentStatus.Paid;
        PaidAt = now;
        PaymentReference = paymentReference;
        LastFailure = null;
        return Result<PaymentStatus>.Ok(Status);
    }

    public void AttachProviderPayment(string providerPaymentId) => ProviderPaymentId ??= providerPaymentId;

    /// <summary>
    /// The provider captured money for a checkout that had already lapsed (the buyer paid in the last second, the
    /// webhook came later). Returns false when this late payment is already known, so it is refunded only once.
    /// </summary>
    public bool RecordLatePayment(string paymentReference)
    {
        if (Status != PaymentStatus.Lapsed || PaymentReference is not null)
        {
            return false;
        }

        PaymentReference = paymentReference;
        return true;
    }

    public Result<PaymentStatus> Lapse(DateTimeOffset now)
    {
        if (Status != PaymentStatus.AwaitingPayment || now < PaymentDueBy)
        {
            return CheckoutErrors.NotPayable;
        }

        Status = PaymentStatus.Lapsed;
        return Result<PaymentStatus>.Ok(Status);
    }
}

public static class CheckoutErrors
{
    public static readonly DomainError NotFound = new("checkout.not_found", "That checkout does not exist.", ErrorKind.NotFound);
    public static readonly DomainError NotPayable = new("checkout.not_payable", "This checkout can no longer be paid: it was paid already or its time to pay ran out. Nothing more was charged.", ErrorKind.Conflict);
    public static readonly DomainError Processing = new("checkout.processing", "Your bank is still processing the payment. We'll confirm your orders as soon as it's done; you don't need to pay again.", ErrorKind.Conflict);
    public static readonly DomainError EmptyCart = new("checkout.empty_cart", "Your cart is empty.");
    public static readonly DomainError CartChanged = new("checkout.cart_changed", "Your cart changed while you were checking out. Please review it and try again.", ErrorKind.Conflict);
}

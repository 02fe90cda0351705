using Marketplace.Domain.Common;

namespace Marketplace.Domain.Payments;

public enum ProviderCommandKind
{
    /// <summary>Give (part of) a captured payment back to the buyer.</summary>
    Refund,

    /// <summary>Pay a released seller share to the seller's connected account.</summary>
    Transfer,

    /// <summary>Take (part of) a transfer back from the seller's account (a refund after release).</summary>
    ReverseTransfer,
}

public enum ProviderCommandStatus
{
    Pending,
    Succeeded,

    /// <summary>Failed too often: an admin must look at it (it is never retried by itself again).</summary>
    NeedsAdmin,

    /// <summary>No longer owed (a payout not yet sent when the order was refunded after release).</summary>
    Cancelled,
}

/// <summary>
/// A call we owe the payment provider, recorded in the same transaction as the state change that causes it
/// (the durable outbox). A worker sends it under <see cref="IdempotencyKey"/>, made from our own ids, so a
/// retry after a timeout or a crash can never move money twice.
/// </summary>
public sealed class ProviderCommand : IVersioned
{
    public const int MaxAttempts = 6;

    private ProviderCommand()
    {
        IdempotencyKey = string.Empty;
        PaymentReference = string.Empty;
        TransferGroup = string.Empty;
    }

    private ProviderCommand(ProviderCommandKind kind, string idempotencyKey, Guid orderId, Guid sellerId, Money amount, string paymentReference, string transferGroup, DateTimeOffset now)
    {
        if (amount.Amount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A provider call must move a positive amount.");
        }

        Id = Ids.New();
        Kind = kind;
        IdempotencyKey = idempotencyKey;
        OrderId = orderId;
        SellerId = sellerId;
        Amount = amount;
        PaymentReference = paymentReference;
        TransferGroup = transferGroup;
        CreatedAt = now;
        NextAttemptAt = now;
        Status = ProviderCommandStatus.Pending;
    }

    public Guid Id { get; private set; }

    public ProviderCommandKind Kind { get; private set; }

    /// <summary>"refund:{orderId}" or "release:{holdId}": the same key for every retry of the same call.</summary>
    public string IdempotencyKey { get; private set; }

    public Guid OrderId { get; private set; }

    public Guid SellerId { get; private set; }

    public Money Amount { get; private set; }

    /// <summary>The captured payment (charge) the money comes from.</summary>
    public string PaymentReference { get; private set; }

    /// <summary>The checkout's transfer group at the provider.</summary>
    public string TransferGroup { get; private set; }

    public ProviderCommandStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public string? ProviderReference { get; private set; }

    /// <summary>
    /// When the first call went out (recorded and committed before the call is made). From then on the provider may
    /// have done the work even if we never heard back (a timeout, a crash), so the command can't be cancelled any more.
    /// </summary>
    public DateTimeOffset? FirstSentAt { get; private set; }

    public string? LastError { get; private set; }

    public int Version { get; private set; }

    public static ProviderCommand Refund(Guid orderId, Guid sellerId, Money amount, string paymentReference, Guid checkoutId, DateTimeOffset now) =>
        new(ProviderCommandKind.Refund, $"refund:{orderId}", orderId, sellerId, amount, paymentReference, checkoutId.ToString(), now);

    public static ProviderCommand Transfer(Guid holdId, Guid orderId, Guid sellerId, Money sellerShare, string paymentReference, Guid checkoutId, DateTimeOffset now) =>
        new(ProviderCommandKind.Transfer, $"release:{holdId}", orderId, sellerId, sellerShare, paymentReference, checkoutId.ToString(), now);

    /// <summary>Money captured for a checkout that had lapsed: all of it goes back (OrderId holds the checkout's id; no seller).</summary>
    public static ProviderCommand RefundLatePayment(Guid checkoutId, Money amount, string paymentReference, DateTimeOffset now) =>
        new(ProviderCommandKind.Refund, $"late-payment:{checkoutId}", checkoutId, Guid.Empty, amount, paymentReference, checkoutId.ToString(), now);

    /// <summary>
    /// Refund after release: the seller's share comes back from the transfer made at release. The transfer's id is
    /// looked up when the call is sent (the transfer may still be waiting in the outbox when this is recorded).
    /// </summary>
    public static ProviderCommand ReverseTransfer(Guid orderId, Guid sellerId, Money amount, string paymentReference, Guid checkoutId, DateTimeOffset now) =>
        new(ProviderCommandKind.ReverseTransfer, $"reverse:{orderId}", orderId, sellerId, amount, paymentReference, checkoutId.ToString(), now);

    /// <summary>A chargeback lost after release: the seller's part of what the bank took comes back from the transfer made at release.</summary>
    public static ProviderCommand ReverseChargeback(Guid orderId, Guid sellerId, Money amount, string paymentReference, Guid checkoutId, DateTimeOffset now) =>
        new(ProviderCommandKind.ReverseTransfer, $"chargeback-reverse:{orderId}", orderId, sellerId, amount, paymentReference, checkoutId.ToString(), now);

    /// <summary>What is left of a refund cancelled because a lost chargeback already returned part of it: the rest, under its own key.</summary>
    public ProviderCommand RefundRest(long amount, DateTimeOffset now) =>
        new(ProviderCommandKind.Refund, $"refund-rest:{OrderId}", OrderId, SellerId, new Money(amount, Amount.Currency), PaymentReference, TransferGroup, now);

    public bool IsDue(DateTimeOffset now) => Status == ProviderCommandStatus.Pending && now >= NextAttemptAt;

    /// <summary>How long a worker's claim on a call lasts: a worker that dies mid-call leaves it to be sent again after this.</summary>
    public static readonly TimeSpan SendLease = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The worker claims the call just before making it (saved with the version check, so a second worker loses the claim
    /// and skips it): after this commit the call may reach the provider, whatever happens next.
    /// </summary>
    public void Sending(DateTimeOffset now)
    {
        FirstSentAt ??= now;
        NextAttemptAt = now + SendLease;
    }

    public void Succeeded(string providerReference, DateTimeOffset now)
    {
        Attempts++;
        Status = ProviderCommandStatus.Succeeded;
        ProviderReference = providerReference;
        CompletedAt = now;
        LastError = null;
    }

    /// <summary>
    /// A failed or timed-out call: retried after 30 s, 1, 2, 4, 8 minutes (doubling, at most an hour);
    /// after <see cref="MaxAttempts"/> attempts it waits for an admin.
    /// </summary>
    public void Failed(string error, DateTimeOffset now)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        if (Attempts >= MaxAttempts)
        {
            Status = ProviderCommandStatus.NeedsAdmin;
            return;
        }

        NextAttemptAt = now + BackoffAfter(Attempts);
    }

    /// <summary>Not a failure (e.g. the seller has no payout account yet): try again later without using up an attempt.</summary>
    public void Defer(string reason, DateTimeOffset until)
    {
        LastError = reason;
        NextAttemptAt = until;
    }

    /// <summary>
    /// A call never sent that is no longer owed. Returns false once a call went out, even one we never heard back from
    /// (then it must be undone at the provider instead, e.g. by a transfer reversal).
    /// </summary>
    public bool Cancel(string reason, DateTimeOffset now)
    {
        if (Status is not (ProviderCommandStatus.Pending or ProviderCommandStatus.NeedsAdmin) || FirstSentAt is not null)
        {
            return false;
        }

        Status = ProviderCommandStatus.Cancelled;
        LastError = reason;
        CompletedAt = now;
        return true;
    }

    /// <summary>An admin fixed the cause and sends it again.</summary>
    public void Retry(DateTimeOffset now)
    {
        if (Status == ProviderCommandStatus.NeedsAdmin)
        {
            Status = ProviderCommandStatus.Pending;
            Attempts = 0;
            NextAttemptAt = now;
        }
    }

    public static TimeSpan BackoffAfter(int attempts) => Backoff.After(attempts);
}

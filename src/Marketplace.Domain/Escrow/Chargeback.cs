using Marketplace.Domain.Common;

namespace Marketplace.Domain.Escrow;

public enum ChargebackStatus
{
    Open,
    Won,
    Lost,
}

/// <summary>
/// A card-network dispute against a checkout's payment (Stripe's charge.dispute.*). While it is open the
/// checkout's holds are frozen; the money the network withdraws is posted to the ledger once and reversed once
/// if it is reinstated; closing it unfreezes the holds (won) or ends them as charged back (lost).
/// </summary>
public sealed class Chargeback : IVersioned
{
    private Chargeback()
    {
        ProviderDisputeId = string.Empty;
        PaymentReference = string.Empty;
        Reason = string.Empty;
    }

    public Chargeback(string providerDisputeId, Guid checkoutId, string paymentReference, Money amount, string reason, DateTimeOffset now)
    {
        Id = Ids.New();
        ProviderDisputeId = providerDisputeId;
        CheckoutId = checkoutId;
        PaymentReference = paymentReference;
        Amount = amount;
        Reason = string.IsNullOrWhiteSpace(reason) ? "unspecified" : reason;
        Status = ChargebackStatus.Open;
        OpenedAt = now;
    }

    public Guid Id { get; private set; }

    /// <summary>The provider's dispute id (dp_...).</summary>
    public string ProviderDisputeId { get; private set; }

    public Guid CheckoutId { get; private set; }

    public string PaymentReference { get; private set; }

    public Money Amount { get; private set; }

    /// <summary>The network's reason code in words (fraudulent, product_not_received, ...).</summary>
    public string Reason { get; private set; }

    public ChargebackStatus Status { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset? FundsWithdrawnAt { get; private set; }

    public DateTimeOffset? FundsReinstatedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>True when the network's money is out of our account now (withdrawn and not given back).</summary>
    public bool FundsOut => FundsWithdrawnAt is not null && FundsReinstatedAt is null;

    /// <summary>Returns false when the withdrawal is already recorded (a replayed or repeated event) or came after the close.</summary>
    public bool WithdrawFunds(DateTimeOffset now)
    {
        if (FundsWithdrawnAt is not null || Status != ChargebackStatus.Open)
        {
            return false;
        }

        FundsWithdrawnAt = now;
        return true;
    }

    /// <summary>Returns false unless funds were withdrawn and not reinstated yet, and the chargeback is still open (a close decides for good).</summary>
    public bool ReinstateFunds(DateTimeOffset now)
    {
        if (!FundsOut || Status != ChargebackStatus.Open)
        {
            return false;
        }

        FundsReinstatedAt = now;
        return true;
    }

    /// <summary>Returns false when it is already closed.</summary>
    public bool Close(bool won, DateTimeOffset now)
    {
        if (Status != ChargebackStatus.Open)
        {
            return false;
        }

        Status = won ? ChargebackStatus.Won : ChargebackStatus.Lost;
        ClosedAt = now;
        return true;
    }

    /// <summary>
    /// Which part of the disputed amount falls on each order of the checkout: orders in a fixed order (by number),
    /// each up to what is still at stake on it (<see cref="EscrowHold.AtStake"/>), so a dispute for the whole charge
    /// covers every order in full and never an amount already refunded.
    /// </summary>
    public static IReadOnlyList<(Guid OrderId, long Amount)> Allocate(long disputed, IEnumerable<(Guid OrderId, string Number, long Total)> orders)
    {
        var left = disputed;
        var result = new List<(Guid, long)>();
        foreach (var order in orders.OrderBy(o => o.Number, StringComparer.Ordinal))
        {
            var share = Math.Min(left, order.Total);
            if (share > 0)
            {
                result.Add((order.OrderId, share));
                left -= share;
            }
        }

        return result;
    }
}

/// <summary>A provider webhook event, stored by its id before it is processed so a replay is recognised and skipped.</summary>
public sealed class ProviderEvent
{
    private ProviderEvent()
    {
        Id = string.Empty;
        Type = string.Empty;
        Payload = string.Empty;
    }

    public ProviderEvent(string id, string type, string payload, DateTimeOffset now)
    {
        Id = id;
        Type = type;
        Payload = payload;
        ReceivedAt = now;
    }

    /// <summary>The provider's event id (evt_...).</summary>
    public string Id { get; private set; }

    public string Type { get; private set; }

    /// <summary>The raw body, as signed.</summary>
    public string Payload { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>Null until processing finished; an event stored but not processed (a crash) is processed on the provider's retry.</summary>
    public DateTimeOffset? ProcessedAt { get; private set; }

    /// <summary>Why it changed nothing and waits for an admin (e.g. a payment whose amount isn't the checkout's), or null.</summary>
    public string? ParkedReason { get; private set; }

    /// <summary>Done: applied, or parked with the reason when it didn't match what we know (an admin looks; the provider isn't asked to retry).</summary>
    public void Processed(DateTimeOffset now, string? parkedReason = null)
    {
        ProcessedAt = now;
        ParkedReason = parkedReason is { Length: > 500 } ? parkedReason[..500] : parkedReason;
    }
}

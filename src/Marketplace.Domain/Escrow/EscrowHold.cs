using Marketplace.Domain.Common;

namespace Marketplace.Domain.Escrow;

public enum HoldStatus
{
    Held,
    Frozen,
    Released,
    Refunded,
    PartiallyRefunded,

    /// <summary>The card network took the payment back (a chargeback the platform lost).</summary>
    ChargedBack,
}

/// <summary>
/// The money of one paid order, held by the platform until the buyer's protection window closes
/// (SPEC §3): <c>ProtectionEndsAt = (ConfirmedAt, or DeliveryDeadline) + 15 days</c>. Released once.
/// </summary>
public sealed class EscrowHold : IVersioned
{
    public static readonly TimeSpan ProtectionPeriod = TimeSpan.FromDays(15);

    private EscrowHold()
    {
    }

    public EscrowHold(Guid orderId, Guid sellerId, Money amount, int commissionBasisPoints, DateTimeOffset now)
    {
        if (amount.Amount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A hold must hold something.");
        }

        Id = Ids.New();
        OrderId = orderId;
        SellerId = sellerId;
        Amount = amount;
        CommissionBasisPoints = commissionBasisPoints;
        HeldAt = now;
        Status = HoldStatus.Held;
    }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    public Guid SellerId { get; private set; }

    public Money Amount { get; private set; }

    public int CommissionBasisPoints { get; private set; }

    public HoldStatus Status { get; private set; }

    public DateTimeOffset HeldAt { get; private set; }

    /// <summary>Null until the order ships (no deadline to count from yet).</summary>
    public DateTimeOffset? ProtectionEndsAt { get; private set; }

    /// <summary>When the money left escrow: released to the seller or refunded to the buyer.</summary>
    public DateTimeOffset? ReleasedAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>What went back to the buyer when a dispute settled (minor units; 0 otherwise).</summary>
    public long RefundedAmount { get; private set; }

    /// <summary>What the seller keeps of the payment: all of it unless a dispute refunded part.</summary>
    public Money Kept => Amount - new Money(RefundedAmount, Amount.Currency);

    /// <summary>The platform's fee on what the seller keeps, at the order's frozen rate; the seller gets the rest, remainder included.</summary>
    public Money Commission => Kept.PercentBasisPoints(CommissionBasisPoints);

    public Money SellerShare => Kept - Commission;

    /// <summary>Counts the window from the confirmation, or from the delivery deadline while unconfirmed.</summary>
    public void ProtectUntil(DateTimeOffset confirmedOrDeadline) => ProtectionEndsAt = confirmedOrDeadline + ProtectionPeriod;

    public bool IsDue(DateTimeOffset now) => Status == HoldStatus.Held && ProtectionEndsAt is { } end && now >= end;

    /// <summary>
    /// The whole amount goes back to the buyer (order cancelled before it shipped). Only money held and not
    /// frozen can be refunded this way: a frozen hold waits for its dispute or chargeback to decide.
    /// </summary>
    public Result<HoldStatus> RefundInFull(DateTimeOffset now)
    {
        if (Status != HoldStatus.Held)
        {
            return EscrowErrors.NotHeld;
        }

        Status = HoldStatus.Refunded;
        ReleasedAt = now;
        return Result<HoldStatus>.Ok(Status);
    }

    /// <summary>The buyer is refunded after the seller was paid (an admin's decision): the seller's share is taken back.</summary>
    public Result<HoldStatus> RefundAfterRelease()
    {
        if (Status != HoldStatus.Released)
        {
            return EscrowErrors.NotReleased;
        }

        Status = HoldStatus.Refunded;
        return Result<HoldStatus>.Ok(Status);
    }

    /// <summary>
    /// A dispute's outcome: <paramref name="refund"/> goes back to the buyer and the rest is released to the seller
    /// now, commission only on what the seller keeps. Refunded / PartiallyRefunded / Released accordingly.
    /// </summary>
    public Result<HoldStatus> Settle(long refund, DateTimeOffset now)
    {
        if (Status is not (HoldStatus.Held or HoldStatus.Frozen))
        {
            return EscrowErrors.NotHeld;
        }

        if (refund < 0 || refund > Amount.Amount)
        {
            throw new ArgumentOutOfRangeException(nameof(refund), "A refund is between nothing and the hold's amount.");
        }

        RefundedAmount = refund;
        Status = refund == Amount.Amount ? HoldStatus.Refunded : refund == 0 ? HoldStatus.Released : HoldStatus.PartiallyRefunded;
        ReleasedAt = now;
        return Result<HoldStatus>.Ok(Status);
    }

    /// <summary>A chargeback (or dispute) opened: nothing is released or refunded until it is decided.</summary>
    public Result<HoldStatus> Freeze()
    {
        if (Status is not (HoldStatus.Held or HoldStatus.Frozen))
        {
            return EscrowErrors.NotHeld;
        }

        Status = HoldStatus.Frozen;
        return Result<HoldStatus>.Ok(Status);
    }

    /// <summary>The platform won: the hold is held again and released when its window closes (at once if it closed meanwhile).</summary>
    public Result<HoldStatus> Unfreeze()
    {
        if (Status != HoldStatus.Frozen)
        {
            return EscrowErrors.NotFrozen;
        }

        Status = HoldStatus.Held;
        return Result<HoldStatus>.Ok(Status);
    }

    /// <summary>The platform lost a chargeback: the card network gave the held money back to the buyer.</summary>
    public Result<HoldStatus> ChargeBack(DateTimeOffset now)
    {
        if (Status is not (HoldStatus.Held or HoldStatus.Frozen))
        {
            return EscrowErrors.NotHeld;
        }

        Status = HoldStatus.ChargedBack;
        ReleasedAt = now;
        return Result<HoldStatus>.Ok(Status);
    }

    public Result<HoldStatus> Release(DateTimeOffset now)
    {
        if (!IsDue(now))
        {
            return EscrowErrors.NotDue;
        }

        Status = HoldStatus.Released;
        ReleasedAt = now;
        return Result<HoldStatus>.Ok(Status);
    }
}

public static class EscrowErrors
{
    public static readonly DomainError NotHeld = new("escrow.not_held", "This hold's money is no longer held.", ErrorKind.Conflict);
    public static readonly DomainError NotReleased = new("escrow.not_released", "Only money already released to the seller can be refunded after release.", ErrorKind.Conflict);
    public static readonly DomainError NotFrozen = new("escrow.not_frozen", "This hold is not frozen.", ErrorKind.Conflict);
    public static readonly DomainError NotDue = new("escrow.not_due", "This hold is not due for release.", ErrorKind.Conflict);
}

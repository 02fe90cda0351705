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

/// <summary>Why a hold is frozen: each reason is added and removed by its own owner; the hold moves only when none is left.</summary>
[Flags]
public enum FreezeReasons
{
    None = 0,

    /// <summary>The buyer's dispute on the order is open.</summary>
    Dispute = 1,

    /// <summary>The card network's chargeback on the payment is open.</summary>
    Chargeback = 2,

    /// <summary>An admin holds the money (e.g. while investigating fraud).</summary>
    AdminHold = 4,
}

/// <summary>
/// The money of one paid order, held by the platform until the buyer's protection window closes
/// (SPEC §3): <c>ProtectionEndsAt = (ConfirmedAt, or DeliveryDeadline) + the order's protection period</c>. Released once.
/// </summary>
public sealed class EscrowHold : IVersioned
{
    private EscrowHold()
    {
        PayoutCurrency = string.Empty;
    }

    /// <param name="payoutRate">The checkout's currency → the seller's payout currency (the inverse of the order's frozen rate); none when they are the same.</param>
    public EscrowHold(Guid orderId, Guid sellerId, Money amount, int commissionBasisPoints, DateTimeOffset now, ExchangeRate? payoutRate = null)
    {
        var toPayout = payoutRate ?? ExchangeRate.Identity(amount.Currency);
        if (toPayout.From != amount.Currency)
        {
            throw new ArgumentException("The payout rate must convert from the held currency.", nameof(payoutRate));
        }

        if (amount.Amount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A hold must hold something.");
        }

        Id = Ids.New();
        OrderId = orderId;
        SellerId = sellerId;
        Amount = amount;
        CommissionBasisPoints = commissionBasisPoints;
        PayoutCurrency = toPayout.To;
        PayoutRate = toPayout.Rate;
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

    /// <summary>What the card network took back from this hold in a chargeback the platform lost (minor units).</summary>
    public long ChargedBackAmount { get; private set; }

    /// <summary>Every reason the hold is frozen for now (none: it follows the protection window).</summary>
    public FreezeReasons FrozenFor { get; private set; }

    /// <summary>A dispute's decided refund that waits for the other freeze reasons to clear (null: none waiting).</summary>
    public long? DecidedRefund { get; private set; }

    /// <summary>What of the payment a card network could still take back: nothing once refunded or charged back, else what wasn't refunded or taken.</summary>
    public long AtStake => Status is HoldStatus.Refunded or HoldStatus.ChargedBack ? 0 : Amount.Amount - RefundedAmount - ChargedBackAmount;

    /// <summary>What the seller keeps of the payment: all of it unless a dispute refunded part or the card network took part back.</summary>
    public Money Kept => Amount - new Money(RefundedAmount + ChargedBackAmount, Amount.Currency);

    /// <summary>The platform's fee on what the seller keeps, at the order's frozen rate; the seller gets the rest, remainder included.</summary>
    public Money Commission => Kept.PercentBasisPoints(CommissionBasisPoints);

    public Money SellerShare => Kept - Commission;

    /// <summary>The seller's currency, which the payout is made in.</summary>
    public string PayoutCurrency { get; private set; }

    /// <summary>Units of <see cref="PayoutCurrency"/> per unit of the held currency, frozen from the order's rate (1 when the same).</summary>
    public decimal PayoutRate { get; private set; } = 1m;

    public ExchangeRate ToPayout => new(Amount.Currency, PayoutCurrency, PayoutRate);

    /// <summary>The seller's share converted once, at release, into their payout currency (the transfer's amount).</summary>
    public Money Payout => ToPayout.Convert(SellerShare);

    /// <summary>Counts the window from the confirmation, or from the delivery deadline while unconfirmed, for the order's protection period.</summary>
    public void ProtectUntil(DateTimeOffset confirmedOrDeadline, TimeSpan protectionPeriod) => ProtectionEndsAt = confirmedOrDeadline + protectionPeriod;

    public bool IsDue(DateTimeOffset now) => Status == HoldStatus.Held && FrozenFor == FreezeReasons.None && DecidedRefund is null && ProtectionEndsAt is { } end && now >= end;

    /// <summary>True while any freeze reason is open: nothing is released, refunded or settled.</summary>
    public bool IsFrozen => FrozenFor != FreezeReasons.None;

    /// <summary>True once the money has left escrow one way or another (released, refunded, settled or charged back).</summary>
    public bool IsClosed => Status is not (HoldStatus.Held or HoldStatus.Frozen);

    /// <summary>
    /// The whole amount goes back to the buyer (order cancelled before it shipped). Only money held and not
    /// frozen can be refunded this way: a frozen hold waits for its dispute or chargeback to decide.
    /// </summary>
    public Result<HoldStatus> RefundInFull(DateTimeOffset now)
    {
        if (Status != HoldStatus.Held || IsFrozen)
        {
            return EscrowErrors.NotHeld;
        }

        RefundedAmount = Amount.Amount - ChargedBackAmount;

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
    /// A dispute closed with a split of the money: its freeze reason goes, and <paramref name="refund"/> is recorded as
    /// decided. Settled at once when no other reason is open (<see cref="Settle"/>); otherwise it stays frozen and the
    /// decided refund waits (returns Frozen).
    /// </summary>
    public Result<HoldStatus> DisputeDecided(long refund, DateTimeOffset now)
    {
        if (IsClosed)
        {
            return EscrowErrors.NotHeld;
        }

        if (refund < 0 || refund > Amount.Amount)
        {
            throw new ArgumentOutOfRangeException(nameof(refund), "A refund is between nothing and the hold's amount.");
        }

        FrozenFor &= ~FreezeReasons.Dispute;
        DecidedRefund = refund;
        return IsFrozen ? Result<HoldStatus>.Ok(Status) : Settle(now);
    }

    /// <summary>
    /// Executes the decided refund once no freeze reason is left: what the card network already gave the buyer counts
    /// towards it, the rest goes back to the buyer and what remains is released to the seller now (commission only on
    /// what the seller keeps). Refunded / PartiallyRefunded / Released accordingly.
    /// </summary>
    public Result<HoldStatus> Settle(DateTimeOffset now)
    {
        if (IsClosed || DecidedRefund is not { } decided)
        {
            return EscrowErrors.NotHeld;
        }

        if (IsFrozen)
        {
            return EscrowErrors.Frozen;
        }

        RefundedAmount = Math.Max(0, decided - ChargedBackAmount);
        DecidedRefund = null;
        var left = Amount.Amount - RefundedAmount - ChargedBackAmount;
        Status = left == 0 ? HoldStatus.Refunded : left == Amount.Amount ? HoldStatus.Released : HoldStatus.PartiallyRefunded;
        ReleasedAt = now;
        return Result<HoldStatus>.Ok(Status);
    }

    /// <summary>Adds a freeze reason: nothing is released or refunded until every reason is removed by its owner.</summary>
    public Result<HoldStatus> Freeze(FreezeReasons reason)
    {
        if (IsClosed)
        {
            return EscrowErrors.NotHeld;
        }

        FrozenFor |= reason;
        Status = HoldStatus.Frozen;
        return Result<HoldStatus>.Ok(Status);
    }

    /// <summary>
    /// Removes one freeze reason. With none left the hold is held again and released when its window closes (at once if
    /// it closed meanwhile), or settled when a dispute's decision waits (<see cref="AwaitsSettlement"/>).
    /// </summary>
    public Result<HoldStatus> Unfreeze(FreezeReasons reason)
    {
        if (IsClosed || (FrozenFor & reason) == FreezeReasons.None)
        {
            return EscrowErrors.NotFrozen;
        }

        FrozenFor &= ~reason;
        if (!IsFrozen)
        {
            Status = HoldStatus.Held;
        }

        return Result<HoldStatus>.Ok(Status);
    }

    /// <summary>True when a dispute's decision waits and nothing is frozen any more: settle it now.</summary>
    public bool AwaitsSettlement => !IsClosed && !IsFrozen && DecidedRefund is not null;

    /// <summary>
    /// The platform lost a chargeback: the card network took <paramref name="amount"/> of the held money back to the
    /// buyer. The chargeback's freeze reason goes. All of it: the hold ends as charged back. Part of it: the rest
    /// stays held (or frozen for the other reasons) and counts as taken when it is released or settled.
    /// </summary>
    public Result<HoldStatus> ChargeBack(long amount, DateTimeOffset now)
    {
        if (IsClosed)
        {
            return EscrowErrors.NotHeld;
        }

        if (amount <= 0 || amount > Amount.Amount - ChargedBackAmount)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A chargeback takes between something and what is still held.");
        }

        ChargedBackAmount += amount;
        FrozenFor &= ~FreezeReasons.Chargeback;
        if (ChargedBackAmount == Amount.Amount)
        {
            FrozenFor = FreezeReasons.None;
            DecidedRefund = null;
            Status = HoldStatus.ChargedBack;
            ReleasedAt = now;
        }
        else if (!IsFrozen)
        {
            Status = HoldStatus.Held;
        }

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
    public static readonly DomainError ChargebackDecides = new("escrow.chargeback_decides", "The buyer's bank has a chargeback on this payment: its decision stands, so it can't be refunded after release as well.", ErrorKind.Conflict);
    public static readonly DomainError Frozen = new("escrow.frozen", "This hold is frozen until every dispute, chargeback or admin hold on it is closed.", ErrorKind.Conflict);
    public static readonly DomainError NotFrozen = new("escrow.not_frozen", "This hold is not frozen.", ErrorKind.Conflict);
    public static readonly DomainError NotDue = new("escrow.not_due", "This hold is not due for release.", ErrorKind.Conflict);
}

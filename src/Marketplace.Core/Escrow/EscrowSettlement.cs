using Marketplace.Core.Data;
using Marketplace.Core.Notifications;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Escrow;

/// <summary>
/// The one place where escrow money moves (SPEC §3). Disputes, chargebacks, the release job, cancellations and
/// admins announce what happened; this policy changes the hold and the order's money state, and writes the ledger
/// postings, the provider commands (outbox) and the notices into the caller's unit of work, so they commit together.
/// A hold moves only when no freeze reason (dispute, chargeback, admin hold) is left on it.
/// </summary>
public sealed class EscrowSettlement(MarketplaceDbContext db, Notifier notifier)
{
    /// <summary>A dispute opened on the order: the hold is frozen for it.</summary>
    public static Result<HoldStatus> DisputeOpened(EscrowHold hold) => hold.Freeze(FreezeReasons.Dispute);

    /// <summary>An admin freezes the hold (e.g. while investigating fraud).</summary>
    public static Result<HoldStatus> AdminHold(EscrowHold hold) => hold.Freeze(FreezeReasons.AdminHold);

    /// <summary>The admin's hold is lifted: the other reasons stay; with none left a decided dispute settles now.</summary>
    public async Task<Result<HoldStatus>> AdminHoldLiftedAsync(Order order, EscrowHold hold, DateTimeOffset now, CancellationToken ct)
    {
        var lifted = hold.Unfreeze(FreezeReasons.AdminHold);
        if (lifted.Succeeded && hold.AwaitsSettlement)
        {
            await SettleAsync(order, hold, now, ct);
        }

        return lifted;
    }

    /// <summary>
    /// A dispute closed. Without a split (withdrawn, reship) its freeze reason goes and protection carries on; with one,
    /// the decided refund is recorded and settled now, or when the other freeze reasons (a chargeback) are gone.
    /// </summary>
    public async Task DisputeClosedAsync(Dispute dispute, Order order, EscrowHold hold, DateTimeOffset now, CancellationToken ct)
    {
        if (!dispute.SettlesMoney)
        {
            // NotFrozen only when a lost chargeback already ended the hold: nothing is left to unfreeze.
            _ = hold.Unfreeze(FreezeReasons.Dispute);
            if (order.Status == OrderStatus.InDispute)
            {
                _ = order.ResumeAfterDispute(dispute.Status == DisputeStatus.Cancelled ? Text.Of("the buyer withdrew it") : Text.Of("the seller sends the item again"), now);
            }

            if (hold.AwaitsSettlement)
            {
                await SettleAsync(order, hold, now, ct);
            }

            return;
        }

        var decided = hold.DisputeDecided(dispute.RefundAmount!.Value, now);
        if (!decided.Succeeded)
        {
            order.NoteFromProvider(Text.Of("The dispute was decided after the card network had already returned the payment to the buyer: nothing more moves."), now);
            return;
        }

        if (hold.IsFrozen)
        {
            var refund = new Money(dispute.RefundAmount.Value, hold.Amount.Currency);
            var (waitsFor, buyerWaits) = hold.FrozenFor.HasFlag(FreezeReasons.Chargeback)
                ? (Text.Of("the buyer's bank has decided its chargeback"), Text.Of("your bank has decided the chargeback you opened"))
                : (Text.Of("an admin's review of the payment is over"), Text.Of("an admin's review of the payment is over"));
            order.NoteFromProvider(Text.Of("Dispute decided ({0} back to the buyer). The money moves once {1}.", refund, waitsFor), now);
            await notifier.AddAsync(
                [
                    new Notice(order.BuyerId, null, Text.Of("Dispute for order {0} decided", order.Number), Text.Of("{0} comes back to you once {1}.", refund, buyerWaits), $"/Disputes/{dispute.Id}"),
                    new Notice(null, order.SellerId, Text.Of("Dispute for order {0} decided", order.Number), Text.Of("{0} goes back to the buyer; the rest is released to you once {1}.", refund, waitsFor), $"/Seller/Disputes/{dispute.Id}"),
                ],
                now,
                ct);
            return;
        }

        await PostSettlementAsync(order, hold, now, ct);
    }

    /// <summary>
    /// The protection window of a held, unfrozen hold closed: released to the seller and the order completed. Returns the
    /// rows to write (the release job inserts a whole batch at once), or null when the hold isn't due or its order can't
    /// complete; such a hold gets an admin hold so the job doesn't claim it again and an admin looks at it.
    /// </summary>
    public static (IReadOnlyList<LedgerTransaction> Ledger, ProviderCommand? Transfer)? Release(EscrowHold hold, Order order, string chargeReference, DateTimeOffset now)
    {
        if (!hold.IsDue(now))
        {
            return null;
        }

        if (order.Status == OrderStatus.Shipped)
        {
            // Shipped → Confirmed by the system at the end of protection; refused only for another state, caught below.
            _ = order.ConfirmReceipt(Actor.System, now);
        }

        if (!order.Complete(now).Succeeded)
        {
            _ = hold.Freeze(FreezeReasons.AdminHold);
            order.NoteFromProvider(Text.Of("The payment was due for release but the order is {0}: held for an admin to look at.", Order.Describe(order.Status)), now);
            return null;
        }

        if (!hold.Release(now).Succeeded)
        {
            return null;
        }

        return PayOut(hold, order, chargeReference, now);
    }

    /// <summary>"£43.10" — or, paid from another currency, "£43.10 (€50.00 at 0.8620)": the seller's share as they are paid it.</summary>
    public static Text ShareText(EscrowHold hold) =>
        hold.ToPayout.IsIdentity ? Text.Of("{0}", hold.SellerShare) : Text.Of("{0} ({1} at {2})", hold.Payout, hold.SellerShare, hold.PayoutRate);

    /// <summary>
    /// What a hold leaving escrow to the seller writes: the release (what the seller keeps, to their payable and the commission,
    /// in the checkout's currency), the seller's share converted once into their payout currency at the order's frozen rate, and
    /// the transfer of that amount.
    /// </summary>
    private static (IReadOnlyList<LedgerTransaction> Ledger, ProviderCommand? Transfer) PayOut(EscrowHold hold, Order order, string chargeReference, DateTimeOffset now)
    {
        var payout = hold.Payout;
        List<LedgerTransaction> ledger = [LedgerTransaction.Released(hold, now), .. LedgerTransaction.Converted(order.Id, Accounts.SellerPayable(hold.SellerId), hold.SellerShare, payout, now)];
        var transfer = payout.Amount > 0 ? ProviderCommand.Transfer(hold.Id, order.Id, hold.SellerId, payout, chargeReference, order.CheckoutId, now) : null;
        return (ledger, transfer);
    }

    /// <summary>A paid order is cancelled before it shipped: the whole hold goes back to the buyer. False while it is frozen.</summary>
    public async Task<bool> RefundInFullAsync(Order order, DateTimeOffset now, CancellationToken ct)
    {
        var hold = await db.EscrowHolds.FirstAsync(h => h.OrderId == order.Id, ct);
        var refund = new Money(hold.AtStake, hold.Amount.Currency);
        if (!hold.RefundInFull(now).Succeeded)
        {
            return false;
        }

        if (refund.Amount > 0)
        {
            // What a lost chargeback already returned to the buyer isn't refunded again.
            RefundWhileHeld(order, refund, await db.CheckoutPayments.FirstAsync(p => p.Id == order.CheckoutId, ct), now);
        }

        return true;
    }

    /// <summary>
    /// An admin refunds a completed order after its money was released: the buyer gets back what the seller kept, the seller's
    /// share comes back by cancelling the payout not sent yet, or else by a transfer reversal.
    /// </summary>
    public async Task<Result<HoldStatus>> RefundAfterReleaseAsync(Order order, EscrowHold hold, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Chargebacks.AnyAsync(c => c.CheckoutId == order.CheckoutId && (c.Status == ChargebackStatus.Open || (c.Status == ChargebackStatus.Lost && c.FundsWithdrawnAt != null)), ct))
        {
            // The bank is returning (or returned) this payment to the buyer: a refund from us would pay them twice.
            return EscrowErrors.ChargebackDecides;
        }

        var kept = hold.Kept;
        var share = hold.SellerShare;
        var refunded = hold.RefundAfterRelease();
        if (!refunded.Succeeded)
        {
            return refunded;
        }

        var payment = await db.CheckoutPayments.FirstAsync(p => p.Id == order.CheckoutId, ct);
        db.LedgerTransactions.Add(LedgerTransaction.RefundedAfterRelease(hold, kept, now));
        db.ProviderCommands.Add(ProviderCommand.Refund(order.Id, order.SellerId, kept, payment.PaymentReference!, payment.Id, now));
        await TakeBackFromSellerAsync(order, hold, share, amount => ProviderCommand.ReverseTransfer(order.Id, order.SellerId, amount, payment.PaymentReference!, payment.Id, now), "The order was refunded after release before this payout was sent.", now, ct);
        return refunded;
    }

    /// <summary>The card network opened a chargeback on the payment: the hold is frozen for it (when it is still held).</summary>
    public static void ChargebackOpened(Order order, EscrowHold hold, string reason, DateTimeOffset now, List<Notice> notices)
    {
        if (hold.Freeze(FreezeReasons.Chargeback).Succeeded)
        {
            order.NoteFromProvider(Text.Of("The buyer's bank opened a chargeback ({0}). The payment is frozen until it is decided.", reason), now);
            notices.Add(new Notice(null, order.SellerId, Text.Of("Chargeback on order {0}", order.Number), Text.Of("The buyer's bank disputes the payment. Your payout for this order waits until the bank decides."), $"/Seller/Orders/{order.Id}"));
        }
        else
        {
            order.NoteFromProvider(Text.Of("The buyer's bank opened a chargeback ({0}) after the payment had left escrow: if the bank takes it back, the seller owes their share.", reason), now);
            notices.Add(new Notice(null, order.SellerId, Text.Of("Chargeback on order {0}", order.Number), Text.Of("The buyer's bank disputes a payment you were already paid. If the bank decides for the buyer, your share is taken back."), $"/Seller/Orders/{order.Id}"));
        }
    }

    /// <summary>
    /// The network withdrew this order's share of the disputed amount: from escrow while it holds the money, else the seller owes
    /// it (less the commission on it, counted on what the seller still keeps after earlier take-backs). Returns what the seller owes.
    /// </summary>
    public async Task<long> FundsWithdrawnAsync(EscrowHold hold, long share, DateTimeOffset now, CancellationToken ct)
    {
        var takenBackBefore = 0L;
        if (hold.IsClosed)
        {
            // Earlier chargebacks on this order after release (less what the network gave back): what they took from the seller's share and the fee.
            takenBackBefore = await db.LedgerTransactions.AsNoTracking()
                .Where(t => t.OrderId == hold.OrderId && (t.Kind == LedgerEntryKind.Chargeback || t.Kind == LedgerEntryKind.ChargebackReinstated))
                .SelectMany(t => t.Postings)
                .Where(p => p.Account == Accounts.CommissionRevenue || EF.Functions.Like(p.Account, Accounts.SellerReceivablePrefix + "%"))
                .SumAsync(p => p.Amount, ct);
        }

        var transaction = LedgerTransaction.Chargeback(hold, share, stillHeld: !hold.IsClosed, takenBackBefore, now);
        db.LedgerTransactions.Add(transaction);
        return LedgerTransaction.SellerOwedIn(transaction);
    }

    /// <summary>The network withdrew more than the orders had at stake: the excess is booked as the platform's loss, on the first order.</summary>
    public void FundsWithdrawnBeyondStake(Guid orderId, Money excess, DateTimeOffset now) =>
        db.LedgerTransactions.Add(LedgerTransaction.ChargebackBeyondStake(orderId, excess, now));

    /// <summary>The network gave withdrawn money back: each chargeback posting of the order is reversed exactly.</summary>
    public void FundsReinstated(IEnumerable<LedgerTransaction> withdrawn, DateTimeOffset now) =>
        db.LedgerTransactions.AddRange(withdrawn.Select(t => LedgerTransaction.ChargebackReinstated(t, now)));

    /// <summary>
    /// The chargeback closed. Won: its freeze reason goes (a decided dispute settles now). Lost: the held money the network
    /// took ends the hold (all of it) or stays counted as taken (part); after release the seller's share of it is taken back.
    /// </summary>
    public async Task ChargebackClosedAsync(Order order, EscrowHold hold, (long Share, long Owed) withdrawn, bool won, DateTimeOffset now, List<Notice> notices, CancellationToken ct)
    {
        var share = withdrawn.Share;
        notices.Add(new Notice(null, order.SellerId, won ? Text.Of("Chargeback on order {0} won", order.Number) : Text.Of("Chargeback on order {0} lost", order.Number), won ? Text.Of("The bank decided in your favour; your payout continues as normal.") : Text.Of("The buyer's bank returned the payment to the buyer."), $"/Seller/Orders/{order.Id}"));
        if (won)
        {
            if (hold.Unfreeze(FreezeReasons.Chargeback).Succeeded)
            {
                order.NoteFromProvider(hold.IsFrozen ? Text.Of("The chargeback was decided in the seller's favour. The payment stays frozen for the open dispute.") : Text.Of("The chargeback was decided in the seller's favour. The payment is held again until the protection window closes."), now);
            }

            if (hold.AwaitsSettlement)
            {
                await SettleAsync(order, hold, now, ct);
            }

            return;
        }

        if (share <= 0)
        {
            // The bank took nothing from this order (the lost amount fell on the checkout's other orders): it is free again.
            if (hold.Unfreeze(FreezeReasons.Chargeback).Succeeded && hold.AwaitsSettlement)
            {
                await SettleAsync(order, hold, now, ct);
            }

            return;
        }

        if (!hold.IsClosed)
        {
            var taken = Math.Min(share, hold.Amount.Amount - hold.ChargedBackAmount);
            if (taken <= 0 || !hold.ChargeBack(taken, now).Succeeded)
            {
                return;
            }

            if (hold.Status == HoldStatus.ChargedBack)
            {
                // Refused only for an order already cancelled or refunded, which has no held money to lose.
                _ = order.ChargedBack(now);
            }
            else
            {
                order.NoteFromProvider(Text.Of("Chargeback lost: the bank returned {0} to the buyer; the rest of the payment stays in escrow.", new Money(share, hold.Amount.Currency)), now);
                if (hold.AwaitsSettlement)
                {
                    await SettleAsync(order, hold, now, ct);
                }
            }

            return;
        }

        var owed = new Money(withdrawn.Owed, hold.Amount.Currency);
        order.NoteFromProvider(Text.Of("Chargeback lost after the seller was paid: the seller's {0} is taken back.", owed), now);
        if (order.Status is OrderStatus.Completed or OrderStatus.PartiallyRefunded && share >= hold.Kept.Amount)
        {
            _ = order.ChargedBack(now);
        }

        if (owed.Amount > 0)
        {
            var payment = await db.CheckoutPayments.FirstAsync(p => p.Id == order.CheckoutId, ct);
            await TakeBackFromSellerAsync(order, hold, owed, amount => ProviderCommand.ReverseChargeback(order.Id, order.SellerId, amount, payment.PaymentReference!, payment.Id, now), "The buyer's bank took the payment back before this payout was sent.", now, ct);
        }
    }

    /// <summary>Settles a decided dispute whose last freeze reason just went.</summary>
    private async Task SettleAsync(Order order, EscrowHold hold, DateTimeOffset now, CancellationToken ct)
    {
        if (hold.Settle(now).Succeeded)
        {
            await PostSettlementAsync(order, hold, now, ct);
        }
    }

    /// <summary>After <see cref="EscrowHold.Settle"/>: the refund and the release of the rest, in the ledger and the outbox.</summary>
    private async Task PostSettlementAsync(Order order, EscrowHold hold, DateTimeOffset now, CancellationToken ct)
    {
        var refund = new Money(hold.RefundedAmount, hold.Amount.Currency);
        if (order.Status == OrderStatus.InDispute)
        {
            _ = order.SettleDispute(refund + new Money(hold.ChargedBackAmount, hold.Amount.Currency), now);
        }

        var payment = await db.CheckoutPayments.FirstAsync(p => p.Id == order.CheckoutId, ct);
        if (refund.Amount > 0)
        {
            RefundWhileHeld(order, refund, payment, now);
        }

        if (hold.Kept.Amount > 0)
        {
            var (ledger, transfer) = PayOut(hold, order, payment.PaymentReference!, now);
            db.LedgerTransactions.AddRange(ledger);
            if (transfer is not null)
            {
                db.ProviderCommands.Add(transfer);
            }
        }

        var refunded = refund.Amount > 0 ? Text.Of("{0} is refunded to the buyer's card", refund) : Text.Of("Nothing is refunded");
        var toBuyer = refund.Amount > 0 ? Text.Of("{0} is refunded to your card.", refund) : Text.Of("Nothing is refunded: the payment goes to the seller.");
        var toSeller = hold.Kept.Amount > 0
            ? Text.Of("{0}; {1} is released to you after {2} commission.", refunded, ShareText(hold), hold.Commission)
            : Text.Of("{0}; nothing is released to you.", refunded);
        await notifier.AddAsync(
            [
                new Notice(order.BuyerId, null, Text.Of("Dispute for order {0} settled", order.Number), toBuyer, $"/Orders/{order.Id}"),
                new Notice(null, order.SellerId, Text.Of("Dispute for order {0} settled", order.Number), toSeller, $"/Seller/Orders/{order.Id}"),
            ],
            now,
            ct);
    }

    /// <summary>Refund while held (SPEC §3): escrow back to provider cash in the ledger, and the refund call in the outbox.</summary>
    private void RefundWhileHeld(Order order, Money refund, CheckoutPayment payment, DateTimeOffset now)
    {
        db.LedgerTransactions.Add(LedgerTransaction.RefundedWhileHeld(order.Id, refund, now));
        db.ProviderCommands.Add(ProviderCommand.Refund(order.Id, order.SellerId, refund, payment.PaymentReference!, payment.Id, now));
    }

    /// <summary>
    /// The seller owes <paramref name="owed"/> (in the checkout's currency) of a payout: a payout of exactly that amount not sent yet
    /// is cancelled (the payable settles the receivable); otherwise the money comes back by the given transfer reversal once the
    /// transfer is sent. The payout was made in the seller's currency: what they owe is converted at the same frozen rate, and
    /// the receivable moves into that currency with it, so the cancellation or reversal settles it there.
    /// </summary>
    private async Task TakeBackFromSellerAsync(Order order, EscrowHold hold, Money owed, Func<Money, ProviderCommand> reversal, string cancelReason, DateTimeOffset now, CancellationToken ct)
    {
        var payout = await db.ProviderCommands.FirstOrDefaultAsync(c => c.OrderId == order.Id && c.Kind == ProviderCommandKind.Transfer, ct);
        if (payout is null || payout.Status == ProviderCommandStatus.Cancelled)
        {
            return;
        }

        var owedInPayout = hold.ToPayout.Convert(owed);
        if (payout.Amount == owedInPayout && payout.Cancel(cancelReason, now))
        {
            MoveReceivable(order, owed, owedInPayout, now);
            db.LedgerTransactions.Add(LedgerTransaction.PayoutCancelled(order.Id, order.SellerId, payout.Amount, now));
            return;
        }

        // Never more than the transfer still holds: earlier reversals (rounded separately) count against it.
        var reversedBefore = await db.ProviderCommands
            .Where(c => c.OrderId == order.Id && c.Kind == ProviderCommandKind.ReverseTransfer && c.Status != ProviderCommandStatus.Cancelled)
            .Select(c => c.Amount.Amount)
            .ToListAsync(ct);
        var left = new Money(Math.Max(0, payout.Amount.Amount - reversedBefore.Sum()), payout.Amount.Currency);
        var back = owedInPayout <= left ? owedInPayout : left;
        if (back.IsZero)
        {
            return;
        }

        MoveReceivable(order, back == owedInPayout ? owed : hold.ToPayout.Inverse.Convert(back), back, now);
        db.ProviderCommands.Add(reversal(back));
    }

    /// <summary>What the seller owes, booked in the checkout's currency, moves into their payout currency (nothing when they are the same).</summary>
    private void MoveReceivable(Order order, Money owed, Money owedInPayout, DateTimeOffset now) =>
        db.LedgerTransactions.AddRange(LedgerTransaction.Converted(order.Id, Accounts.SellerReceivable(order.SellerId), new Money(-owed.Amount, owed.Currency), new Money(-owedInPayout.Amount, owedInPayout.Currency), now));
}

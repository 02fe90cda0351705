using Marketplace.Core.Data;
using Marketplace.Core.Notifications;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Escrow;

/// <summary>What the card network's dispute says now (from a charge.dispute.* webhook).</summary>
public sealed record ChargebackNews(string DisputeId, string ChargeId, Money Amount, string Reason, string Status);

public enum ChargebackStep
{
    Opened,
    FundsWithdrawn,
    FundsReinstated,
    Closed,
}

/// <summary>
/// Chargebacks (SPEC §3–4): the card network's news about a payment, handed to the escrow settlement policy per order
/// of the checkout: opened freezes the holds, withdrawn money is posted once and reinstated money once, closed
/// removes the chargeback's freeze reason (won) or takes the money from the holds or the seller (lost). A close
/// implies the money's final place (lost: withdrawn; won: reinstated) in case that event never came. Every step is
/// safe to repeat and works in any order of arrival (each one makes sure the chargeback exists).
/// </summary>
public sealed class Chargebacks(MarketplaceDbContext db, EscrowSettlement settlement, Notifier notifier, TimeProvider clock)
{
    /// <summary>Returns false when the charge isn't one of ours (nothing to do).</summary>
    public async Task<bool> ApplyAsync(ChargebackNews news, ChargebackStep step, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var payment = await db.CheckoutPayments.AsNoTracking()
            .Where(p => p.PaymentReference == news.ChargeId)
            .Select(p => new { p.Id })
            .FirstOrDefaultAsync(ct);
        if (payment is null)
        {
            return false;
        }

        var orders = await db.Orders.Where(o => o.CheckoutId == payment.Id).ToListAsync(ct);
        var orderIds = orders.Select(o => o.Id).ToList();
        var holds = await db.EscrowHolds.Where(h => orderIds.Contains(h.OrderId)).ToDictionaryAsync(h => h.OrderId, ct);
        orders = orders.Where(o => holds.ContainsKey(o.Id)).ToList();
        var chargeback = await db.Chargebacks.FirstOrDefaultAsync(c => c.ProviderDisputeId == news.DisputeId, ct);
        var notices = new List<Notice>();
        if (chargeback is null)
        {
            chargeback = new Chargeback(news.DisputeId, payment.Id, news.ChargeId, news.Amount, news.Reason, now);
            db.Chargebacks.Add(chargeback);
            foreach (var order in orders)
            {
                EscrowSettlement.ChargebackOpened(order, holds[order.Id], news.Reason, now, notices);
            }
        }

        var lost = step == ChargebackStep.Closed && news.Status == "lost";
        var won = step == ChargebackStep.Closed && !lost;
        List<(Guid OrderId, long Amount, long Owed)>? withdrawn = null;
        if ((step == ChargebackStep.FundsWithdrawn || lost) && chargeback.WithdrawFunds(now))
        {
            withdrawn = [];
            foreach (var (orderId, amount) in Chargeback.Allocate(chargeback.Amount.Amount, orders.Select(o => (o.Id, o.Number, holds[o.Id].AtStake))))
            {
                withdrawn.Add((orderId, amount, await settlement.FundsWithdrawnAsync(holds[orderId], amount, now, ct)));
            }

            var excess = chargeback.Amount.Amount - withdrawn.Sum(w => w.Amount);
            if (excess > 0 && orders.Count > 0)
            {
                settlement.FundsWithdrawnBeyondStake(orders.OrderBy(o => o.Number, StringComparer.Ordinal).First().Id, new Money(excess, chargeback.Amount.Currency), now);
            }
        }

        if ((step == ChargebackStep.FundsReinstated || won) && chargeback.ReinstateFunds(now))
        {
            var taken = await db.LedgerTransactions.Where(t => t.Kind == LedgerEntryKind.Chargeback && t.OrderId != null && orderIds.Contains(t.OrderId.Value)).ToListAsync(ct);
            settlement.FundsReinstated(taken, now);
        }

        if (step == ChargebackStep.Closed && chargeback.Close(won: won, now))
        {
            if (lost)
            {
                await CancelRefundsTheBankPaidAsync(orders, now, ct);
            }

            // Lost: each order loses what was withdrawn from it (now, or by an earlier funds_withdrawn event).
            withdrawn ??= await WithdrawnAsync(orderIds, ct);
            foreach (var order in orders)
            {
                var mine = withdrawn.FirstOrDefault(s => s.OrderId == order.Id);
                await settlement.ChargebackClosedAsync(order, holds[order.Id], (mine.Amount, mine.Owed), won, now, notices, ct);
            }
        }

        await notifier.AddAsync(notices, now, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// A lost chargeback gave the buyer back money we had also promised as a refund not sent yet (it waited for the bank):
    /// those refunds are cancelled, as far as the loss beyond the stake covers them, so the buyer isn't paid twice; a refund
    /// the loss covers only in part is replaced by one for the rest. A refund already sent can't be called back: its money
    /// stays in the loss for an admin to contest with the provider.
    /// </summary>
    private async Task CancelRefundsTheBankPaidAsync(List<Order> orders, DateTimeOffset now, CancellationToken ct)
    {
        var orderIds = orders.Select(o => o.Id).ToList();
        var saved = await db.LedgerTransactions.AsNoTracking()
            .Where(t => t.OrderId != null && orderIds.Contains(t.OrderId.Value))
            .SelectMany(t => t.Postings)
            .Where(p => p.Account == Accounts.ChargebackLoss)
            .SumAsync(p => p.Amount, ct);

        // A close that arrives without an earlier funds_withdrawn books the loss in this same unit of work, not saved yet.
        var unsaved = db.ChangeTracker.Entries<LedgerTransaction>()
            .Where(e => e.State == EntityState.Added && e.Entity.OrderId is { } id && orderIds.Contains(id))
            .SelectMany(e => e.Entity.Postings)
            .Where(p => p.Account == Accounts.ChargebackLoss)
            .Sum(p => p.Amount);
        var loss = saved + unsaved;
        var unsent = await db.ProviderCommands
            .Where(c => orderIds.Contains(c.OrderId) && c.Kind == ProviderCommandKind.Refund && (c.Status == ProviderCommandStatus.Pending || c.Status == ProviderCommandStatus.NeedsAdmin) && c.FirstSentAt == null)
            .OrderBy(c => c.CreatedAt)
            .ToListAsync(ct);
        foreach (var refund in unsent)
        {
            var covered = Math.Min(loss, refund.Amount.Amount);
            if (covered <= 0 || !refund.Cancel("The buyer's bank returned this money in a chargeback: not refunded twice.", now))
            {
                continue;
            }

            loss -= covered;
            var coveredMoney = new Money(covered, refund.Amount.Currency);
            db.LedgerTransactions.Add(LedgerTransaction.RefundCancelled(refund.OrderId, coveredMoney, now));
            var order = orders.First(o => o.Id == refund.OrderId);
            if (covered < refund.Amount.Amount)
            {
                var rest = refund.RefundRest(refund.Amount.Amount - covered, now);
                db.ProviderCommands.Add(rest);
                order.NoteFromProvider(Text.Of("The buyer's bank already returned {0} in the chargeback: the refund is {1} instead of {2}.", coveredMoney, rest.Amount, refund.Amount), now);
            }
            else
            {
                order.NoteFromProvider(Text.Of("The refund of {0} was not sent: the buyer's bank already returned that money in the chargeback.", refund.Amount), now);
            }
        }
    }

    /// <summary>
    /// What earlier chargeback postings took from each order (the provider cash each one paid out, less any platform loss beyond
    /// the stake) and what of it the seller owes (its SellerReceivable debits: nothing while the hold still held the money).
    /// </summary>
    private async Task<List<(Guid OrderId, long Amount, long Owed)>> WithdrawnAsync(List<Guid> orderIds, CancellationToken ct)
    {
        var taken = await db.LedgerTransactions.AsNoTracking()
            .Where(t => t.Kind == LedgerEntryKind.Chargeback && t.OrderId != null && orderIds.Contains(t.OrderId.Value))
            .Select(t => new
            {
                OrderId = t.OrderId!.Value,
                Paid = t.Postings.Where(p => p.Account == Accounts.ProviderCash).Sum(p => p.Amount) + t.Postings.Where(p => p.Account == Accounts.ChargebackLoss).Sum(p => p.Amount),
                Owed = t.Postings.Where(p => EF.Functions.Like(p.Account, Accounts.SellerReceivablePrefix + "%")).Sum(p => p.Amount),
            })
            .ToListAsync(ct);
        return taken.GroupBy(t => t.OrderId).Select(g => (g.Key, -g.Sum(t => t.Paid), g.Sum(t => t.Owed))).ToList();
    }
}

using Marketplace.Core.Data;
using Marketplace.Core.Notifications;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
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
/// Chargebacks (SPEC §3–4): opening one freezes the checkout's holds (nothing is released or refunded while it
/// is open); the withdrawn money is posted once ("chargeback received": from escrow while held, else the seller
/// owes it), reinstated money is posted back once; closing unfreezes the holds (won) or ends them as charged back
/// (lost). Every step is safe to repeat and works in any order of arrival (each one makes sure the chargeback exists).
/// </summary>
public sealed class Chargebacks(MarketplaceDbContext db, Notifier notifier, TimeProvider clock)
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
        var chargeback = await db.Chargebacks.FirstOrDefaultAsync(c => c.ProviderDisputeId == news.DisputeId, ct);
        var notices = new List<Notice>();
        if (chargeback is null)
        {
            chargeback = new Chargeback(news.DisputeId, payment.Id, news.ChargeId, news.Amount, news.Reason, now);
            db.Chargebacks.Add(chargeback);
            foreach (var order in orders.Where(o => holds.TryGetValue(o.Id, out var h) && h.Freeze().Succeeded))
            {
                order.NoteFromProvider($"The buyer's bank opened a chargeback ({news.Reason}). The payment is frozen until it is decided.", now);
                notices.Add(new Notice(null, order.SellerId, $"Chargeback on order {order.Number}", "The buyer's bank disputes the payment. Your payout for this order waits until the bank decides.", $"/Seller/Orders/{order.Id}"));
            }
        }

        var shares = Chargeback.Allocate(chargeback.Amount.Amount, orders.Where(o => holds.ContainsKey(o.Id)).Select(o => (o.Id, o.Number, o.Total.Amount)));
        var lost = step == ChargebackStep.Closed && news.Status == "lost";
        if ((step == ChargebackStep.FundsWithdrawn || lost) && chargeback.WithdrawFunds(now))
        {
            foreach (var (orderId, amount) in shares)
            {
                var hold = holds[orderId];
                db.LedgerTransactions.Add(LedgerTransaction.Chargeback(hold, amount, stillHeld: hold.Status is HoldStatus.Held or HoldStatus.Frozen, now));
            }
        }

        if (step == ChargebackStep.FundsReinstated && chargeback.ReinstateFunds(now))
        {
            var taken = await db.LedgerTransactions.Where(t => t.Kind == LedgerEntryKind.Chargeback && t.OrderId != null && orderIds.Contains(t.OrderId.Value)).ToListAsync(ct);
            db.LedgerTransactions.AddRange(taken.Select(t => LedgerTransaction.ChargebackReinstated(t, now)));
        }

        if (step == ChargebackStep.Closed && chargeback.Close(won: !lost, now))
        {
            foreach (var order in orders.Where(o => holds.ContainsKey(o.Id)))
            {
                var hold = holds[order.Id];
                var share = shares.FirstOrDefault(s => s.OrderId == order.Id).Amount;
                if (!lost)
                {
                    hold.Unfreeze();
                    order.NoteFromProvider("The chargeback was decided in the seller's favour. The payment is held again until the protection window closes.", now);
                }
                else if (share == hold.Amount.Amount && hold.Status != HoldStatus.Released)
                {
                    hold.ChargeBack(now);
                    order.ChargedBack(now);
                }
                else if (share > 0)
                {
                    order.NoteFromProvider($"Chargeback lost ({chargeback.Amount}): the seller owes what the bank took back; an admin settles the rest.", now);
                    if (hold.Status == HoldStatus.Released)
                    {
                        order.ChargedBack(now);
                    }
                }

                notices.Add(new Notice(null, order.SellerId, $"Chargeback on order {order.Number} {(lost ? "lost" : "won")}", lost ? "The buyer's bank returned the payment to the buyer." : "The bank decided in your favour; your payout continues as normal.", $"/Seller/Orders/{order.Id}"));
            }
        }

        await notifier.AddAsync(notices, now, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }
}

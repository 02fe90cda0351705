using Marketplace.Core.Data;
using Marketplace.Core.Notifications;
using Marketplace.Core.Orders;
using Marketplace.Domain.Common;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Checkout;

/// <summary>
/// Payments not made within their order's time to pay (30 minutes by default) lapse: their orders are cancelled and their stock goes back on sale,
/// in one transaction per payment. Safe to run from several workers at once: the payment's version check
/// lets one of them (or a last-second capture) win and rolls the others back.
/// </summary>
public sealed class LapseUnpaidOrders(MarketplaceDbContext db, Notifier notifier, TimeProvider clock)
{
    public const int BatchSize = 100;

    /// <summary>Lapses up to <see cref="BatchSize"/> due payments; returns how many it lapsed.</summary>
    public async Task<int> ExecuteAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var due = await db.CheckoutPayments
            .Where(p => p.Status == PaymentStatus.AwaitingPayment && p.PaymentDueBy <= now)
            .OrderBy(p => p.PaymentDueBy)
            .Select(p => p.Id)
            .Take(BatchSize)
            .ToListAsync(ct);
        var lapsed = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            if (await LapseAsync(id, now, ct))
            {
                lapsed++;
            }
        }

        return lapsed;
    }

    private async Task<bool> LapseAsync(Guid paymentId, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var payment = await db.CheckoutPayments.FirstAsync(p => p.Id == paymentId, ct);
        if (!payment.Lapse(now).Succeeded)
        {
            return false;
        }

        var orders = await db.Orders.Where(o => o.CheckoutId == paymentId).ToListAsync(ct);
        foreach (var order in orders)
        {
            if (!order.LapseUnpaid(now).Succeeded)
            {
                // Not pending any more (paid or cancelled meanwhile): its stock isn't reserved, nothing to give back.
                continue;
            }

            await OrderMoney.ReturnStockAsync(db, order.Id, ct);
            await notifier.AddAsync([new Notice(order.BuyerId, null, Text.Of("Order {0} cancelled: not paid", order.Number), Text.Of("Payment didn't arrive within {0}, so the items went back on sale. Nothing was charged.", order.Rules.PaymentWindow), $"/Orders/{order.Id}")], now, ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(ct);
            return false;
        }
    }
}

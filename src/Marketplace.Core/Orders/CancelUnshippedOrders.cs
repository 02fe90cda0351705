using Marketplace.Core.Data;
using Marketplace.Core.Escrow;
using Marketplace.Core.Notifications;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Orders;

/// <summary>
/// Paid orders not shipped by their ship-by time are cancelled with a full refund: the order, its hold, the
/// ledger ("refund while held": escrow → provider cash) and the refund call in the outbox change in one
/// transaction per order. The stock is not put back: a seller who didn't ship probably doesn't have it.
/// </summary>
public sealed class CancelUnshippedOrders(MarketplaceDbContext db, EscrowSettlement settlement, Notifier notifier, TimeProvider clock)
{
    public const int BatchSize = 100;

    public async Task<int> ExecuteAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        db.ChangeTracker.Clear();
        var due = await db.Orders
            // A frozen hold can't be refunded until its chargeback or admin hold ends: left out, so it never blocks the others.
            .Where(o => o.Status == OrderStatus.Paid && o.ShipBy <= now && db.EscrowHolds.Any(h => h.OrderId == o.Id && h.Status == HoldStatus.Held))
            .OrderBy(o => o.ShipBy)
            .Select(o => o.Id)
            .Take(BatchSize)
            .ToListAsync(ct);
        var cancelled = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            var order = await db.Orders.FirstAsync(o => o.Id == id, ct);
            if (!order.CancelUnshipped(now).Succeeded)
            {
                continue;
            }

            if (!await settlement.RefundInFullAsync(order, now, ct))
            {
                continue;
            }

            await notifier.AddAsync(OrderMoney.CancelledNotices(order, "it wasn't shipped in time"), now, ct);

            try
            {
                await db.SaveChangesAsync(ct);
                cancelled++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // The seller marked it shipped at this very moment: shipping wins, nothing was written.
            }
        }

        return cancelled;
    }
}

using Marketplace.Core.Data;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Orders;

/// <summary>
/// Shipped orders the buyer hasn't confirmed by the delivery deadline are confirmed by the system then; the
/// hold's protection window already counts from that deadline, so only the order's state changes.
/// </summary>
public sealed class AutoConfirmOrders(MarketplaceDbContext db, TimeProvider clock)
{
    public const int BatchSize = 200;

    public async Task<int> ExecuteAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        db.ChangeTracker.Clear();
        var due = await db.Orders
            .Where(o => o.Status == OrderStatus.Shipped && o.DeliveryDeadline <= now)
            .OrderBy(o => o.DeliveryDeadline)
            .Take(BatchSize)
            .ToListAsync(ct);
        var confirmed = due.Count(order => order.ConfirmReceipt(Actor.System, now).Succeeded);
        try
        {
            await db.SaveChangesAsync(ct);
            return confirmed;
        }
        catch (DbUpdateConcurrencyException)
        {
            // The buyer confirmed (or another worker did) in the meantime: the next tick sees the rest.
            return 0;
        }
    }
}

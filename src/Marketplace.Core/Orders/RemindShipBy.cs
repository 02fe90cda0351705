using Marketplace.Core.Data;
using Marketplace.Core.Notifications;
using Marketplace.Domain.Common;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Orders;

/// <summary>Tells each seller once, <see cref="Order.ShipByReminder"/> before an order's ship-by time, that it must ship or be cancelled.</summary>
public sealed class RemindShipBy(MarketplaceDbContext db, Notifier notifier, TimeProvider clock)
{
    public async Task<int> ExecuteAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var horizon = now + Order.ShipByReminder;
        db.ChangeTracker.Clear();
        var due = await db.Orders
            .Where(o => o.Status == OrderStatus.Paid && o.ShipByReminderSentAt == null && o.ShipBy <= horizon && o.ShipBy > now)
            .OrderBy(o => o.ShipBy)
            .Take(200)
            .ToListAsync(ct);
        var reminded = due.Where(o => o.NeedsShipByReminder(now)).ToList();
        foreach (var order in reminded)
        {
            order.MarkShipByReminded(now);
        }

        await notifier.AddAsync(
            reminded.Select(o => new Notice(null, o.SellerId, Text.Of("Ship order {0} within {1}", o.Number, Order.ShipByReminder), Text.Of("Ship by {0}, or the order is cancelled and the buyer refunded.", new When(o.ShipBy!.Value, WhenStyle.MonthDayTime)), $"/Seller/Orders/{o.Id}")).ToList(),
            now,
            ct);
        try
        {
            await db.SaveChangesAsync(ct);
            return reminded.Count;
        }
        catch (DbUpdateConcurrencyException)
        {
            return 0;
        }
    }
}

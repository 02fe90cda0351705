using Marketplace.Core.Data;
using Marketplace.Core.Notifications;
using Marketplace.Domain.Common;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Orders;

/// <summary>
/// The seller hands the parcel over: carrier and tracking number. The delivery deadline is set, and the
/// hold's protection window starts counting from it (until the buyer confirms earlier).
/// </summary>
public sealed class ShipOrder(MarketplaceDbContext db, Notifier notifier, TimeProvider clock)
{
    public async Task<Result<OrderStatus>> ExecuteAsync(Guid sellerId, Guid orderId, string carrier, string trackingNumber, CancellationToken ct = default)
    {
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId && o.SellerId == sellerId, ct);
        if (order is null)
        {
            return OrderErrors.NotFound;
        }

        var shipped = order.MarkShipped(carrier ?? string.Empty, trackingNumber ?? string.Empty, clock.GetUtcNow());
        if (!shipped.Succeeded)
        {
            return shipped;
        }

        var hold = await db.EscrowHolds.FirstAsync(h => h.OrderId == orderId, ct);
        hold.ProtectUntil(order.DeliveryDeadline!.Value, order.Rules.ProtectionPeriod);
        await notifier.AddAsync([new Notice(order.BuyerId, null, Text.Of("Order {0} has shipped", order.Number), Text.Of("{0} {1}; it should arrive by {2}.", order.Carrier ?? string.Empty, order.TrackingNumber ?? string.Empty, new When(order.DeliveryDeadline!.Value, WhenStyle.MonthDay)), $"/Orders/{order.Id}")], clock.GetUtcNow(), ct);
        return await OrderSaves.SaveAsync(db, shipped, ct);
    }
}

/// <summary>The buyer says it arrived: the protection window now counts from this moment.</summary>
public sealed class ConfirmReceipt(MarketplaceDbContext db, TimeProvider clock)
{
    public async Task<Result<OrderStatus>> ExecuteAsync(Guid buyerId, Guid orderId, CancellationToken ct = default)
    {
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId && o.BuyerId == buyerId, ct);
        if (order is null)
        {
            return OrderErrors.NotFound;
        }

        var confirmed = order.ConfirmReceipt(Actor.Buyer, clock.GetUtcNow());
        if (!confirmed.Succeeded)
        {
            return confirmed;
        }

        var hold = await db.EscrowHolds.FirstAsync(h => h.OrderId == orderId, ct);
        hold.ProtectUntil(order.ConfirmedAt!.Value, order.Rules.ProtectionPeriod);
        return await OrderSaves.SaveAsync(db, confirmed, ct);
    }
}

internal static class OrderSaves
{
    public static readonly DomainError Changed = new("order.changed", "This order changed while you were looking at it. Please check it and try again.", ErrorKind.Conflict);

    /// <summary>Saves an order transition; a concurrent change (the version check) becomes a clear message.</summary>
    public static async Task<Result<OrderStatus>> SaveAsync(MarketplaceDbContext db, Result<OrderStatus> result, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return result;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Changed;
        }
    }
}

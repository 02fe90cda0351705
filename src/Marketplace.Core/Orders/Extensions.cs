using Marketplace.Core.Data;
using Marketplace.Domain.Common;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Orders;

/// <summary>The buyer asks for more delivery time; the seller grants it (never shortens): deadline and protection move later.</summary>
public sealed class DeliveryExtensions(MarketplaceDbContext db, TimeProvider clock)
{
    public async Task<Result<OrderStatus>> RequestAsync(Guid buyerId, Guid orderId, int days, CancellationToken ct = default)
    {
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId && o.BuyerId == buyerId, ct);
        return order is null ? OrderErrors.NotFound : await OrderSaves.SaveAsync(db, order.RequestExtension(days, clock.GetUtcNow()), ct);
    }

    public async Task<Result<OrderStatus>> GrantAsync(Guid sellerId, Guid orderId, int days, CancellationToken ct = default)
    {
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId && o.SellerId == sellerId, ct);
        if (order is null)
        {
            return OrderErrors.NotFound;
        }

        var granted = order.GrantExtension(days, clock.GetUtcNow());
        if (granted.Succeeded)
        {
            var hold = await db.EscrowHolds.FirstAsync(h => h.OrderId == orderId, ct);
            hold.ProtectUntil(order.DeliveryDeadline!.Value, order.Rules.ProtectionPeriod);
        }

        return await OrderSaves.SaveAsync(db, granted, ct);
    }
}

/// <summary>The seller (or an admin) adds a step of the parcel's journey.</summary>
public sealed class AddTrackingEvent(MarketplaceDbContext db, TimeProvider clock)
{
    public async Task<Result<OrderStatus>> ExecuteAsync(Guid sellerId, Guid orderId, string description, bool delivered, CancellationToken ct = default)
    {
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId && o.SellerId == sellerId, ct);
        return order is null ? OrderErrors.NotFound : await OrderSaves.SaveAsync(db, order.AddTrackingEvent(description ?? string.Empty, delivered, Domain.Orders.Actor.Seller, clock.GetUtcNow()), ct);
    }
}

using Marketplace.Core.Data;
using Marketplace.Core.Notifications;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Orders;

/// <summary>What every cancellation of a paid order tells people and does with stock (the money goes through <see cref="Escrow.EscrowSettlement"/>).</summary>
internal static class OrderMoney
{
    /// <summary>What the buyer and the seller are told when a paid order is cancelled and refunded.</summary>
    public static IReadOnlyList<Notice> CancelledNotices(Order order, string why) =>
    [
        new(order.BuyerId, null, $"Order {order.Number} cancelled and refunded", $"Cancelled because {why}. {order.Total} is refunded to your card in full.", $"/Orders/{order.Id}"),
        new(null, order.SellerId, $"Order {order.Number} cancelled", $"The buyer was refunded {order.Total}; the order needs nothing more from you.", $"/Seller/Orders/{order.Id}"),
    ];

    /// <summary>Puts the order's units back on sale (inside the caller's transaction).</summary>
    public static async Task ReturnStockAsync(MarketplaceDbContext db, Guid orderId, CancellationToken ct)
    {
        var lines = await db.Set<OrderLine>().Where(l => EF.Property<Guid>(l, "OrderId") == orderId).Select(l => new { l.ListingId, l.VariantId, l.Quantity }).ToListAsync(ct);
        foreach (var line in lines)
        {
            await db.ListingVariants
                .Where(v => v.Id == line.VariantId)
                .ExecuteUpdateAsync(set => set.SetProperty(v => v.Stock, v => v.Stock + line.Quantity).SetProperty(v => v.Version, v => v.Version + 1), ct);
        }

        await Catalog.CatalogChangeInterceptor.TouchAsync(db, lines.Select(l => l.ListingId));
    }
}

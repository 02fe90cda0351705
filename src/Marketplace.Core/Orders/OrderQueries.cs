using Marketplace.Core.Data;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Orders;

/// <param name="Total">What the buyer was charged (the checkout's currency).</param>
/// <param name="SellerTotal">The same order at the seller's own prices, in their currency (equal to <paramref name="Total"/> unless converted).</param>
public sealed record OrderSummary(Guid Id, string Number, string StoreName, OrderStatus Status, Money Total, DateTimeOffset PlacedAt, DateTimeOffset? ShipBy, int ItemCount, string FirstTitle, string BuyerName, Money SellerTotal, int LineCount);

/// <summary>An order with who sold it and where its money is.</summary>
public sealed record OrderDetails(Order Order, string StoreName, string StoreSlug, EscrowHold? Hold, string BuyerName);

public sealed record PaymentDetails(CheckoutPayment Payment, IReadOnlyList<OrderSummary> Orders);

/// <summary>Read shapes for order pages. Every query is scoped to the buyer or seller asking: another's order is simply not found.</summary>
public sealed class OrderQueries(MarketplaceDbContext db)
{
    public Task<List<OrderSummary>> ForBuyerAsync(Guid buyerId, CancellationToken ct = default) =>
        Summaries(db.Orders.Where(o => o.BuyerId == buyerId).OrderByDescending(o => o.PlacedAt).Take(200)).ToListAsync(ct);

    /// <summary>Paid orders to ship first (soonest deadline first), then the rest, newest first. Unpaid orders aren't the seller's business yet.</summary>
    public async Task<List<OrderSummary>> ForSellerAsync(Guid sellerId, CancellationToken ct = default)
    {
        var orders = await Summaries(db.Orders.Where(o => o.SellerId == sellerId && o.PaidAt != null).OrderByDescending(o => o.PlacedAt).Take(200)).ToListAsync(ct);
        return orders.Where(o => o.Status == OrderStatus.Paid).OrderBy(o => o.ShipBy)
            .Concat(orders.Where(o => o.Status != OrderStatus.Paid).OrderByDescending(o => o.PlacedAt))
            .ToList();
    }

    public Task<OrderDetails?> ForBuyerAsync(Guid buyerId, Guid orderId, CancellationToken ct = default) =>
        DetailsAsync(db.Orders.Where(o => o.Id == orderId && o.BuyerId == buyerId), ct);

    public Task<OrderDetails?> ForSellerAsync(Guid sellerId, Guid orderId, CancellationToken ct = default) =>
        DetailsAsync(db.Orders.Where(o => o.Id == orderId && o.SellerId == sellerId && o.PaidAt != null), ct);

    /// <summary>Any order, for admins (the pages that call it are admin-only).</summary>
    public Task<OrderDetails?> ForAdminAsync(Guid orderId, CancellationToken ct = default) =>
        DetailsAsync(db.Orders.Where(o => o.Id == orderId), ct);

    public async Task<PaymentDetails?> PaymentAsync(Guid buyerId, Guid paymentId, CancellationToken ct = default)
    {
        var payment = await db.CheckoutPayments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == paymentId && p.BuyerId == buyerId, ct);
        return payment is null
            ? null
            : new PaymentDetails(payment, (await Summaries(db.Orders.Where(o => o.CheckoutId == paymentId)).ToListAsync(ct)).OrderBy(o => o.StoreName).ToList());
    }

    /// <summary>A checkout's orders with their lines and stores, for its buyer (the order confirmation page): one query.</summary>
    public async Task<IReadOnlyList<(Order Order, string StoreName)>> ForCheckoutAsync(Guid buyerId, Guid checkoutId, CancellationToken ct = default) =>
        (await (from o in db.Orders.AsNoTracking().Include(o => o.Lines)
                where o.CheckoutId == checkoutId && o.BuyerId == buyerId
                join s in db.Sellers on o.SellerId equals s.Id
                orderby o.Number
                select new { Order = o, s.StoreName }).ToListAsync(ct))
        .Select(r => (r.Order, r.StoreName)).ToList();

    private async Task<OrderDetails?> DetailsAsync(IQueryable<Order> orders, CancellationToken ct)
    {
        var row = await (
                from o in orders.AsNoTracking().AsSplitQuery().Include(o => o.Lines).Include(o => o.Events)
                join s in db.Sellers on o.SellerId equals s.Id
                join u in db.Users on o.BuyerId equals u.Id
                select new { Order = o, s.StoreName, s.Slug, Buyer = u.DisplayName ?? u.UserName })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var hold = await db.EscrowHolds.AsNoTracking().FirstOrDefaultAsync(h => h.OrderId == row.Order.Id, ct);
        return new OrderDetails(row.Order, row.StoreName, row.Slug, hold, row.Buyer ?? string.Empty);
    }

    private IQueryable<OrderSummary> Summaries(IQueryable<Order> orders) =>
        from o in orders
        join s in db.Sellers on o.SellerId equals s.Id
        join u in db.Users on o.BuyerId equals u.Id
        select new OrderSummary(
            o.Id,
            o.Number,
            s.StoreName,
            o.Status,
            o.Total,
            o.PlacedAt,
            o.ShipBy,
            o.Lines.Sum(l => l.Quantity),
            o.Lines.OrderBy(l => l.Title).Select(l => l.Title).First(),
            u.DisplayName ?? u.UserName ?? string.Empty,
            o.SellerTotal,
            o.Lines.Count);
}

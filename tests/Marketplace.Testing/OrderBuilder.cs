using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Sellers;

namespace Marketplace.Testing;

/// <summary>Puts paid orders with their holds and ledger entries straight into the database (for release and load tests).</summary>
public sealed class OrderBuilder(MarketplaceAppFactory factory)
{
    /// <summary><paramref name="count"/> paid, confirmed orders of <paramref name="total"/> minor units whose protection ended at <paramref name="protectionEndsAt"/>.</summary>
    public async Task<IReadOnlyList<Guid>> ConfirmedOrdersAsync(Seller seller, Guid buyerId, int count, long total, DateTimeOffset protectionEndsAt, Domain.Catalog.Listing? listing = null)
    {
        var confirmedAt = protectionEndsAt - TimeSpan.FromDays(15);
        await using var db = factory.CreateDbContext();
        var ids = Enumerable.Range(0, count).Select(i => Add(db, ConfirmedOrder(seller.Id, buyerId, new Money(total, "USD"), i, confirmedAt, confirmedAt, listing))).ToList();
        await db.SaveChangesAsync();
        return ids;
    }

    /// <summary>A new store and a new buyer with one paid, confirmed order between them, protected 10 more days.</summary>
    public async Task<(Seller Seller, Guid BuyerId, Guid OrderId)> OrderFromNewStoreAsync(long total = 10_000)
    {
        var seller = await new CatalogBuilder(factory).SellerAsync($"Shop {Guid.NewGuid():N}"[..12], "FR");
        var buyer = await factory.CreateUserAsync($"buyer-{Guid.NewGuid():N}@test.local");
        var orderId = (await ConfirmedOrdersAsync(seller, buyer.Id, 1, total, factory.Clock.GetUtcNow() + TimeSpan.FromDays(10))).Single();
        return (seller, buyer.Id, orderId);
    }

    /// <summary>
    /// One paid order (a single line of <paramref name="total"/>, free shipping, 8% commission) shipped when paid and
    /// confirmed at <paramref name="confirmedAt"/>, with its hold (protected 15 days from then) and its capture in the ledger.
    /// </summary>
    public static (CheckoutPayment Payment, Order Order, EscrowHold Hold, LedgerTransaction Captured) ConfirmedOrder(
        Guid sellerId, Guid buyerId, Money total, int index, DateTimeOffset paidAt, DateTimeOffset confirmedAt, Domain.Catalog.Listing? listing = null, DateTimeOffset? shippedAt = null)
    {
        var payment = new CheckoutPayment(buyerId, total, paidAt, TimeSpan.FromMinutes(30));
        var order = Order.Place(
            payment.Id,
            buyerId,
            sellerId,
            new ShippingAddress("Ana", "1 Rua Augusta", null, "Toronto", null, "M5V", "CA", null),
            new ShippingChoice("Standard", "Post", Money.Zero(total.Currency), 3, 10),
            3,
            800,
            [new OrderLineInput(listing?.Id ?? Guid.NewGuid(), listing?.Variants[0].Id ?? Guid.NewGuid(), listing?.Title ?? $"Item {index}", listing?.Variants[0].Name ?? "Standard", $"SKU-{index}", total, 1)],
            paidAt,
            new MarketplaceRules());
        payment.MarkPaid($"sim_ch_{payment.Id:N}", paidAt);
        order.MarkPaid(paidAt);
        order.MarkShipped("Post", $"TRACK{index}", shippedAt ?? paidAt);
        order.ConfirmReceipt(Actor.Buyer, confirmedAt);
        var hold = new EscrowHold(order.Id, sellerId, order.Total, order.CommissionBasisPoints, paidAt);
        hold.ProtectUntil(confirmedAt, TimeSpan.FromDays(15));
        return (payment, order, hold, LedgerTransaction.PaymentCaptured(order.Id, order.Total, paidAt));
    }

    /// <summary>Adds what <see cref="ConfirmedOrder"/> made to a context; returns the order's id.</summary>
    public static Guid Add(Core.Data.MarketplaceDbContext db, (CheckoutPayment Payment, Order Order, EscrowHold Hold, LedgerTransaction Captured) made)
    {
        db.CheckoutPayments.Add(made.Payment);
        db.Orders.Add(made.Order);
        db.EscrowHolds.Add(made.Hold);
        db.LedgerTransactions.Add(made.Captured);
        return made.Order.Id;
    }
}

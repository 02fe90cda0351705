using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Sellers;

namespace Marketplace.Testing;

/// <summary>Puts paid orders with their holds and ledger entries straight into the database (for release and load tests).</summary>
public sealed class OrderBuilder(MarketplaceAppFactory factory)
{
    /// <summary><paramref name="count"/> paid, confirmed orders of <paramref name="total"/> minor units whose protection ended at <paramref name="protectionEndsAt"/>.</summary>
    public async Task<IReadOnlyList<Guid>> ConfirmedOrdersAsync(Seller seller, Guid buyerId, int count, long total, DateTimeOffset protectionEndsAt)
    {
        var now = factory.Clock.GetUtcNow();
        var ids = new List<Guid>();
        await using var db = factory.CreateDbContext();
        for (var i = 0; i < count; i++)
        {
            var shipping = new ShippingChoice("Standard", "Post", Money.Zero("USD"), 3, 10);
            var payment = new CheckoutPayment(buyerId, new Money(total, "USD"), now);
            var order = Order.Place(
                payment.Id,
                buyerId,
                seller.Id,
                new ShippingAddress("Ana", "1 Main St", null, "Toronto", null, "M5V", "CA", null),
                shipping,
                3,
                800,
                [new OrderLineInput(Guid.NewGuid(), Guid.NewGuid(), $"Item {i}", "Standard", $"SKU-{i}", new Money(total, "USD"), 1)],
                now);
            payment.MarkPaid($"sim_ch_{payment.Id:N}", now);
            order.MarkPaid(now);
            order.MarkShipped("Post", $"TRACK{i}", now);
            order.ConfirmReceipt(Actor.Buyer, now);
            var hold = new EscrowHold(order.Id, seller.Id, order.Total, order.CommissionBasisPoints, now);
            hold.ProtectUntil(protectionEndsAt - EscrowHold.ProtectionPeriod);
            db.CheckoutPayments.Add(payment);
            db.Orders.Add(order);
            db.EscrowHolds.Add(hold);
            db.LedgerTransactions.Add(LedgerTransaction.PaymentCaptured(order.Id, order.Total, now));
            ids.Add(order.Id);
        }

        await db.SaveChangesAsync();
        return ids;
    }
}

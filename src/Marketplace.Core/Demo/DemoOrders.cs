using Marketplace.Core.Escrow;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;

namespace Marketplace.Core.Demo;

/// <summary>
/// The demo's order history over the last twelve weeks, so dashboards, charts and trust profiles have something to show:
/// for each store, orders just paid (to ship), on their way, delivered and protected, and older ones whose protection ended
/// and whose money was released then. Each goes through the domain's own steps and the ledger's own postings (a capture,
/// a release and the seller's transfer waiting for their payout account), so the books balance as in real use.
/// </summary>
public static class DemoOrders
{
    /// <summary>Days before now each store's orders were paid: to ship, on the way, protected, released.</summary>
    private static readonly double[] PaidDaysAgo = [0.2, 4, 12, 30, 44, 58, 73];

    public static void Add(
        Data.MarketplaceDbContext db,
        IReadOnlyList<(Guid Id, string Name, string Country)> buyers,
        IReadOnlyList<(Listing Listing, Domain.Sellers.Seller Seller)> listings,
        DateTimeOffset now,
        Random random)
    {
        var rules = new MarketplaceRules();
        var n = 0;
        foreach (var store in listings.GroupBy(l => l.Seller.Id))
        {
            var stock = store.Where(l => l.Listing.Variants.Any(v => v.InStock)).ToList();
            foreach (var daysAgo in PaidDaysAgo)
            {
                // Orders to ship were paid within hours, so their ship-by (a day or more of handling) is still ahead.
                var paidAt = now.AddDays(-daysAgo - (random.NextDouble() * (daysAgo < 1 ? 0.1 : 2)));
                // A listing and a buyer it ships to (each store ships to some of the demo buyers' countries).
                var (listing, seller) = stock[random.Next(stock.Count)];
                var buyer = Enumerable.Range(n++, buyers.Count).Select(i => buyers[i % buyers.Count]).FirstOrDefault(b => listing.ShipsTo(b.Country));
                if (buyer == default)
                {
                    continue;
                }

                var option = listing.ShippingOptionsTo(buyer.Country)[0];
                var variant = listing.Variants.First(v => v.InStock);
                var quantity = random.Next(1, 3);
                var total = new Money((variant.Price.Amount * quantity) + option.Price.Amount, variant.Price.Currency);
                var payment = new CheckoutPayment(buyer.Id, total, paidAt.AddMinutes(-5), rules.PaymentWindow);
                var order = Order.Place(
                    payment.Id,
                    buyer.Id,
                    seller.Id,
                    new ShippingAddress(buyer.Name, $"{random.Next(1, 200)} Demo Street", null, "Demo City", null, "10001", buyer.Country, null),
                    new ShippingChoice(ShippingOption.MethodName(option.Method), option.Carrier, option.Price, option.MinDays, option.MaxDays),
                    rules.HandlingDaysFor(listing.HandlingDays),
                    rules.CommissionBasisPoints,
                    [new OrderLineInput(listing.Id, variant.Id, listing.Title, variant.Name, variant.Sku, variant.Price, quantity)],
                    paidAt.AddMinutes(-5),
                    rules);
                var charge = $"sim_ch_demo_{payment.Id:N}";
                _ = payment.MarkPaid(charge, paidAt);
                _ = order.MarkPaid(paidAt);
                var hold = new EscrowHold(order.Id, seller.Id, order.Total, order.CommissionBasisPoints, paidAt);
                db.CheckoutPayments.Add(payment);
                db.Orders.Add(order);
                db.EscrowHolds.Add(hold);
                db.LedgerTransactions.Add(LedgerTransaction.PaymentCaptured(order.Id, order.Total, paidAt));
                if (daysAgo < 1)
                {
                    continue;
                }

                var shippedAt = paidAt.AddDays(1);
                _ = order.MarkShipped(option.Carrier, $"DM{random.Next(100_000_000, 999_999_999)}", shippedAt);
                hold.ProtectUntil(order.DeliveryDeadline!.Value, rules.ProtectionPeriod);
                if (daysAgo < 10)
                {
                    continue;
                }

                var confirmedAt = shippedAt.AddDays(Math.Min(option.MaxDays, 5));
                _ = order.ConfirmReceipt(Actor.Buyer, confirmedAt);
                hold.ProtectUntil(confirmedAt, rules.ProtectionPeriod);
                if (hold.ProtectionEndsAt is { } end && end <= now && EscrowSettlement.Release(hold, order, charge, end) is { } released)
                {
                    db.LedgerTransactions.AddRange(released.Ledger);
                    if (released.Transfer is { } transfer)
                    {
                        db.ProviderCommands.Add(transfer);
                    }
                }
            }
        }
    }
}

using Marketplace.Core.Escrow;
using Marketplace.Core.Orders;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.IntegrationTests;

/// <summary>Escrow release: timers at their edges, auto-confirmation, exactly-once with two workers, the seller's payouts page.</summary>
public sealed class ReleaseTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public async Task A_hold_is_released_fifteen_days_after_the_buyer_confirms_minus_the_commission(int secondsFromEnd, bool released)
    {
        var seller = await Catalog.SellerAsync("Shop", "FR");
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Home"), "Vase", configure: l =>
        {
            l.AddVariant("VASE", "Standard", new Money(4250, "USD"), 3);
            l.AddShippingOption(null, ShippingMethod.Standard, "Post", new Money(750, "USD"), 3, 10);
        });
        var buyer = await Factory.SignInAsAsync("ana@test.local");
        await buyer.AddToCartAsync(listing);
        await buyer.BuyAsync();
        Order order;
        await using (var db = Factory.CreateDbContext())
        {
            order = await db.Orders.SingleAsync(Ct);
        }

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ShipOrder>().ExecuteAsync(seller.Id, order.Id, "Post", "RR1", Ct)).Succeeded.Should().BeTrue();
            (await scope.ServiceProvider.GetRequiredService<ConfirmReceipt>().ExecuteAsync(order.BuyerId, order.Id, Ct)).Succeeded.Should().BeTrue();
        }

        Factory.Clock.Advance(TimeSpan.FromDays(15) + TimeSpan.FromSeconds(secondsFromEnd));
        int count;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            count = await scope.ServiceProvider.GetRequiredService<ReleaseDueHolds>().ExecuteAllAsync(Ct);
        }

        var payouts = await (await Factory.SignInAsSellerAsync(seller)).GetDocumentAsync("/Seller/Payouts");

        count.Should().Be(released ? 1 : 0);
        // $50.00 order, 8% commission = $4.00, seller share $46.00.
        payouts.Text("#released-USD").Should().Be(released ? "$46.00" : "$0.00");
        payouts.Text("#pending-USD").Should().Be(released ? "$0.00" : "$46.00");
        payouts.Text(".payout-row .payout-state").Should().StartWith(released ? "Released" : "Held");
        await using var after = Factory.CreateDbContext();
        (await after.Orders.SingleAsync(Ct)).Status.Should().Be(released ? OrderStatus.Completed : OrderStatus.Confirmed);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    public async Task An_unconfirmed_order_is_confirmed_by_the_system_at_its_delivery_deadline(int secondsFromDeadline, bool confirmed)
    {
        var seller = await Catalog.SellerAsync("Shop", "FR");
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Home"), "Vase");
        var buyer = await Factory.SignInAsAsync("ana@test.local");
        await buyer.AddToCartAsync(listing);
        await buyer.BuyAsync();
        await using var db = Factory.CreateDbContext();
        var order = await db.Orders.SingleAsync(Ct);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ShipOrder>().ExecuteAsync(seller.Id, order.Id, "Post", "RR1", Ct);
        }

        Factory.Clock.Advance(TimeSpan.FromDays(10) + TimeSpan.FromSeconds(secondsFromDeadline));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AutoConfirmOrders>().ExecuteAsync(Ct)).Should().Be(confirmed ? 1 : 0);
        }

        await using var after = Factory.CreateDbContext();
        var reloaded = await after.Orders.Include(o => o.Events).SingleAsync(Ct);
        reloaded.Status.Should().Be(confirmed ? OrderStatus.Confirmed : OrderStatus.Shipped);
        if (confirmed)
        {
            reloaded.Events.OrderBy(e => e.At).Last().Actor.Should().Be(Actor.System);
        }
    }

    [Fact]
    public async Task Two_release_workers_over_a_thousand_due_holds_release_each_exactly_once_and_the_ledger_balances()
    {
        var seller = await Catalog.SellerAsync("Shop", "FR");
        var buyer = await Factory.CreateUserAsync("ana@test.local");
        await new OrderBuilder(Factory).ConfirmedOrdersAsync(seller, buyer.Id, 1_000, 2_499, Factory.Clock.GetUtcNow());

        var counts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ReleaseDueHolds>().ExecuteAllAsync(Ct);
        }, Ct)));

        counts.Sum().Should().Be(1_000);
        await using var db = Factory.CreateDbContext();
        (await db.EscrowHolds.CountAsync(h => h.Status == HoldStatus.Released, Ct)).Should().Be(1_000);
        (await db.LedgerTransactions.CountAsync(t => t.Kind == LedgerEntryKind.Release, Ct)).Should().Be(1_000);
        (await db.LedgerTransactions.SelectMany(t => t.Postings).Where(p => p.Account == Accounts.CommissionRevenue).SumAsync(p => p.Amount, Ct)).Should().Be(-200 * 1_000);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }
}

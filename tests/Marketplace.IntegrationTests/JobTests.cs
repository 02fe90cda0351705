using Marketplace.Domain.Orders;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>The background jobs are wired to the clock: moving it past a deadline makes them act by themselves.</summary>
public sealed class JobTests
{
    [Fact]
    public async Task With_jobs_on_an_unpaid_order_lapses_by_itself_once_the_clock_passes_thirty_minutes()
    {
        await using var factory = new MarketplaceAppFactory(await TestDatabase.CreateMigratedAsync(), settings: new Dictionary<string, string?> { ["Jobs:Enabled"] = "true", ["Jobs:Interval"] = "00:00:00.200" });
        var catalog = new CatalogBuilder(factory);
        var listing = await catalog.ListingAsync(await catalog.SellerAsync("Shop", "FR"), await catalog.CategoryAsync("Home"), "Vase");
        var buyer = await factory.SignInAsAsync("ana@test.local");
        await buyer.AddToCartAsync(listing);
        await buyer.CheckoutAsync();

        // The timers tick on real time (the admin's clock offset wraps the system clock); what they read is the fake clock.
        factory.Clock.Advance(TimeSpan.FromMinutes(30));

        var status = OrderStatus.PendingPayment;
        await Eventually.TrueAsync(async () =>
        {
            await using var db = factory.CreateDbContext();
            status = (await db.Orders.SingleAsync(TestContext.Current.CancellationToken)).Status;
            return status != OrderStatus.PendingPayment;
        }, TestContext.Current.CancellationToken);

        status.Should().Be(OrderStatus.AutoCancelled);
    }
}

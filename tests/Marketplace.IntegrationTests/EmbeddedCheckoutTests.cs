using Marketplace.Core.Checkout;
using Marketplace.Core.Escrow;
using Marketplace.Core.Orders;
using Marketplace.Domain.Orders;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.IntegrationTests;

/// <summary>The embedded SQLite default runs the same money flow: pay, ship, confirm, release, lapse.</summary>
public sealed class EmbeddedCheckoutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_sqlite_a_buyer_pays_two_sellers_and_fifteen_days_after_confirming_the_seller_is_paid()
    {
        await using var factory = new MarketplaceAppFactory(database: null);
        var catalog = new CatalogBuilder(factory);
        var home = await catalog.CategoryAsync("Home");
        var lisbon = await catalog.SellerAsync("Lisbon Light", "PT");
        var lamp = await catalog.ListingAsync(lisbon, home, "Brass lamp");
        var mug = await catalog.ListingAsync(await catalog.SellerAsync("Kyoto Clay", "JP"), home, "Tea mug");
        var unpaid = await catalog.ListingAsync(lisbon, home, "Vase");
        var buyer = await factory.SignInAsAsync("ana@test.local");
        await buyer.AddToCartAsync(lamp);
        await buyer.AddToCartAsync(mug, quantity: 3);

        var (_, paid) = await buyer.BuyAsync();
        var late = await factory.SignInAsAsync("late@test.local");
        await late.AddToCartAsync(unpaid, quantity: 4);
        await late.CheckoutAsync();
        Order order;
        await using (var db = factory.CreateDbContext())
        {
            order = await db.Orders.SingleAsync(o => o.SellerId == lisbon.Id && o.Status == OrderStatus.Paid, Ct);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ShipOrder>().ExecuteAsync(lisbon.Id, order.Id, "CTT", "RR1", Ct)).Succeeded.Should().BeTrue();
            (await scope.ServiceProvider.GetRequiredService<ConfirmReceipt>().ExecuteAsync(order.BuyerId, order.Id, Ct)).Succeeded.Should().BeTrue();
        }

        factory.Clock.Advance(TimeSpan.FromDays(15));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<LapseUnpaidOrders>().ExecuteAsync(Ct)).Should().Be(1);
            (await scope.ServiceProvider.GetRequiredService<ReleaseDueHolds>().ExecuteAllAsync(Ct)).Should().Be(1);
            (await scope.ServiceProvider.GetRequiredService<LedgerHealth>().CheckAsync(Ct)).Should().BeEmpty();
        }

        var orders = await buyer.GetDocumentAsync("/Orders");
        var payouts = await (await factory.SignInAsSellerAsync(lisbon)).GetDocumentAsync("/Seller/Payouts");
        var admin = await (await factory.SignInAsAdminAsync()).GetDocumentAsync("/Admin/Escrow");

        paid.EndedOnOrderPlaced().Should().BeTrue();
        orders.Texts(".order-row .order-status").Should().BeEquivalentTo("Completed", "Paid, to ship");
        payouts.Text("#released-USD").Should().Be("$13.80", "a $15.00 order (10 + 5 shipping) minus 8% is $13.80");
        admin.Text("#ledger-health").Should().StartWith("Healthy");
        admin.Texts("#escrow-overview td").Should().Contain(["$35.00 (1)", "$15.00 (1)"]);
        await using var after = factory.CreateDbContext();
        (await after.ListingVariants.SingleAsync(v => v.ListingId == unpaid.Id, Ct)).Stock.Should().Be(10, "the lapsed order's four units are back");
    }
}

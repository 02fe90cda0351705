using Marketplace.Core.Escrow;
using Marketplace.Core.Orders;
using Marketplace.Domain.Orders;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.IntegrationTests;

/// <summary>In-app notifications and their e-mails: paid, shipped, ship-by approaching, released.</summary>
public sealed class NotificationTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Buyer_and_seller_are_told_when_an_order_is_paid_shipped_and_the_money_released_in_the_app_and_by_email()
    {
        var seller = await Catalog.SellerAsync("Shop", "FR");
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Home"), "Vase");
        var buyer = await Factory.SignInAsAsync("ana@test.local");
        await buyer.AddToCartAsync(listing);
        await buyer.BuyAsync();
        var unreadBefore = (await buyer.GetDocumentAsync("/Orders")).Text("#unread-count");
        var buyerInbox = await buyer.GetDocumentAsync("/Notifications");
        var unreadAfter = (await buyer.GetDocumentAsync("/Orders")).QuerySelector("#unread-count");
        Order order;
        await using (var db = Factory.CreateDbContext())
        {
            order = await db.Orders.SingleAsync(Ct);
        }

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ShipOrder>().ExecuteAsync(seller.Id, order.Id, "La Poste", "LP1", Ct);
            await scope.ServiceProvider.GetRequiredService<ConfirmReceipt>().ExecuteAsync(order.BuyerId, order.Id, Ct);
        }

        Factory.Clock.Advance(TimeSpan.FromDays(15));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReleaseDueHolds>().ExecuteAllAsync(Ct);
        }

        var sellerInbox = await (await Factory.SignInAsSellerAsync(seller)).GetDocumentAsync("/Notifications");
        var buyerLater = await buyer.GetDocumentAsync("/Notifications");

        unreadBefore.Should().Be("1 unread");
        buyerInbox.Texts(".notification-title").Should().Equal($"Payment received for order {order.Number}");
        unreadAfter.Should().BeNull("seeing the notifications marks them read");
        buyerLater.Texts(".notification-title").Should().Equal($"Order {order.Number} has shipped", $"Payment received for order {order.Number}");
        sellerInbox.Texts(".notification-title").Should().Equal($"Payment released for order {order.Number}", $"New order {order.Number} to ship");
        sellerInbox.Text(".notification-body").Should().Be("$13.80 is yours ($15.00 minus $1.20 commission); it is on its way to your payout account.");
        await using var after = Factory.CreateDbContext();
        var mail = await after.EmailMessages.Where(m => m.Subject.Contains(order.Number)).Select(m => new { m.To, m.Subject, m.HtmlBody }).ToListAsync(Ct);
        mail.Should().HaveCount(4);
        mail.Where(m => m.To == "ana@test.local").Select(m => m.Subject).Should().BeEquivalentTo($"Payment received for order {order.Number}", $"Order {order.Number} has shipped");
        mail.Should().AllSatisfy(m => m.HtmlBody.Should().Contain("href=\"http://localhost:5080/"));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    public async Task The_seller_is_reminded_once_24_hours_before_the_ship_by_time(int secondsFromReminder, int reminders)
    {
        var seller = await Catalog.SellerAsync("Shop", "FR");
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Home"), "Vase", handlingDays: 3);
        var buyer = await Factory.SignInAsAsync("ana@test.local");
        await buyer.AddToCartAsync(listing);
        await buyer.BuyAsync();

        Factory.Clock.Advance(TimeSpan.FromDays(3) - Order.ShipByReminder + TimeSpan.FromSeconds(secondsFromReminder));
        int first;
        int second;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            first = await scope.ServiceProvider.GetRequiredService<RemindShipBy>().ExecuteAsync(Ct);
            second = await scope.ServiceProvider.GetRequiredService<RemindShipBy>().ExecuteAsync(Ct);
        }

        (first, second).Should().Be((reminders, 0));
        await using var db = Factory.CreateDbContext();
        (await db.Notifications.CountAsync(n => n.Title.StartsWith("Ship order "), Ct)).Should().Be(reminders);
    }
}

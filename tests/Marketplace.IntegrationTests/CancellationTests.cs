using Marketplace.Core.Orders;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Payments;
using Marketplace.Domain.Sellers;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.IntegrationTests;

/// <summary>Cancelling before shipping (seller accepts or 48 hours pass), more delivery time, tracking events — through the pages.</summary>
public sealed class CancellationTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_buyer_asks_to_cancel_the_seller_accepts_and_the_buyer_is_refunded_and_the_stock_returns()
    {
        var (seller, buyer, orderId) = await PaidOrderAsync(stock: 5, quantity: 2);

        var replyBy = (Factory.Clock.GetUtcNow() + TimeSpan.FromHours(48)).ToString("MMM d, HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var asked = await Html.ParseAsync(await buyer.SubmitFormAsync($"/Orders/{orderId}", "#cancel-form", new Dictionary<string, string> { ["reason"] = "Ordered the wrong colour" }));
        var sellerClient = await Factory.SignInAsSellerAsync(seller);
        var sellerPage = await sellerClient.GetDocumentAsync($"/Seller/Orders/{orderId}");
        var accepted = await Html.ParseAsync(await sellerClient.SubmitFormAsync($"/Seller/Orders/{orderId}", "#accept-cancellation-form", new Dictionary<string, string>()));
        var buyerPage = await buyer.GetDocumentAsync($"/Orders/{orderId}");

        asked.Text("#cancellation-pending").Should().StartWith($"You asked to cancel. If the seller doesn't reply by {replyBy} UTC");
        sellerPage.Text("#accept-cancellation-form").Should().Contain("Ordered the wrong colour");
        accepted.Text("#order-message").Should().StartWith("Cancelled. The buyer is refunded in full");
        buyerPage.Text(".order-status").Should().Be("Cancelled");
        buyerPage.Text("#money-state").Should().StartWith("Refunded in full ($25.00)");
        await using var db = Factory.CreateDbContext();
        (await db.ListingVariants.SingleAsync(Ct)).Stock.Should().Be(5);
        (await db.ProviderCommands.SingleAsync(Ct)).Kind.Should().Be(ProviderCommandKind.Refund);
        (await db.EscrowHolds.SingleAsync(Ct)).Status.Should().Be(HoldStatus.Refunded);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public async Task An_unanswered_cancellation_request_is_granted_after_48_hours(int secondsFromDeadline, bool cancelled)
    {
        var (_, buyer, orderId) = await PaidOrderAsync(stock: 3, quantity: 1, handlingDays: 5);
        await buyer.SubmitFormAsync($"/Orders/{orderId}", "#cancel-form", new Dictionary<string, string>());

        Factory.Clock.Advance(TimeSpan.FromHours(48) + TimeSpan.FromSeconds(secondsFromDeadline));
        int count;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            count = await scope.ServiceProvider.GetRequiredService<CancelOrder>().CancelUnansweredAsync(Ct);
        }

        count.Should().Be(cancelled ? 1 : 0);
        await using var db = Factory.CreateDbContext();
        var order = await db.Orders.Include(o => o.Events).SingleAsync(Ct);
        order.Status.Should().Be(cancelled ? OrderStatus.Cancelled : OrderStatus.Paid);
        (await db.ListingVariants.SingleAsync(Ct)).Stock.Should().Be(cancelled ? 3 : 2);
        if (cancelled)
        {
            order.Events.OrderBy(e => e.At).Last().Actor.Should().Be(Actor.System);
        }

        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Shipping_answers_a_cancellation_request_and_the_48_hour_rule_then_does_nothing()
    {
        var (seller, buyer, orderId) = await PaidOrderAsync(stock: 3, quantity: 1, handlingDays: 5);
        await buyer.SubmitFormAsync($"/Orders/{orderId}", "#cancel-form", new Dictionary<string, string>());
        var sellerClient = await Factory.SignInAsSellerAsync(seller);
        await sellerClient.SubmitFormAsync($"/Seller/Orders/{orderId}", "#ship-form", new Dictionary<string, string> { ["Shipment.Carrier"] = "Post", ["Shipment.TrackingNumber"] = "RR1" });

        Factory.Clock.Advance(TimeSpan.FromHours(48));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<CancelOrder>().CancelUnansweredAsync(Ct)).Should().Be(0);
        }

        var late = await Html.ParseAsync(await sellerClient.PostAsync($"/Seller/Orders/{orderId}?handler=AcceptCancellation", await AntiforgeryAsync(sellerClient, $"/Seller/Orders/{orderId}"), Ct));

        late.Text("#order-message").Should().Be("Only a paid order that hasn't shipped can be cancelled.");
        await using var db = Factory.CreateDbContext();
        (await db.Orders.SingleAsync(Ct)).Status.Should().Be(OrderStatus.Shipped);
    }

    [Fact]
    public async Task The_seller_grants_more_delivery_time_the_protection_moves_with_it_and_can_never_be_shortened()
    {
        var (seller, buyer, orderId) = await PaidOrderAsync(stock: 3, quantity: 1);
        var sellerClient = await Factory.SignInAsSellerAsync(seller);
        await sellerClient.SubmitFormAsync($"/Seller/Orders/{orderId}", "#ship-form", new Dictionary<string, string> { ["Shipment.Carrier"] = "Post", ["Shipment.TrackingNumber"] = "RR1" });
        DateTimeOffset deadline;
        await using (var db = Factory.CreateDbContext())
        {
            deadline = (await db.Orders.SingleAsync(Ct)).DeliveryDeadline!.Value;
        }

        await buyer.SubmitFormAsync($"/Orders/{orderId}", "#extend-form", new Dictionary<string, string> { ["days"] = "5" });
        var asked = await sellerClient.GetDocumentAsync($"/Seller/Orders/{orderId}");
        var shorter = await Html.ParseAsync(await sellerClient.SubmitFormAsync($"/Seller/Orders/{orderId}", "#grant-extension-form", new Dictionary<string, string> { ["days"] = "-3" }));
        var granted = await Html.ParseAsync(await sellerClient.SubmitFormAsync($"/Seller/Orders/{orderId}", "#grant-extension-form", new Dictionary<string, string> { ["days"] = "5" }));

        asked.Text("#extension-requested").Should().Be("The buyer asked for 5 more days.");
        shorter.Text("#order-message").Should().Be("Choose from 1 to 30 days.");
        granted.Text("#order-message").Should().Be("Granted 5 more days.");
        await using var after = Factory.CreateDbContext();
        (await after.Orders.SingleAsync(Ct)).DeliveryDeadline.Should().Be(deadline.AddDays(5));
        (await after.EscrowHolds.SingleAsync(Ct)).ProtectionEndsAt.Should().Be(deadline.AddDays(5) + TimeSpan.FromDays(15));
    }

    [Fact]
    public async Task A_delivered_tracking_event_shows_on_the_buyers_timeline()
    {
        var (seller, buyer, orderId) = await PaidOrderAsync(stock: 3, quantity: 1);
        var sellerClient = await Factory.SignInAsSellerAsync(seller);
        await sellerClient.SubmitFormAsync($"/Seller/Orders/{orderId}", "#ship-form", new Dictionary<string, string> { ["Shipment.Carrier"] = "Post", ["Shipment.TrackingNumber"] = "RR1" });

        Factory.Clock.Advance(TimeSpan.FromDays(4));
        await sellerClient.SubmitFormAsync($"/Seller/Orders/{orderId}", "#tracking-form", new Dictionary<string, string> { ["description"] = "Left with the concierge", ["delivered"] = "true" });
        var timeline = await buyer.GetDocumentAsync($"/Orders/{orderId}");

        timeline.Texts(".timeline-event")[^1].Should().EndWith("Delivered Left with the concierge");
        timeline.Texts(".timeline-event")[^1].Should().StartWith(Factory.Clock.GetUtcNow().ToString("MMM d, yyyy HH:mm 'UTC · Tracking'", System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<(Seller Seller, HttpClient Buyer, Guid OrderId)> PaidOrderAsync(int stock, int quantity, int handlingDays = 3)
    {
        var seller = await Catalog.SellerAsync("Shop", "FR");
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Home"), "Vase", handlingDays: handlingDays, configure: l =>
        {
            l.AddVariant("VASE", "Standard", new Domain.Common.Money(1000, "USD"), stock);
            l.AddShippingOption(null, ShippingMethod.Standard, "Post", new Domain.Common.Money(500, "USD"), 3, 10);
        });
        var buyer = await Factory.SignInAsAsync("ana@test.local");
        await buyer.AddToCartAsync(listing, quantity: quantity);
        await buyer.BuyAsync();
        await using var db = Factory.CreateDbContext();
        return (seller, buyer, (await db.Orders.SingleAsync(Ct)).Id);
    }

    private static async Task<FormUrlEncodedContent> AntiforgeryAsync(HttpClient client, string page)
    {
        var document = await client.GetDocumentAsync(page);
        var token = document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
    }
}

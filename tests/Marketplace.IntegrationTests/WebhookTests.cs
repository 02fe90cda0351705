using System.Net;
using System.Text.Json.Nodes;
using Marketplace.Core.Api;
using Marketplace.Core.Disputes;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Sellers;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketplace.IntegrationTests;

/// <summary>Webhooks to sellers (issue 19): registered on the settings page, signed, delivered from the outbox with retries, logged.</summary>
public sealed class WebhookTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_paid_order_reaches_the_sellers_endpoint_signed_and_is_logged_as_delivered()
    {
        using var receiver = new WebhookReceiver();
        var (client, seller) = await Factory.NewSellerThroughThePagesAsync();
        receiver.Secret = await AddEndpointAsync(client, receiver.Url);
        var orderId = await BuyAsync(seller);

        var sent = await DeliverAsync();
        var log = await client.GetDocumentAsync("/Seller/Api");

        sent.Should().Be(1);
        var received = receiver.Received.Should().ContainSingle().Subject;
        received.EventType.Should().Be("order.paid");
        received.SignatureValid.Should().BeTrue();
        received.Timestamp.Should().Be(Factory.Clock.GetUtcNow().ToUnixTimeSeconds());
        var body = JsonNode.Parse(received.Body)!;
        body["id"]!.GetValue<string>().Should().Be(received.EventId).And.StartWith("evt_");
        body["type"]!.GetValue<string>().Should().Be("order.paid");
        body["data"]!["id"]!.GetValue<Guid>().Should().Be(orderId);
        body["data"]!["status"]!.GetValue<string>().Should().Be("paid");
        body["data"]!["total"]!["amount"]!.GetValue<long>().Should().Be(1500);
        log.Text(".delivery-row .delivery-state").Should().Be("Delivered");
        log.Text(".delivery-row .delivery-answer").Should().StartWith("200");
        WebhookReceiver.Verify("whsec_not-the-secret", $"t={received.Timestamp},v1=00", received.Body).Should().BeFalse();
        (await DeliverAsync()).Should().Be(0, "a delivered event is not sent again");
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public async Task A_refused_delivery_is_tried_again_after_its_backoff_and_the_receiver_keeps_the_event_once(int secondsFromRetry, bool retried)
    {
        using var receiver = new WebhookReceiver();
        var (client, seller) = await Factory.NewSellerThroughThePagesAsync();
        receiver.Secret = await AddEndpointAsync(client, receiver.Url);
        receiver.AnswerNext(500);
        await BuyAsync(seller);

        await DeliverAsync();
        var pending = await client.GetDocumentAsync("/Seller/Api");
        Factory.Clock.Advance(TimeSpan.FromSeconds(30 + secondsFromRetry));
        var second = await DeliverAsync();

        pending.Text(".delivery-row .delivery-state").Should().StartWith("Retrying");
        pending.Text(".delivery-row .delivery-answer").Should().StartWith("500");
        second.Should().Be(retried ? 1 : 0);
        receiver.Received.Should().HaveCount(retried ? 2 : 1);
        receiver.Received.Select(r => r.EventId).Distinct().Should().ContainSingle("a retry carries the same event id");
        receiver.Events.Should().HaveCount(retried ? 1 : 0);
        await using var db = Factory.CreateDbContext();
        var delivery = await db.WebhookDeliveries.SingleAsync(Ct);
        (delivery.Status, delivery.Attempts).Should().Be(retried ? (WebhookDeliveryStatus.Delivered, 2) : (WebhookDeliveryStatus.Pending, 1));
    }

    [Fact]
    public async Task The_test_button_sends_a_signed_ping_and_says_what_the_server_answered()
    {
        using var receiver = new WebhookReceiver();
        var (client, _) = await Factory.NewSellerThroughThePagesAsync();
        receiver.Secret = await AddEndpointAsync(client, receiver.Url);

        var ok = await Html.ParseAsync(await client.SubmitFormAsync("/Seller/Api", ".test-webhook-form", new Dictionary<string, string>()));
        receiver.AnswerNext(404);
        var notFound = await Html.ParseAsync(await client.SubmitFormAsync("/Seller/Api", ".test-webhook-form", new Dictionary<string, string>()));

        ok.Text("#webhook-test-result").Should().Be("Test event delivered: your server answered 200.");
        notFound.Text("#webhook-test-result").Should().Be("Test event not delivered: HTTP 404 Not Found");
        receiver.Received.Select(r => (r.EventType, r.SignatureValid)).Should().Equal(("ping", true), ("ping", true));
        notFound.Texts(".delivery-row").Should().HaveCount(2);
    }

    [Fact]
    public async Task An_endpoint_needs_an_address_and_an_event_and_a_removed_one_gets_nothing_more()
    {
        using var receiver = new WebhookReceiver();
        var (client, seller) = await Factory.NewSellerThroughThePagesAsync();

        var noUrl = await Html.ParseAsync(await client.SubmitFormAsync("/Seller/Api", "#add-webhook-form", new Dictionary<string, string> { ["WebhookUrl"] = "not a url" }));
        receiver.Secret = await AddEndpointAsync(client, receiver.Url);
        var removed = await Html.ParseAsync(await client.SubmitFormAsync("/Seller/Api", ".remove-webhook-form", new Dictionary<string, string>()));
        await BuyAsync(seller);
        await DeliverAsync();

        noUrl.ErrorFor("WebhookUrl").Should().Be("Give a full https:// address (up to 500 characters) that your server answers on.");
        removed.Text(".alert-success").Should().Be("Endpoint removed: nothing more is sent to it.");
        removed.QuerySelector("#webhook-endpoints").Should().BeNull();
        receiver.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task Disputes_releases_and_listings_held_for_review_become_events_of_their_store_only()
    {
        var seller = await Catalog.SellerAsync("Events shop", "US");
        var other = await Catalog.SellerAsync("Other shop", "US");
        var buyer = await Factory.CreateUserAsync($"buyer-{Guid.NewGuid():N}@test.local");
        var orderId = (await new OrderBuilder(Factory).ConfirmedOrdersAsync(seller, buyer.Id, 1, 10_000, Factory.Clock.GetUtcNow() + TimeSpan.FromDays(10))).Single();
        var dispute = await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.OpenAsync(buyer.Id, orderId, new OpenDisputeInput(DisputeIssue.NotAsDescribed, DisputeRemedy.FullRefund, null, "Chipped."), Ct));
        await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.AcceptAsync(DisputeParty.Seller(seller.Id), dispute.Value!.Id, Ct));
        await using (var db = Factory.CreateDbContext())
        {
            db.Brands.Add(new Domain.Trust.Brand("Rolex", new Money(500_000, "USD"), Factory.Clock.GetUtcNow()));
            await db.SaveChangesAsync(Ct);
        }

        var fake = await Catalog.ListingAsync(other, await Catalog.CategoryAsync("Watches"), "Rolex Submariner watch", publish: false, configure: l =>
        {
            l.AddVariant("SUB", "Steel", new Money(9_900, "USD"), 1);
            l.AddShippingOption(null, ShippingMethod.Standard, "Post", new Money(500, "USD"), 3, 9);
        });
        await Factory.RunAsync<Core.Catalog.ChangeListingStatus, Result<Listing>>(s => s.ExecuteAsync(other, fake.Id, Core.Catalog.ListingAction.Publish, Ct));

        await using var after = Factory.CreateDbContext();
        (await after.WebhookEvents.Where(e => e.SellerId == seller.Id).OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Select(e => e.Type).ToListAsync(Ct))
            .Should().Equal("dispute.opened", "dispute.updated");
        (await after.WebhookEvents.Where(e => e.SellerId == other.Id).Select(e => e.Type).ToListAsync(Ct)).Should().Equal("listing.held_for_review");
        var held = JsonNode.Parse((await after.WebhookEvents.SingleAsync(e => e.SellerId == other.Id, Ct)).Payload)!;
        held["data"]!["reason"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.5", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:4700:4700::1111", true)]
    public void Only_public_addresses_receive_webhooks(string address, bool allowed) =>
        WebhookSender.IsPublic(IPAddress.Parse(address)).Should().Be(allowed);

    [Fact]
    public async Task Without_the_development_switch_a_webhook_to_this_machine_is_refused_at_connection()
    {
        using var receiver = new WebhookReceiver();
        var (client, _) = await Factory.NewSellerThroughThePagesAsync();
        receiver.Secret = await AddEndpointAsync(client, receiver.Url);
        await client.SubmitFormAsync("/Seller/Api", ".test-webhook-form", new Dictionary<string, string>());
        using var strict = new WebhookSender(Options.Create(new WebhookOptions { AllowPrivateNetworks = false }), Factory.Clock, NullLogger<WebhookSender>.Instance);
        await using var db = Factory.CreateDbContext();

        var (status, error) = await strict.SendAsync(await db.WebhookEndpoints.SingleAsync(Ct), await db.WebhookEvents.SingleAsync(Ct), Ct);

        receiver.Received.Should().ContainSingle("the app's own sender, allowed private networks in tests, delivered the ping");
        status.Should().BeNull();
        error.Should().Contain("private or local network");
        receiver.Received.Should().ContainSingle("the strict sender sent nothing");
    }

    /// <summary>Adds an endpoint for every event through the settings page; returns its signing secret.</summary>
    private static async Task<string> AddEndpointAsync(HttpClient client, string url)
    {
        var page = await Html.ParseAsync(await client.SubmitFormAsync("/Seller/Api", "#add-webhook-form", new Dictionary<string, string> { ["WebhookUrl"] = url, ["WebhookEvents"] = "order.paid" }));
        return page.QuerySelector("#new-webhook-secret")?.GetAttribute("value") ?? throw new InvalidOperationException(page.Url + ": " + page.QuerySelector("main")?.TextContent);
    }

    /// <summary>A buyer buys the seller's $10 item with $5 shipping and pays; returns the order.</summary>
    private async Task<Guid> BuyAsync(Seller seller)
    {
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Home"), "Lamp", configure: l =>
        {
            l.AddVariant("LAMP", "Brass", new Money(1000, "USD"), 5);
            l.AddShippingOption(null, ShippingMethod.Standard, "Post", new Money(500, "USD"), 3, 9);
        });
        var buyer = await Factory.SignInAsAsync($"buyer-{Guid.NewGuid():N}@test.local");
        await buyer.AddToCartAsync(listing);
        await buyer.BuyAsync();
        await using var db = Factory.CreateDbContext();
        return await db.Orders.Where(o => o.SellerId == seller.Id && o.Status == OrderStatus.Paid).Select(o => o.Id).SingleAsync(Ct);
    }

    private Task<int> DeliverAsync() => Factory.RunAsync<DeliverWebhooks, int>(d => d.ExecuteAsync(Ct));
}

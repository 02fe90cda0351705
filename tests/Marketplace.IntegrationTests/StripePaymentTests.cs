using System.Net;
using System.Text;
using Marketplace.Core.Checkout;
using Marketplace.Core.Disputes;
using Marketplace.Core.Escrow;
using Marketplace.Core.Orders;
using Marketplace.Core.Payments;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Payments;
using Marketplace.Domain.Sellers;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.IntegrationTests;

/// <summary>The app configured for Stripe, its Stripe.net client talking to <see cref="FakeStripe"/>, on PostgreSQL.</summary>
public sealed class StripeApp : IAsyncLifetime
{
    public FakeStripe Stripe { get; } = new FakeStripe().AnswerMoneyCalls();

    public MarketplaceAppFactory Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Factory = new MarketplaceAppFactory(
            await TestDatabase.CreateMigratedAsync(),
            settings: new Dictionary<string, string?>
            {
                ["Payments:Provider"] = "Stripe",
                ["Stripe:SecretKey"] = "sk_test_marketplace",
                ["Stripe:PublishableKey"] = "pk_test_marketplace",
                ["Stripe:WebhookSecret"] = FakeStripe.WebhookSecret,
            },
            services: services => services.AddHttpClient("stripe").ConfigurePrimaryHttpMessageHandler(() => Stripe));
        _ = Factory.Server;
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}

/// <summary>
/// Stripe's "separate charges and transfers" end to end: PaymentIntent per checkout, signed webhooks stored and
/// processed once, transfers from the charge on release, refunds, reversals and chargebacks, each request checked.
/// </summary>
public sealed class StripePaymentTests(StripeApp app) : IClassFixture<StripeApp>, IAsyncLifetime
{
    private string _intentStatus = "requires_payment_method";
    private string? _intentFailure;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private MarketplaceAppFactory Factory => app.Factory;

    private FakeStripe Stripe => app.Stripe;

    private CatalogBuilder Catalog => new(Factory);

    public async ValueTask InitializeAsync()
    {
        await Factory.Database!.ResetAsync();
        Stripe.Reset();
        Stripe.Answer("POST /v1/payment_intents", r => Intent(r.Form["metadata[checkout_id]"], long.Parse(r.Form["amount"], System.Globalization.CultureInfo.InvariantCulture), r.Form["currency"]));
        Stripe.Answer("GET /v1/payment_intents/*", r =>
        {
            var id = r.Route.Split('/').Last();
            var created = Stripe.To("POST /v1/payment_intents").First(c => Intent(c.Form["metadata[checkout_id]"], 0).Contains(id, StringComparison.Ordinal));
            return Intent(created.Form["metadata[checkout_id]"], long.Parse(created.Form["amount"], System.Globalization.CultureInfo.InvariantCulture), created.Form["currency"]);
        });
        Stripe.Answer("POST /v1/transfers/*", r => $$"""{"id":"{{Stripe.NextId("trr")}}","object":"transfer_reversal","amount":{{r.Form["amount"]}},"transfer":"{{r.Route.Split('/')[3]}}"}""");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Checkout_creates_one_payment_intent_for_all_sellers_and_a_signed_webhook_pays_every_order_once()
    {
        var (buyer, payPath) = await CheckoutFromTwoSellersAsync();
        var checkoutId = Guid.Parse(payPath["/Pay/".Length..]);

        var page = await buyer.GetDocumentAsync(payPath);
        var again = await buyer.GetDocumentAsync(payPath);
        var form = page.QuerySelector("#stripe-form")!;
        var created = Stripe.To("POST /v1/payment_intents").Single();
        await using (var db = Factory.CreateDbContext())
        {
            var payment = await db.CheckoutPayments.SingleAsync(Ct);
            created.Form.Should().Contain("amount", payment.Amount.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .And.Contain("currency", "usd").And.Contain("transfer_group", checkoutId.ToString()).And.Contain("metadata[checkout_id]", checkoutId.ToString());
            created.IdempotencyKey.Should().Be($"checkout:{checkoutId}");
            payment.ProviderPaymentId.Should().Be(IntentId(checkoutId));
        }

        form.GetAttribute("data-client-secret").Should().Be($"{IntentId(checkoutId)}_secret_test");
        form.GetAttribute("data-publishable-key").Should().Be("pk_test_marketplace");
        again.QuerySelector("#stripe-form")!.GetAttribute("data-client-secret").Should().Be($"{IntentId(checkoutId)}_secret_test", "a reload shows the same payment, not a new one");
        page.QuerySelector("#pay-form").Should().BeNull("the card never touches our server with Stripe");

        var succeeded = IntentEvent("evt_paid", "payment_intent.succeeded", checkoutId, "succeeded");
        var first = await PostWebhookAsync(succeeded);
        var replay = await PostWebhookAsync(succeeded);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        replay.StatusCode.Should().Be(HttpStatusCode.OK);
        await using var after = Factory.CreateDbContext();
        (await after.Orders.Select(o => o.Status).ToListAsync(Ct)).Should().HaveCount(2).And.OnlyContain(s => s == OrderStatus.Paid);
        (await after.EscrowHolds.CountAsync(Ct)).Should().Be(2);
        (await after.LedgerTransactions.CountAsync(t => t.Kind == LedgerEntryKind.PaymentCaptured, Ct)).Should().Be(2, "the replay changed nothing");
        (await after.CheckoutPayments.SingleAsync(Ct)).PaymentReference.Should().Be(ChargeId(checkoutId));
        (await after.ProviderEvents.SingleAsync(Ct)).ProcessedAt.Should().NotBeNull();
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("wrong secret")]
    [InlineData("tampered body")]
    [InlineData("too old")]
    [InlineData("no signature")]
    public async Task A_webhook_that_is_not_signed_by_stripe_is_refused_and_changes_nothing(string fault)
    {
        var (_, payPath) = await CheckoutFromTwoSellersAsync();
        var checkoutId = Guid.Parse(payPath["/Pay/".Length..]);
        var payload = IntentEvent("evt_forged", "payment_intent.succeeded", checkoutId, "succeeded");
        var now = Factory.Clock.GetUtcNow();
        var signature = fault switch
        {
            "wrong secret" => FakeStripe.Sign(payload, now, "whsec_someone_else"),
            "too old" => FakeStripe.Sign(payload, now.AddMinutes(-6)),
            "no signature" => null,
            _ => FakeStripe.Sign(payload, now),
        };
        var body = fault == "tampered body" ? payload.Replace("\"amount\":", "\"amount\":1", StringComparison.Ordinal) : payload;

        var response = await PostWebhookAsync(body, signature);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await using var db = Factory.CreateDbContext();
        (await db.Orders.AllAsync(o => o.Status == OrderStatus.PendingPayment, Ct)).Should().BeTrue();
        (await db.ProviderEvents.CountAsync(Ct)).Should().Be(0);
    }

    [Fact]
    public async Task Coming_back_from_stripe_shows_the_banks_message_on_a_decline_and_confirms_a_payment_that_went_through()
    {
        var (buyer, payPath) = await CheckoutFromTwoSellersAsync();
        await buyer.GetDocumentAsync(payPath);
        _intentFailure = "Your card has insufficient funds.";

        var declined = await buyer.GetDocumentAsync($"{payPath}?handler=Return");
        _intentStatus = "succeeded";
        _intentFailure = null;
        var paid = await buyer.GetAsync($"{payPath}?handler=Return", Ct);
        var stranger = await (await Factory.SignInAsAsync("eve@test.local")).GetAsync($"{payPath}?handler=Return", Ct);

        declined.Text("#payment-error").Should().Contain("Your card has insufficient funds.");
        declined.QuerySelector("#stripe-form").Should().NotBeNull("the buyer can try another card");
        paid.EndedOnOrderPlaced().Should().BeTrue();
        stranger.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await using var db = Factory.CreateDbContext();
        (await db.Orders.CountAsync(o => o.Status == OrderStatus.Paid, Ct)).Should().Be(2);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_payment_failed_webhook_shows_the_banks_message_on_the_pay_page_and_pays_nothing()
    {
        var (buyer, payPath) = await CheckoutFromTwoSellersAsync();
        var checkoutId = Guid.Parse(payPath["/Pay/".Length..]);
        await buyer.GetDocumentAsync(payPath);
        _intentFailure = "Your card was declined.";

        var response = await PostWebhookAsync(IntentEvent("evt_failed", "payment_intent.payment_failed", checkoutId, "requires_payment_method"));
        var page = await buyer.GetDocumentAsync(payPath);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Text("#last-failure").Should().Be("Your card was declined.");
        await using var db = Factory.CreateDbContext();
        (await db.Orders.AllAsync(o => o.Status == OrderStatus.PendingPayment, Ct)).Should().BeTrue();
        (await db.LedgerTransactions.CountAsync(Ct)).Should().Be(0);
    }

    [Fact]
    public async Task A_refund_whose_answer_was_lost_is_marked_done_by_the_charge_refunded_webhook_without_a_second_call()
    {
        var (buyer, payPath) = await CheckoutFromTwoSellersAsync();
        var checkoutId = Guid.Parse(payPath["/Pay/".Length..]);
        await buyer.GetDocumentAsync(payPath);
        await PostWebhookAsync(IntentEvent("evt_paid", "payment_intent.succeeded", checkoutId, "succeeded"));
        Factory.Clock.Advance(TimeSpan.FromDays(8));
        await Factory.RunAsync<CancelUnshippedOrders, int>(a => a.ExecuteAsync(Ct));
        Stripe.FailNext("POST /v1/refunds", 2);
        await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));
        long total;
        await using (var db = Factory.CreateDbContext())
        {
            total = (await db.CheckoutPayments.SingleAsync(Ct)).Amount.Amount;
        }

        var refundedEvent = FakeStripe.Event("evt_refunded", "charge.refunded", $$"""{"id":"{{ChargeId(checkoutId)}}","object":"charge","amount":{{total}},"amount_refunded":{{total}},"currency":"usd","refunded":true}""", Factory.Clock.GetUtcNow());
        (await PostWebhookAsync(refundedEvent)).StatusCode.Should().Be(HttpStatusCode.OK);
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));

        Stripe.To("POST /v1/refunds").Should().HaveCount(2, "the two calls that failed; none after Stripe confirmed");
        await using var after = Factory.CreateDbContext();
        (await after.ProviderCommands.AllAsync(c => c.Status == ProviderCommandStatus.Succeeded, Ct)).Should().BeTrue();
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Release_transfers_the_sellers_share_from_the_charge_and_a_stripe_outage_is_retried_under_the_same_key()
    {
        var seller = await SellerWithStripeAccountAsync();
        var orderId = (await new OrderBuilder(Factory).ConfirmedOrdersAsync(seller, (await Factory.CreateUserAsync("ana@test.local")).Id, 1, 10_000, Factory.Clock.GetUtcNow())).Single();
        await Factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct));
        Stripe.FailNext("POST /v1/transfers", 2);

        await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));
        Factory.Clock.Advance(ProviderCommand.BackoffAfter(1));
        await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));
        Factory.Clock.Advance(ProviderCommand.BackoffAfter(2));
        await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));

        await using var db = Factory.CreateDbContext();
        var hold = await db.EscrowHolds.SingleAsync(Ct);
        var payment = await db.CheckoutPayments.SingleAsync(Ct);
        var calls = Stripe.To("POST /v1/transfers").ToList();
        calls.Should().HaveCount(3);
        calls.Select(c => c.IdempotencyKey).Should().OnlyContain(k => k == $"release:{hold.Id}");
        calls[2].Form.Should().Contain("amount", "9200").And.Contain("currency", "usd").And.Contain("destination", "acct_1Seller")
            .And.Contain("source_transaction", payment.PaymentReference!).And.Contain("transfer_group", payment.Id.ToString()).And.Contain("metadata[order_id]", orderId.ToString());
        var command = await db.ProviderCommands.SingleAsync(Ct);
        command.Status.Should().Be(ProviderCommandStatus.Succeeded);
        command.ProviderReference.Should().StartWith("tr_");
        (await db.LedgerTransactions.CountAsync(t => t.Kind == LedgerEntryKind.Payout, Ct)).Should().Be(1);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_buyer_in_Japan_is_charged_whole_yen_a_partial_refund_goes_back_in_yen_and_the_seller_is_paid_in_dollars_from_the_charge()
    {
        await Factory.ImportTestRatesAsync();
        var seller = await SellerWithStripeAccountAsync("US", "USD");
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Outdoors"), "Tent", configure: l =>
        {
            l.AddVariant("TENT", "2 person", new Money(10_000, "USD"), 5);
            l.AddShippingOption(null, ShippingMethod.Standard, "USPS", new Money(0, "USD"), 5, 12);
        });
        var buyer = await Factory.SignInAsAsync("haruto@test.local");
        await buyer.SubmitFormAsync("/", "form.country-picker", new Dictionary<string, string> { ["currency"] = "JPY" });
        await buyer.AddToCartAsync(listing);
        var payPath = (await buyer.CheckoutAsync()).RequestMessage!.RequestUri!.AbsolutePath;
        var checkoutId = Guid.Parse(payPath["/Pay/".Length..]);
        await buyer.GetDocumentAsync(payPath);

        Stripe.To("POST /v1/payment_intents").Should().ContainSingle().Which.Form.Should().Contain("amount", "15560").And.Contain("currency", "jpy", "yen have no minor unit: ¥15,560 is sent as 15560, not 1556000");
        (await PostWebhookAsync(IntentEvent("evt_paid_jpy", "payment_intent.succeeded", checkoutId, "succeeded"))).StatusCode.Should().Be(HttpStatusCode.OK);
        Guid orderId, buyerId;
        await using (var db = Factory.CreateDbContext())
        {
            var order = await db.Orders.SingleAsync(Ct);
            (order.Status, order.Total, order.SellerTotal).Should().Be((OrderStatus.Paid, new Money(15_560, "JPY"), new Money(10_000, "USD")));
            (orderId, buyerId) = (order.Id, order.BuyerId);
        }

        await Factory.RunAsync<ShipOrder, Result<OrderStatus>>(a => a.ExecuteAsync(seller.Id, orderId, "USPS", "9400100000000000000000", Ct));
        await Factory.RunAsync<ConfirmReceipt, Result<OrderStatus>>(a => a.ExecuteAsync(buyerId, orderId, Ct));
        var opened = await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.OpenAsync(buyerId, orderId, new OpenDisputeInput(DisputeIssue.NotAsDescribed, DisputeRemedy.PartialRefund, 3_333, "One pole is bent."), Ct));
        opened.Succeeded.Should().BeTrue(opened.Error?.Message);
        (await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.AcceptAsync(DisputeParty.Seller(seller.Id), opened.Value!.Id, Ct))).Succeeded.Should().BeTrue();
        await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));

        Stripe.To("POST /v1/refunds").Should().ContainSingle().Which.Form.Should().Contain("charge", ChargeId(checkoutId)).And.Contain("amount", "3333", "¥3,333 back, in the charge's own currency");
        Stripe.To("POST /v1/transfers").Should().ContainSingle().Which.Form.Should().Contain("amount", "7229").And.Contain("currency", "usd")
            .And.Contain("source_transaction", ChargeId(checkoutId)).And.Contain("destination", "acct_1Seller", "the seller's ¥11,249 paid in dollars at the order's rate, from the yen charge");
        await using var after = Factory.CreateDbContext();
        (await after.ProviderCommands.AllAsync(c => c.Status == ProviderCommandStatus.Succeeded, Ct)).Should().BeTrue();
        (await after.EscrowHolds.SingleAsync(Ct)).Status.Should().Be(HoldStatus.PartiallyRefunded);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_cancelled_order_is_refunded_from_the_stripe_charge_with_the_orders_key()
    {
        var (buyer, payPath) = await CheckoutFromTwoSellersAsync();
        var checkoutId = Guid.Parse(payPath["/Pay/".Length..]);
        await buyer.GetDocumentAsync(payPath);
        await PostWebhookAsync(IntentEvent("evt_paid", "payment_intent.succeeded", checkoutId, "succeeded"));
        Guid orderId;
        await using (var db = Factory.CreateDbContext())
        {
            orderId = (await db.Orders.OrderBy(o => o.Number).FirstAsync(Ct)).Id;
        }

        Factory.Clock.Advance(TimeSpan.FromDays(8));
        await Factory.RunAsync<CancelUnshippedOrders, int>(a => a.ExecuteAsync(Ct));
        await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));

        await using var after = Factory.CreateDbContext();
        var orders = await after.Orders.ToListAsync(Ct);
        var refunds = Stripe.To("POST /v1/refunds").ToList();
        refunds.Should().HaveCount(2);
        foreach (var order in orders)
        {
            refunds.Should().ContainSingle(r => r.IdempotencyKey == $"refund:{order.Id}" && r.Form["charge"] == ChargeId(checkoutId) && r.Form["amount"] == order.Total.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        orders.Should().OnlyContain(o => o.Status == OrderStatus.AutoCancelled);
        (await after.ProviderCommands.AllAsync(c => c.Status == ProviderCommandStatus.Succeeded, Ct)).Should().BeTrue();
        orderId.Should().NotBeEmpty();
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_refund_after_release_refunds_the_buyer_and_reverses_the_transfer_or_cancels_an_unsent_payout(bool payoutSent)
    {
        var seller = await SellerWithStripeAccountAsync();
        var orderId = (await new OrderBuilder(Factory).ConfirmedOrdersAsync(seller, (await Factory.CreateUserAsync("ana@test.local")).Id, 1, 10_000, Factory.Clock.GetUtcNow())).Single();
        await Factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct));
        if (payoutSent)
        {
            await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));
        }

        var refunded = await Factory.RunAsync<RefundAfterRelease, Domain.Common.Result<OrderStatus>>(a => a.ExecuteAsync(Guid.NewGuid(), orderId, "Item was counterfeit", Ct));
        var twice = await Factory.RunAsync<RefundAfterRelease, Domain.Common.Result<OrderStatus>>(a => a.ExecuteAsync(Guid.NewGuid(), orderId, "again", Ct));
        await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));

        refunded.Succeeded.Should().BeTrue();
        twice.Succeeded.Should().BeFalse();
        await using var db = Factory.CreateDbContext();
        (await db.Orders.SingleAsync(Ct)).Status.Should().Be(OrderStatus.Refunded);
        (await db.EscrowHolds.SingleAsync(Ct)).Status.Should().Be(HoldStatus.Refunded);
        Stripe.To("POST /v1/refunds").Should().ContainSingle(r => r.IdempotencyKey == $"refund:{orderId}" && r.Form["amount"] == "10000");
        var transfer = await db.ProviderCommands.SingleAsync(c => c.Kind == ProviderCommandKind.Transfer, Ct);
        if (payoutSent)
        {
            var reversal = Stripe.Requests.Single(r => r.Route == $"POST /v1/transfers/{transfer.ProviderReference}/reversals");
            reversal.IdempotencyKey.Should().Be($"reverse:{orderId}");
            reversal.Form.Should().Contain("amount", "9200");
        }
        else
        {
            transfer.Status.Should().Be(ProviderCommandStatus.Cancelled);
            Stripe.To("POST /v1/transfers").Should().BeEmpty("the payout was cancelled before it was sent");
        }

        var receivable = await db.LedgerTransactions.SelectMany(t => t.Postings).Where(p => p.Account == Accounts.SellerReceivable(seller.Id)).SumAsync(p => p.Amount, Ct);
        receivable.Should().Be(0, "the seller's share came back");
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_chargeback_freezes_the_hold_so_nothing_is_released_until_the_platform_wins_it()
    {
        var seller = await SellerWithStripeAccountAsync();
        await new OrderBuilder(Factory).ConfirmedOrdersAsync(seller, (await Factory.CreateUserAsync("ana@test.local")).Id, 1, 10_000, Factory.Clock.GetUtcNow());
        var charge = await ChargeOfOnlyPaymentAsync();

        await PostWebhookAsync(DisputeEvent("evt_d1", "charge.dispute.created", charge, "needs_response"));
        var releasedWhileFrozen = await Factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct));
        await PostWebhookAsync(DisputeEvent("evt_d2", "charge.dispute.funds_withdrawn", charge, "needs_response"));
        await PostWebhookAsync(DisputeEvent("evt_d2", "charge.dispute.funds_withdrawn", charge, "needs_response"));
        var violationsWhileWithdrawn = await Factory.LedgerViolationsAsync();
        var frozenPage = await (await Factory.SignInAsSellerAsync(seller)).GetDocumentAsync("/Seller/Payouts");
        frozenPage.Text(".payout-state").Should().StartWith("Frozen");
        await using (var db = Factory.CreateDbContext())
        {
            (await db.EscrowHolds.SingleAsync(Ct)).Status.Should().Be(HoldStatus.Frozen);
            (await db.LedgerTransactions.CountAsync(t => t.Kind == LedgerEntryKind.Chargeback, Ct)).Should().Be(1, "the replayed event was skipped");
        }

        await PostWebhookAsync(DisputeEvent("evt_d3", "charge.dispute.funds_reinstated", charge, "won"));
        await PostWebhookAsync(DisputeEvent("evt_d4", "charge.dispute.closed", charge, "won"));
        var releasedAfterWin = await Factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct));

        releasedWhileFrozen.Should().Be(0);
        violationsWhileWithdrawn.Should().BeEmpty();
        releasedAfterWin.Should().Be(1);
        await using var after = Factory.CreateDbContext();
        (await after.Chargebacks.SingleAsync(Ct)).Status.Should().Be(ChargebackStatus.Won);
        (await after.Orders.SingleAsync(Ct)).Status.Should().Be(OrderStatus.Completed);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_lost_chargeback_refunds_the_order_from_escrow_or_leaves_the_seller_owing_after_release(bool released)
    {
        var seller = await SellerWithStripeAccountAsync();
        await new OrderBuilder(Factory).ConfirmedOrdersAsync(seller, (await Factory.CreateUserAsync("ana@test.local")).Id, 1, 10_000, Factory.Clock.GetUtcNow());
        if (released)
        {
            await Factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct));
        }

        var charge = await ChargeOfOnlyPaymentAsync();
        await PostWebhookAsync(DisputeEvent("evt_l1", "charge.dispute.created", charge, "needs_response"));
        await PostWebhookAsync(DisputeEvent("evt_l2", "charge.dispute.funds_withdrawn", charge, "needs_response"));
        await PostWebhookAsync(DisputeEvent("evt_l3", "charge.dispute.closed", charge, "lost"));

        await using var db = Factory.CreateDbContext();
        (await db.Orders.SingleAsync(Ct)).Status.Should().Be(OrderStatus.Refunded);
        (await db.EscrowHolds.SingleAsync(Ct)).Status.Should().Be(released ? HoldStatus.Released : HoldStatus.ChargedBack);
        var owed = await db.LedgerTransactions.SelectMany(t => t.Postings).Where(p => p.Account == Accounts.SellerReceivable(seller.Id)).SumAsync(p => p.Amount, Ct);
        owed.Should().Be(0, "before release escrow paid the bank; after it the seller's payout, not sent yet, was cancelled");
        if (released)
        {
            (await db.ProviderCommands.SingleAsync(Ct)).Status.Should().Be(ProviderCommandStatus.Cancelled);
        }

        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
        var payouts = await (await Factory.SignInAsSellerAsync(seller)).GetDocumentAsync("/Seller/Payouts");
        var escrow = await (await Factory.SignInAsAdminAsync()).GetDocumentAsync("/Admin/Escrow");
        payouts.QuerySelector("#owed-back-USD").Should().BeNull("nothing is owed once the payout is cancelled");
        if (!released)
        {
            payouts.Text(".payout-state").Should().StartWith("Charged back");
        }

        escrow.Text("#chargebacks .chargeback").Should().Contain("dp_1Test").And.Contain("$100.00").And.Contain("fraudulent").And.Contain("Lost");
        escrow.Text("#ledger-health").Should().StartWith("Healthy");
    }

    [Fact]
    public async Task A_seller_cannot_cancel_and_refund_an_order_while_the_buyers_bank_disputes_its_payment()
    {
        var (buyer, payPath) = await CheckoutFromTwoSellersAsync();
        var checkoutId = Guid.Parse(payPath["/Pay/".Length..]);
        await buyer.GetDocumentAsync(payPath);
        await PostWebhookAsync(IntentEvent("evt_paid", "payment_intent.succeeded", checkoutId, "succeeded"));
        Order order;
        Seller seller;
        await using (var db = Factory.CreateDbContext())
        {
            order = await db.Orders.OrderBy(o => o.Number).FirstAsync(Ct);
            seller = await db.Sellers.SingleAsync(s => s.Id == order.SellerId, Ct);
        }

        await buyer.SubmitFormAsync($"/Orders/{order.Id}", "#cancel-form", new Dictionary<string, string> { ["reason"] = "Changed my mind" });
        await PostWebhookAsync(DisputeEvent("evt_cb", "charge.dispute.created", ChargeId(checkoutId), "needs_response"));
        var answer = await Html.ParseAsync(await (await Factory.SignInAsSellerAsync(seller)).SubmitFormAsync($"/Seller/Orders/{order.Id}", "#accept-cancellation-form", new Dictionary<string, string>()));
        var buyerPage = await buyer.GetDocumentAsync($"/Orders/{order.Id}");

        answer.Body!.TextContent.Should().Contain("The buyer's bank is disputing this payment");
        buyerPage.Text("#money-state").Should().Contain("frozen");
        await using var after = Factory.CreateDbContext();
        (await after.Orders.SingleAsync(o => o.Id == order.Id, Ct)).Status.Should().Be(OrderStatus.Paid);
        (await after.ProviderCommands.CountAsync(Ct)).Should().Be(0, "no refund while the bank decides");
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Money_that_arrives_after_the_checkout_lapsed_is_refunded_in_full_once()
    {
        var (buyer, payPath) = await CheckoutFromTwoSellersAsync();
        var checkoutId = Guid.Parse(payPath["/Pay/".Length..]);
        await buyer.GetDocumentAsync(payPath);
        Factory.Clock.Advance(TimeSpan.FromMinutes(30));
        await Factory.RunAsync<LapseUnpaidOrders, int>(a => a.ExecuteAsync(Ct));

        var late = IntentEvent("evt_late", "payment_intent.succeeded", checkoutId, "succeeded");
        await PostWebhookAsync(late);
        await PostWebhookAsync(late);
        await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));

        await using var db = Factory.CreateDbContext();
        var payment = await db.CheckoutPayments.SingleAsync(Ct);
        payment.Status.Should().Be(PaymentStatus.Lapsed);
        payment.PaidLate.Should().BeTrue();
        (await db.Orders.AllAsync(o => o.Status == OrderStatus.Cancelled || o.Status == OrderStatus.AutoCancelled, Ct)).Should().BeTrue();
        Stripe.To("POST /v1/refunds").Should().ContainSingle(r => r.IdempotencyKey == $"late-payment:{checkoutId}" && r.Form["amount"] == payment.Amount.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture) && r.Form["charge"] == ChargeId(checkoutId));
        (await db.EscrowHolds.CountAsync(Ct)).Should().Be(0);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("amount")]
    [InlineData("currency")]
    [Trait("Suite", "Security")]
    [InlineData("intent")]
    public async Task A_signed_payment_that_doesnt_match_its_checkout_moves_no_money_and_waits_for_an_admin(string difference)
    {
        var (buyer, payPath) = await CheckoutFromTwoSellersAsync();
        var checkoutId = Guid.Parse(payPath["/Pay/".Length..]);
        await buyer.GetDocumentAsync(payPath);
        var honest = IntentEvent("evt_odd", "payment_intent.succeeded", checkoutId, "succeeded");
        long total;
        await using (var db = Factory.CreateDbContext())
        {
            total = (await db.CheckoutPayments.SingleAsync(Ct)).Amount.Amount;
        }

        var odd = difference switch
        {
            "amount" => honest.Replace($"\"amount\":{total},", $"\"amount\":{total - 1},", StringComparison.Ordinal),
            "currency" => honest.Replace("\"currency\":\"usd\"", "\"currency\":\"eur\"", StringComparison.Ordinal),
            _ => honest.Replace($"\"id\":\"{IntentId(checkoutId)}\"", "\"id\":\"pi_someone_elses\"", StringComparison.Ordinal),
        };
        odd.Should().NotBe(honest);

        var response = await PostWebhookAsync(odd);
        var admin = await Factory.SignInAsAdminAsync();
        var escrow = await admin.GetDocumentAsync("/Admin/Escrow");

        response.StatusCode.Should().Be(HttpStatusCode.OK, "Stripe shouldn't retry it: an admin looks");
        await using var after = Factory.CreateDbContext();
        (await after.CheckoutPayments.SingleAsync(Ct)).Status.Should().Be(PaymentStatus.AwaitingPayment);
        (await after.Orders.AnyAsync(o => o.Status == OrderStatus.Paid, Ct)).Should().BeFalse();
        (await after.LedgerTransactions.CountAsync(Ct)).Should().Be(0);
        var stored = await after.ProviderEvents.SingleAsync(Ct);
        stored.ParkedReason.Should().Contain($"doesn't match checkout {checkoutId}");
        escrow.Text("#parked-events").Should().Contain("evt_odd").And.Contain("doesn't match checkout");
    }

    private async Task<(HttpClient Buyer, string PayPath)> CheckoutFromTwoSellersAsync()
    {
        var category = await Catalog.CategoryAsync("Home");
        var first = await Catalog.ListingAsync(await Catalog.SellerAsync("Porto Ceramics", "CA"), category, "Vase");
        var second = await Catalog.ListingAsync(await Catalog.SellerAsync("Lisbon Linen", "CA"), category, "Towel");
        var buyer = await Factory.SignInAsAsync("ana@test.local");
        await buyer.AddToCartAsync(first);
        await buyer.AddToCartAsync(second);
        var checkout = await buyer.CheckoutAsync();
        return (buyer, checkout.RequestMessage!.RequestUri!.AbsolutePath);
    }

    private async Task<Seller> SellerWithStripeAccountAsync(string country = "PT", string? currency = null)
    {
        var seller = await Catalog.SellerAsync("Porto Ceramics", country, currency);
        await using var db = Factory.CreateDbContext();
        var stored = await db.Sellers.SingleAsync(s => s.Id == seller.Id, Ct);
        stored.ConnectPayoutAccount("acct_1Seller");
        stored.EnablePayouts("acct_1Seller");
        await db.SaveChangesAsync(Ct);
        return stored;
    }

    private async Task<string> ChargeOfOnlyPaymentAsync()
    {
        await using var db = Factory.CreateDbContext();
        return (await db.CheckoutPayments.SingleAsync(Ct)).PaymentReference!;
    }

    private Task<HttpResponseMessage> PostWebhookAsync(string payload) => PostWebhookAsync(payload, FakeStripe.Sign(payload, Factory.Clock.GetUtcNow()));

    private async Task<HttpResponseMessage> PostWebhookAsync(string payload, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add("Stripe-Signature", signature);
        }

        return await Factory.CreateClient().SendAsync(request, Ct);
    }

    private static string IntentId(Guid checkoutId) => $"pi_{checkoutId:N}"[..27];

    private static string ChargeId(Guid checkoutId) => $"ch_{checkoutId:N}"[..27];

    private string Intent(string checkoutId, long amount, string currency = "usd")
    {
        var id = Guid.Parse(checkoutId);
        var charge = _intentStatus == "succeeded" ? $"\"{ChargeId(id)}\"" : "null";
        var error = _intentFailure is null ? "null" : $$"""{"type":"card_error","code":"card_declined","message":"{{_intentFailure}}"}""";
        return $$$"""{"id":"{{{IntentId(id)}}}","object":"payment_intent","amount":{{{amount}}},"currency":"{{{currency}}}","status":"{{{_intentStatus}}}","client_secret":"{{{IntentId(id)}}}_secret_test","latest_charge":{{{charge}}},"last_payment_error":{{{error}}},"transfer_group":"{{{checkoutId}}}","metadata":{"checkout_id":"{{{checkoutId}}}"}}""";
    }

    /// <summary>A signed-to-be event about the checkout's intent, for the checkout's own amount.</summary>
    private string IntentEvent(string eventId, string type, Guid checkoutId, string status)
    {
        _intentStatus = status;
        using var db = Factory.CreateDbContext();
        var amount = db.CheckoutPayments.AsNoTracking().Single(p => p.Id == checkoutId).Amount;
        return FakeStripe.Event(eventId, type, Intent(checkoutId.ToString(), amount.Amount, amount.Currency.ToLowerInvariant()), Factory.Clock.GetUtcNow());
    }

    private string DisputeEvent(string eventId, string type, string charge, string status) =>
        FakeStripe.Event(eventId, type, $$"""{"id":"dp_1Test","object":"dispute","amount":10000,"currency":"usd","charge":"{{charge}}","reason":"fraudulent","status":"{{status}}"}""", Factory.Clock.GetUtcNow());
}

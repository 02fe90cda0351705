using Marketplace.Core.Disputes;
using Marketplace.Core.Orders;
using Marketplace.Core.Rules;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Trust;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>Timers and rates changed on /Admin/Rules apply to orders placed after the change; orders keep the rules they were placed with.</summary>
public sealed class RulesTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rules_changed_on_the_admin_page_reach_a_new_order_and_leave_an_older_one_as_it_was_placed()
    {
        var seller = await Catalog.SellerAsync("Harbour", "FR");
        var listing = await VaseAsync(seller);
        var earlyBuyer = await Factory.SignInAsAsync("early@test.local");
        var lateBuyer = await Factory.SignInAsAsync("late@test.local");
        var before = await BuyAsync(earlyBuyer, listing);
        var admin = await Factory.SignInAsAdminAsync();

        var form = (await admin.GetDocumentAsync("/Admin/Rules")).FormValues("#rules-form");
        form["Form.ProtectionDays"] = "20";
        form["Form.SellerReplyDays"] = "3";
        form["Form.PaymentWindowMinutes"] = "45";
        form["Form.CancellationReplyHours"] = "24";
        form["Form.Commission"] = "10";
        form["Form.Reason"] = "Longer protection for the holidays";
        var saved = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Rules", "#rules-form", form));
        var listingPage = await lateBuyer.GetDocumentAsync($"/Listing/{listing.Id}");
        var after = await BuyAsync(lateBuyer, listing);

        saved.Text("#rules-message").Should().StartWith("Saved as version 1.");
        listingPage.Text("[aria-label='Buyer protection']").Should().Contain("20 days after you confirm delivery");
        await using var db = Factory.CreateDbContext();
        var orders = await db.Orders.AsNoTracking().ToDictionaryAsync(o => o.Id, Ct);
        (orders[before].Rules.Version, orders[before].Rules.ProtectionPeriod, orders[before].CommissionBasisPoints).Should().Be((0, TimeSpan.FromDays(15), 800));
        (orders[after].Rules.Version, orders[after].Rules.ProtectionPeriod, orders[after].CommissionBasisPoints).Should().Be((1, TimeSpan.FromDays(20), 1_000));
        orders[after].PaymentDueBy.Should().Be(orders[after].PlacedAt + TimeSpan.FromMinutes(45));
        orders[before].PaymentDueBy.Should().Be(orders[before].PlacedAt + TimeSpan.FromMinutes(30));
        (await db.AdminActions.SingleAsync(a => a.Action == AdminActions.ChangeRules, Ct)).Detail
            .Should().Contain("Buyer protection: 15 days → 20 days").And.Contain("Commission: 8% → 10%").And.Contain("Longer protection for the holidays");

        // Both ship and are confirmed at the same moment: each hold is protected for its own order's period.
        foreach (var id in new[] { before, after })
        {
            (await Factory.RunAsync<ShipOrder, Result<OrderStatus>>(s => s.ExecuteAsync(seller.Id, id, "Post", $"RR{id:N}"[..12], Ct))).Succeeded.Should().BeTrue();
        }

        (await earlyBuyer.GetDocumentAsync($"/Orders/{before}")).Text("#confirm-form").Should().Contain("your last 15 days of protection");
        (await lateBuyer.GetDocumentAsync($"/Orders/{after}")).Text("#confirm-form").Should().Contain("your last 20 days of protection");
        var confirmedAt = Factory.Clock.GetUtcNow();
        await earlyBuyer.SubmitFormAsync($"/Orders/{before}", "#confirm-form", new Dictionary<string, string>());
        await lateBuyer.SubmitFormAsync($"/Orders/{after}", "#confirm-form", new Dictionary<string, string>());
        var holds = await db.EscrowHolds.AsNoTracking().ToDictionaryAsync(h => h.OrderId, Ct);
        holds[before].ProtectionEndsAt.Should().Be(confirmedAt + TimeSpan.FromDays(15));
        holds[after].ProtectionEndsAt.Should().Be(confirmedAt + TimeSpan.FromDays(20));
        (holds[after].Commission.Amount, holds[before].Commission.Amount).Should().Be((150L, 120L), "10 % and 8 % of $15.00");

        // The seller's time to answer a dispute is the order's: 3 days for the newer one, 5 for the older.
        var early = await OpenDisputeAsync(orders[before].BuyerId, before);
        var late = await OpenDisputeAsync(orders[after].BuyerId, after);
        (early.SellerReplyBy - early.OpenedAt, late.SellerReplyBy - late.OpenedAt).Should().Be((TimeSpan.FromDays(5), TimeSpan.FromDays(3)));
        Factory.Clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1));
        (await Factory.RunAsync<DisputeActions, int>(a => a.ApplyTimersAsync(Ct))).Should().Be(0, "one second before the 3 days end");
        Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        (await Factory.RunAsync<DisputeActions, int>(a => a.ApplyTimersAsync(Ct))).Should().Be(1, "the newer order's 3 days are up, the older one's 5 are not");
        await using var after3 = Factory.CreateDbContext();
        (await after3.Disputes.AsNoTracking().ToDictionaryAsync(d => d.OrderId, d => d.Status, Ct)).Should().BeEquivalentTo(new Dictionary<Guid, DisputeStatus>
        {
            [before] = DisputeStatus.AwaitingSeller,
            [after] = DisputeStatus.Resolved,
        });
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_cancellation_request_is_granted_after_the_order_s_own_reply_window()
    {
        var seller = await Catalog.SellerAsync("Harbour", "FR");
        var listing = await VaseAsync(seller);
        await ChangeRulesAsync(r => r with { CancellationReplyWindow = TimeSpan.FromHours(24) });
        var buyer = await Factory.SignInAsAsync("ana@test.local");
        var orderId = await BuyAsync(buyer, listing);
        await buyer.SubmitFormAsync($"/Orders/{orderId}", "#cancel-form", new Dictionary<string, string> { ["reason"] = "Ordered twice" });
        var asked = Factory.Clock.GetUtcNow();
        var page = await buyer.GetDocumentAsync($"/Orders/{orderId}");
        await ChangeRulesAsync(r => r with { CancellationReplyWindow = TimeSpan.FromHours(72) });

        page.Text("#cancellation-pending").Should().Contain((asked + TimeSpan.FromHours(24)).ToString("MMM d, HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
        Factory.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        (await Factory.RunAsync<CancelOrder, int>(c => c.CancelUnansweredAsync(Ct))).Should().Be(0);
        Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        (await Factory.RunAsync<CancelOrder, int>(c => c.CancelUnansweredAsync(Ct))).Should().Be(1, "the order keeps the 24 hours it was placed with, though the rules now say 72");
        await using var db = Factory.CreateDbContext();
        var order = await db.Orders.Include(o => o.Events).SingleAsync(o => o.Id == orderId, Ct);
        order.Status.Should().Be(OrderStatus.Cancelled);
        order.Events.Select(e => e.Note).Should().Contain("Cancelled: the seller didn't reply within 24 hours. Your payment is refunded in full.");
    }

    [Fact]
    public async Task Out_of_bounds_values_a_stale_form_and_a_missing_reason_are_refused_and_nothing_changes()
    {
        var admin = await Factory.SignInAsAdminAsync();
        var stale = (await admin.GetDocumentAsync("/Admin/Rules")).FormValues("#rules-form");
        var outOfRange = new Dictionary<string, string>(stale)
        {
            ["Form.ProtectionDays"] = "0",
            ["Form.HoldCeilingDays"] = "99999999",
            ["Form.Reason"] = "typo",
        };
        outOfRange.Remove("Form.ReturnShipDays");
        var form = new Dictionary<string, string>(stale)
        {
            ["Form.EscalationDays"] = "2",
            ["Form.SellerReplyDays"] = "4",
            ["Form.Commission"] = "7.555",
            ["Form.Reason"] = "typo",
        };

        var numbers = await admin.SubmitFormAsync("/Admin/Rules", "#rules-form", outOfRange);
        var numbersPage = await Html.ParseAsync(numbers);
        var refused = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Rules", "#rules-form", form));
        var noReason = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Rules", "#rules-form", new Dictionary<string, string>(stale) { ["Form.ProtectionDays"] = "16", ["Form.Reason"] = " " }));
        await ChangeRulesAsync(r => r with { ProtectionPeriod = TimeSpan.FromDays(16) });
        var overwritten = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Rules", "#rules-form", new Dictionary<string, string>(stale) { ["Form.ProtectionDays"] = "30", ["Form.Reason"] = "from an old tab" }));

        numbers.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        numbersPage.ErrorFor("Form.ProtectionDays").Should().Be("Enter a whole number from 1 to 60.");
        numbersPage.ErrorFor("Form.HoldCeilingDays").Should().Be("Enter a whole number from 7 to 89.");
        numbersPage.ErrorFor("Form.ReturnShipDays").Should().Be("Enter a whole number from 1 to 60.", "a field left out is not a zero");
        refused.ErrorFor("Form.EscalationDays").Should().Be("Escalation can't come before the seller's time to answer has run out.");
        refused.ErrorFor("Form.Commission").Should().Be("Enter the commission as a percentage with at most two decimals, e.g. 8 or 7.5.");
        noReason.ErrorFor("Form.Reason").Should().Be("Say why the rules change, for the audit log.");
        overwritten.Text("[role=alert]").Should().Contain("Someone else changed the rules");
        var current = await Factory.RunAsync<RulesStore, MarketplaceRules>(s => s.CurrentAsync(Ct));
        (current.Version, current.ProtectionPeriod).Should().Be((1, TimeSpan.FromDays(16)));
    }

    [Fact]
    public async Task A_category_s_own_commission_applies_to_orders_placed_after_it_is_set()
    {
        var seller = await Catalog.SellerAsync("Harbour", "FR");
        var listing = await VaseAsync(seller);
        var admin = await Factory.SignInAsAdminAsync();

        var saved = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Rules", "#category-commission-form", new Dictionary<string, string>
        {
            ["categoryId"] = listing.CategoryId.ToString(),
            ["percent"] = "12,5",
            ["reason"] = "Fragile goods cost more to support",
        }));
        var orderId = await BuyAsync(await Factory.SignInAsAsync("ana@test.local"), listing);

        saved.Text("#rules-message").Should().StartWith("Category commission saved.");
        saved.Text("#categoryId").Should().Contain("Home (12.5%)");
        await using var db = Factory.CreateDbContext();
        (await db.Orders.SingleAsync(o => o.Id == orderId, Ct)).CommissionBasisPoints.Should().Be(1_250);
        (await db.AdminActions.SingleAsync(a => a.Action == AdminActions.CategoryCommission, Ct)).Detail.Should().StartWith("Home: the platform's rate → 12.5%.");
    }

    [Fact]
    public async Task A_lower_longest_handling_time_refuses_a_longer_new_one_and_caps_what_an_order_promises()
    {
        var seller = await Catalog.SellerAsync("Harbour", "FR");
        var listing = await VaseAsync(seller, handlingDays: 6);
        await ChangeRulesAsync(r => r with { MaxHandlingDays = 4 });
        var sellerClient = await Factory.SignInAsSellerAsync(seller);
        var form = (await sellerClient.GetDocumentAsync($"/Seller/Listings/{listing.Id}")).FormValues("#listing-form");
        form["Form.HandlingDays"] = "5";

        var refused = await Html.ParseAsync(await sellerClient.SubmitFormAsync($"/Seller/Listings/{listing.Id}", "#listing-form", form));
        var orderId = await BuyAsync(await Factory.SignInAsAsync("ana@test.local"), listing);

        refused.ErrorFor("Form.HandlingDays").Should().Be("Handling time is 1–4 days: buyers are promised their item ships within that.");
        await using var db = Factory.CreateDbContext();
        var order = await db.Orders.SingleAsync(o => o.Id == orderId, Ct);
        (order.HandlingDays, order.ShipBy).Should().Be((4, order.PaidAt!.Value.AddDays(4)));
    }

    private async Task<Listing> VaseAsync(Domain.Sellers.Seller seller, int handlingDays = 3) =>
        await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Home"), "Vase", handlingDays: handlingDays, configure: l =>
        {
            l.AddVariant("VASE", "Standard", new Money(1_500, "USD"), 10);
            l.AddShippingOption(null, ShippingMethod.Standard, "Post", Money.Zero("USD"), 3, 10);
        });

    /// <summary>The buyer puts the listing in the cart, checks out and pays; returns the new order's id (the test clock stands still).</summary>
    private async Task<Guid> BuyAsync(HttpClient buyer, Listing listing)
    {
        await using var db = Factory.CreateDbContext();
        var existing = await db.Orders.Select(o => o.Id).ToListAsync(Ct);
        await buyer.AddToCartAsync(listing);
        await buyer.BuyAsync();
        return await db.Orders.Where(o => !existing.Contains(o.Id)).Select(o => o.Id).SingleAsync(Ct);
    }

    private async Task<Dispute> OpenDisputeAsync(Guid buyerId, Guid orderId) =>
        (await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.OpenAsync(buyerId, orderId, new OpenDisputeInput(DisputeIssue.NotAsDescribed, DisputeRemedy.FullRefund, null, "Cracked."), Ct))).Value!;

    private async Task ChangeRulesAsync(Func<MarketplaceRules, MarketplaceRules> change)
    {
        var changed = await Factory.RunAsync<RulesStore, Result<MarketplaceRules>>(async s =>
        {
            var current = await s.CurrentAsync(Ct);
            return await s.ChangeAsync(Guid.NewGuid(), current.Version, change(current), "test", Ct);
        });
        changed.Succeeded.Should().BeTrue(changed.Error?.Message);
    }
}

using Marketplace.Core.Disputes;
using Marketplace.Core.Escrow;
using Marketplace.Core.Messaging;
using Marketplace.Core.Orders;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Sellers;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>The seller dashboard's "what needs doing" and sales chart; the admin home's queues and money chart.</summary>
public sealed class DeskTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_seller_dashboard_starts_with_orders_to_ship_soonest_first_then_disputes_messages_and_listings_out_of_stock()
    {
        var (seller, buyerId, confirmedOrderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync();
        var category = await Catalog.CategoryAsync("Home");
        var slow = await Catalog.ListingAsync(seller, category, "Slow vase", handlingDays: 5);
        var quick = await Catalog.ListingAsync(seller, category, "Quick cup", handlingDays: 1);
        await Catalog.ListingAsync(seller, category, "Sold-out bowl", configure: l =>
        {
            l.AddVariant("BOWL", "Bowl", new Money(2000, "USD"), 0);
            l.AddShippingOption(null, ShippingMethod.Standard, "Post", new Money(500, "USD"), 5, 10);
        });
        var buyer = await Factory.SignInAsUserAsync(buyerId);
        await buyer.AddToCartAsync(slow);
        await buyer.BuyAsync();
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        await buyer.AddToCartAsync(quick);
        await buyer.BuyAsync();
        (await Factory.RunAsync<SendMessage, Result<Domain.Messaging.Message>>(s => s.ToListingAsync(buyerId, slow.Id, "Is it dishwasher safe?", Ct))).Succeeded.Should().BeTrue();
        var dispute = await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.OpenAsync(buyerId, confirmedOrderId, new OpenDisputeInput(DisputeIssue.Damaged, DisputeRemedy.FullRefund, null, "It arrived broken."), Ct));
        string confirmedNumber, slowNumber, quickNumber;
        await using (var db = Factory.CreateDbContext())
        {
            var orders = await db.Orders.Include(o => o.Lines).ToListAsync(Ct);
            confirmedNumber = orders.Single(o => o.Id == confirmedOrderId).Number;
            slowNumber = orders.Single(o => o.Lines.Any(l => l.Title == "Slow vase")).Number;
            quickNumber = orders.Single(o => o.Lines.Any(l => l.Title == "Quick cup")).Number;
        }

        var sellerClient = await Factory.SignInAsSellerAsync(seller);
        var before = await sellerClient.GetDocumentAsync("/Seller");
        var quickId = await OrderIdAsync(quickNumber);
        (await Factory.RunAsync<ShipOrder, Result<Domain.Orders.OrderStatus>>(s => s.ExecuteAsync(seller.Id, quickId, "Post", "RR123", Ct))).Succeeded.Should().BeTrue();
        (await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.AcceptAsync(DisputeParty.Seller(seller.Id), dispute.Value!.Id, Ct))).Succeeded.Should().BeTrue();
        var after = await sellerClient.GetDocumentAsync("/Seller");

        dispute.Succeeded.Should().BeTrue();
        before.Text("#to-ship-heading").Should().Be("Orders to ship (2)");
        before.Texts(".to-ship-row > a").Should().Equal(quickNumber, slowNumber);
        before.Texts(".to-ship-row .ship-by")[0].Should().EndWith("(24 h left)", "a day's handling from an hour ago: the most urgent first");
        before.Texts(".to-ship-row .ship-by")[1].Should().EndWith("(4 days left)");
        before.Text("#disputes-todo .dispute-todo-row").Should().Contain(confirmedNumber).And.Contain("Answer needed").And.Contain("arrived damaged");
        before.Text("#questions-todo .question-row").Should().Contain("Slow vase");
        before.Texts(".out-of-stock li").Should().Equal("Sold-out bowl");
        after.Text("#to-ship-heading").Should().Be("Orders to ship (1)");
        after.Texts(".to-ship-row > a").Should().Equal(slowNumber);
        after.QuerySelector("#disputes-todo").Should().BeNull("the seller answered it");
    }

    [Fact]
    public async Task A_new_seller_is_told_nothing_is_waiting_and_has_no_sales_yet()
    {
        var (client, _) = await Factory.NewSellerThroughThePagesAsync();

        var page = await client.GetDocumentAsync("/Seller");

        page.Text("#nothing-to-do").Should().StartWith("Nothing is waiting for you");
        page.Text("#no-sales").Should().StartWith("No sales in these weeks yet.");
        page.QuerySelector("#sales-chart").Should().BeNull();
    }

    [Fact]
    public async Task The_sales_chart_shows_each_week_s_paid_orders_and_what_was_released_to_the_seller_after_commission()
    {
        var seller = await Catalog.SellerAsync("Chart shop", "FR", "USD");
        var buyer = await Factory.CreateUserAsync("chart-buyer@test.local");
        var now = Factory.Clock.GetUtcNow();
        await using (var db = Factory.CreateDbContext())
        {
            // Paid 20 days ago (the week from 21 days ago), protection over yesterday: released now.
            OrderBuilder.Add(db, OrderBuilder.ConfirmedOrder(seller.Id, buyer.Id, new Money(10_000, "USD"), 1, now.AddDays(-20), now.AddDays(-16)));

            // Paid 2 days ago, still protected.
            OrderBuilder.Add(db, OrderBuilder.ConfirmedOrder(seller.Id, buyer.Id, new Money(5_000, "USD"), 2, now.AddDays(-2), now.AddDays(-1)));

            // Paid before the chart's 12 weeks; released now, so its payout is this week's.
            OrderBuilder.Add(db, OrderBuilder.ConfirmedOrder(seller.Id, buyer.Id, new Money(7_000, "USD"), 3, now.AddDays(-90), now.AddDays(-89)));
            await db.SaveChangesAsync(Ct);
        }

        var released = await Factory.RunAsync<ReleaseDueHolds, int>(r => r.ExecuteAllAsync(Ct));
        var page = await (await Factory.SignInAsSellerAsync(seller)).GetDocumentAsync("/Seller");
        var rows = page.QuerySelectorAll("#sales-chart .chart-table tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();

        released.Should().Be(2);
        rows.Should().HaveCount(12, "twelve weeks, the latest first");
        rows[0].Should().Equal(["$50.00", "$156.40"], "this week $50 was paid, and 92% of $100 and of $70 released");
        rows[2].Should().Equal("$100.00", "$0.00");
        rows.Where((_, i) => i is not 0 and not 2).Should().AllSatisfy(r => r.Should().Equal("$0.00", "$0.00"));
        page.Texts("#sales-chart .chart-key").Should().Equal("Orders paid $150.00", "Released to you $156.40");
        page.QuerySelectorAll("#sales-chart svg[role=img] rect").Should().HaveCount(3, "a bar for each amount above zero");
        page.QuerySelector("#sales-chart svg")!.GetAttribute("role").Should().Be("img");
        page.Text("#sales-chart svg title").Should().Be("Sales and payouts per week (USD)");
    }

    [Fact]
    public async Task The_admin_home_shows_every_queue_with_its_size_and_oldest_item_and_money_through_escrow_per_week()
    {
        var start = Factory.Clock.GetUtcNow();
        foreach (var (name, age) in new[] { ("Waiting one", 3), ("Waiting two", 1) })
        {
            var user = await Factory.CreateUserAsync($"{Slug.From(name)}@test.local");
            await using var db = Factory.CreateDbContext();
            db.Sellers.Add(new Seller(user.Id, name, "NL", string.Empty, start.AddDays(-age), approved: false));
            await db.SaveChangesAsync(Ct);
        }

        var (seller, buyerId, orderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync(total: 12_500);
        var opened = await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.OpenAsync(buyerId, orderId, new OpenDisputeInput(DisputeIssue.NotAsDescribed, DisputeRemedy.FullRefund, null, "Wrong colour."), Ct));
        Factory.Clock.Advance(TimeSpan.FromHours(5));
        (await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.RejectAsync(DisputeParty.Seller(seller.Id), opened.Value!.Id, "It is the colour shown.", Ct))).Succeeded.Should().BeTrue();
        (await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.EscalateAsync(DisputeParty.Buyer(buyerId), opened.Value!.Id, Ct))).Succeeded.Should().BeTrue();
        var (_, _, heldOrderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync();
        string heldNumber;
        await using (var db = Factory.CreateDbContext())
        {
            heldNumber = await db.Orders.Where(o => o.Id == heldOrderId).Select(o => o.Number).SingleAsync(Ct);
        }

        var holdingAdmin = await Factory.CreateUserAsync("holding-admin@test.local", true, Marketplace.Core.Identity.Roles.Admin);
        (await Factory.RunAsync<AdminHolds, Result<Domain.Escrow.HoldStatus>>(a => a.PlaceAsync(holdingAdmin.Id, heldNumber, "Looks like a stolen card", Ct))).Succeeded.Should().BeTrue();
        Factory.Clock.Advance(TimeSpan.FromHours(2));

        var page = await (await Factory.SignInAsAdminAsync()).GetDocumentAsync("/Admin");
        string[] Row(string link) => page.QuerySelector($"#queues tr[data-queue='{link}']")!.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToArray();

        page.QuerySelectorAll("#queues tbody tr").Should().HaveCount(9);
        Row("/Admin/Disputes")[0..2].Should().Equal("Escalated disputes", "1");
        Row("/Admin/Disputes")[2].Should().StartWith("2 hours ago", "escalated two hours ago");
        Row("/Admin#pending-heading")[0..2].Should().Equal("Stores waiting for approval", "2");
        Row("/Admin#pending-heading")[2].Should().StartWith("3 days ago", "the first applied three days (and seven hours) ago");
        Row("/Admin/Moderation")[1..].Should().Equal("0", "—");
        Row("/Admin/Listings")[1..].Should().Equal("0", "—");
        Row("/Admin/Escrow#frozen-heading")[0..2].Should().Equal("Payments held for an admin", "1");
        page.QuerySelector("#queues tr[data-queue='/Admin/Disputes']")!.ClassList.Should().Contain("fw-semibold");

        var usd = page.QuerySelectorAll("#money-usd .chart-table tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        usd.Should().HaveCount(12);
        usd.Sum(r => r[0] == "$0.00" ? 0 : 1).Should().Be(1, "both payments were captured five days ago");
        page.Texts("#money-usd .chart-key").Should().Equal("Paid into escrow $225.00", "Released from escrow $0.00", "Refunded to buyers $0.00");
    }

    private async Task<Guid> OrderIdAsync(string number)
    {
        await using var db = Factory.CreateDbContext();
        return await db.Orders.Where(o => o.Number == number).Select(o => o.Id).SingleAsync(Ct);
    }
}

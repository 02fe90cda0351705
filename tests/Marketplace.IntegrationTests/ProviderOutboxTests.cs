using Marketplace.Core.Escrow;
using Marketplace.Core.Orders;
using Marketplace.Core.Payments;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Payments;
using Marketplace.Domain.Sellers;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.IntegrationTests;

/// <summary>Refunds and transfers go through the durable outbox: retries with backoff, idempotency keys, exactly-once money.</summary>
public sealed class ProviderOutboxTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SimulatedPaymentProvider Provider => Factory.Services.GetRequiredService<SimulatedPaymentProvider>();

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public async Task A_paid_order_not_shipped_by_its_ship_by_time_is_cancelled_and_refunded_in_full_once(int secondsFromShipBy, bool cancelled)
    {
        var listing = await Catalog.ListingAsync(await Catalog.SellerAsync("Shop", "FR"), await Catalog.CategoryAsync("Home"), "Vase", handlingDays: 3);
        var buyer = await Factory.SignInAsAsync("ana@test.local");
        await buyer.AddToCartAsync(listing);
        await buyer.BuyAsync();
        var executedBefore = Provider.Executed;

        Factory.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromSeconds(secondsFromShipBy));
        var count = await Factory.RunAsync<CancelUnshippedOrders, int>(a => a.ExecuteAsync(Ct));
        var again = await Factory.RunAsync<CancelUnshippedOrders, int>(a => a.ExecuteAsync(Ct));
        await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));
        await using var db = Factory.CreateDbContext();
        var order = await db.Orders.SingleAsync(Ct);
        var page = await buyer.GetDocumentAsync($"/Orders/{order.Id}");

        count.Should().Be(cancelled ? 1 : 0);
        again.Should().Be(0);
        order.Status.Should().Be(cancelled ? OrderStatus.AutoCancelled : OrderStatus.Paid);
        (await db.EscrowHolds.SingleAsync(Ct)).Status.Should().Be(cancelled ? HoldStatus.Refunded : HoldStatus.Held);
        (Provider.Executed - executedBefore).Should().Be(cancelled ? 1 : 0);
        if (cancelled)
        {
            page.Text("#money-state").Should().StartWith("Refunded in full ($15.00)");
            (await db.ProviderCommands.SingleAsync(Ct)).Status.Should().Be(ProviderCommandStatus.Succeeded);
        }

        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_transfer_that_fails_twice_is_retried_with_backoff_and_pays_the_seller_exactly_once()
    {
        var seller = await SellerWithPayoutsAsync();
        await new OrderBuilder(Factory).ConfirmedOrdersAsync(seller, (await Factory.CreateUserAsync("ana@test.local")).Id, 1, 10_000, Factory.Clock.GetUtcNow());
        await Factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct));
        var executedBefore = Provider.Executed;
        await using (var db = Factory.CreateDbContext())
        {
            // Committed and not sent yet: exactly the state a crash between commit and call leaves behind.
            (await db.ProviderCommands.SingleAsync(Ct)).Status.Should().Be(ProviderCommandStatus.Pending);
        }

        Provider.FailNext(2);
        var first = await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));
        Factory.Clock.Advance(TimeSpan.FromSeconds(29));
        var tooEarly = await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));
        Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));
        Factory.Clock.Advance(TimeSpan.FromSeconds(60));
        var third = await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));
        var payouts = await (await Factory.SignInAsSellerAsync(seller)).GetDocumentAsync("/Seller/Payouts");

        (first, tooEarly, second, third).Should().Be((0, 0, 0, 1));
        (Provider.Executed - executedBefore).Should().Be(1);
        await using var after = Factory.CreateDbContext();
        var command = await after.ProviderCommands.SingleAsync(Ct);
        command.Status.Should().Be(ProviderCommandStatus.Succeeded);
        command.Attempts.Should().Be(3);
        command.IdempotencyKey.Should().StartWith("release:");
        payouts.Text("#paid-out-USD").Should().Be("$92.00", "$100.00 minus 8% was transferred to the seller");
        (await after.LedgerTransactions.CountAsync(t => t.Kind == LedgerEntryKind.Payout, Ct)).Should().Be(1);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_transfer_that_times_out_after_the_provider_made_it_is_not_made_twice()
    {
        var seller = await SellerWithPayoutsAsync();
        await new OrderBuilder(Factory).ConfirmedOrdersAsync(seller, (await Factory.CreateUserAsync("ana@test.local")).Id, 1, 5_000, Factory.Clock.GetUtcNow());
        await Factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct));
        var executedBefore = Provider.Executed;

        Provider.FailNext(1, afterDoingIt: true);
        await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));
        Factory.Clock.Advance(ProviderCommand.BackoffAfter(1));
        await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));

        (Provider.Executed - executedBefore).Should().Be(1, "the retry carried the same idempotency key");
        await using var db = Factory.CreateDbContext();
        var command = await db.ProviderCommands.SingleAsync(Ct);
        command.Status.Should().Be(ProviderCommandStatus.Succeeded);
        command.ProviderReference.Should().Be(Provider.Operations[command.IdempotencyKey]);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task After_six_failures_a_call_waits_for_an_admin_who_can_send_it_again()
    {
        var seller = await SellerWithPayoutsAsync();
        await new OrderBuilder(Factory).ConfirmedOrdersAsync(seller, (await Factory.CreateUserAsync("ana@test.local")).Id, 1, 5_000, Factory.Clock.GetUtcNow());
        await Factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct));

        Provider.FailNext(ProviderCommand.MaxAttempts);
        for (var attempt = 1; attempt <= ProviderCommand.MaxAttempts; attempt++)
        {
            await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));
            Factory.Clock.Advance(TimeSpan.FromHours(1));
        }

        var admin = await Factory.SignInAsAdminAsync();
        var stuck = await admin.GetDocumentAsync("/Admin/Escrow");
        var retried = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Escrow", "#stuck-calls form", new Dictionary<string, string>()));
        await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));

        stuck.Texts(".stuck-call").Should().ContainSingle().Which.Should().Contain("6 attempts: Simulated provider unavailable (503).");
        retried.Text("#no-stuck-calls").Should().StartWith("None");
        await using var db = Factory.CreateDbContext();
        (await db.ProviderCommands.SingleAsync(Ct)).Status.Should().Be(ProviderCommandStatus.Succeeded);
        (await db.AdminActions.SingleAsync(Ct)).Action.Should().Be(Marketplace.Domain.Trust.AdminActions.RetryProviderCall, "the admin's retry is audited");
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Two_outbox_workers_at_once_make_each_transfer_once_and_post_each_payout_once()
    {
        var seller = await SellerWithPayoutsAsync();
        await new OrderBuilder(Factory).ConfirmedOrdersAsync(seller, (await Factory.CreateUserAsync("ana@test.local")).Id, 20, 2_000, Factory.Clock.GetUtcNow());
        await Factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct));
        var executedBefore = Provider.Executed;

        var sent = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct)), Ct)));

        sent.Sum().Should().Be(20);
        (Provider.Executed - executedBefore).Should().Be(20);
        await using var db = Factory.CreateDbContext();
        (await db.LedgerTransactions.CountAsync(t => t.Kind == LedgerEntryKind.Payout, Ct)).Should().Be(20);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_seller_without_a_payout_account_is_paid_once_it_is_ready_without_using_up_attempts()
    {
        var seller = await Catalog.SellerAsync("Shop", "FR");
        await new OrderBuilder(Factory).ConfirmedOrdersAsync(seller, (await Factory.CreateUserAsync("ana@test.local")).Id, 1, 5_000, Factory.Clock.GetUtcNow());
        await Factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct));

        var waiting = await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));
        await using (var db = Factory.CreateDbContext())
        {
            var stored = await db.Sellers.SingleAsync(s => s.Id == seller.Id, Ct);
            stored.ConnectPayoutAccount("sim_acct_1");
            stored.EnablePayouts("sim_acct_1");
            await db.SaveChangesAsync(Ct);
        }

        Factory.Clock.Advance(TimeSpan.FromHours(1));
        var paid = await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));

        (waiting, paid).Should().Be((0, 1));
        await using var after = Factory.CreateDbContext();
        var command = await after.ProviderCommands.SingleAsync(Ct);
        command.Attempts.Should().Be(1);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    private async Task<Seller> SellerWithPayoutsAsync()
    {
        var seller = await Catalog.SellerAsync("Shop", "FR");
        await using var db = Factory.CreateDbContext();
        var stored = await db.Sellers.SingleAsync(s => s.Id == seller.Id, Ct);
        stored.ConnectPayoutAccount($"sim_acct_{seller.Id:N}");
        stored.EnablePayouts($"sim_acct_{seller.Id:N}");
        await db.SaveChangesAsync(Ct);
        return stored;
    }
}

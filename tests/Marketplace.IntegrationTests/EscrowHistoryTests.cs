using System.Text;
using Marketplace.Core.Disputes;
using Marketplace.Core.Escrow;
using Marketplace.Core.Payments;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Payments;
using Marketplace.Domain.Sellers;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>
/// Pinned histories where a dispute and a chargeback meet on one order (issue 12), replayed through the real app with
/// the Stripe provider on PostgreSQL: an order of $15.00, seller share $13.80. Each must leave the money where it
/// belongs, pay nobody twice and keep the ledger healthy.
/// </summary>
public sealed class EscrowHistoryTests(StripeApp app) : IClassFixture<StripeApp>, IAsyncLifetime
{
    private const long Total = 1_500;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private MarketplaceAppFactory Factory => app.Factory;

    public async ValueTask InitializeAsync()
    {
        await Factory.Database!.ResetAsync();
        app.Stripe.Reset();
        app.Stripe.Answer("POST /v1/transfers/*", r => $$"""{"id":"{{app.Stripe.NextId("trr")}}","object":"transfer_reversal","amount":{{r.Form["amount"]}},"transfer":"{{r.Route.Split('/')[3]}}"}""");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_dispute_withdrawn_while_a_chargeback_is_open_leaves_the_hold_frozen_and_the_lost_chargeback_pays_nobody_else()
    {
        var (seller, buyerId, orderId, charge) = await OrderAsync();
        await ChargebackAsync(charge, "charge.dispute.created", "needs_response");
        await ChargebackAsync(charge, "charge.dispute.funds_withdrawn", "needs_response");
        var dispute = await OpenDisputeAsync(buyerId, orderId);
        (await Act(a => a.CancelAsync(DisputeParty.Buyer(buyerId), dispute.Id, Ct))).Succeeded.Should().BeTrue();

        Factory.Clock.Advance(TimeSpan.FromDays(11));
        var released = await Factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct));
        var frozenFor = await HoldAsync(h => h.FrozenFor);
        await ChargebackAsync(charge, "charge.dispute.closed", "lost");
        await SendOutboxAsync();

        released.Should().Be(0, "the chargeback still freezes the hold after the dispute is withdrawn");
        frozenFor.Should().Be(FreezeReasons.Chargeback);
        await using var db = Factory.CreateDbContext();
        (await db.EscrowHolds.SingleAsync(Ct)).Status.Should().Be(HoldStatus.ChargedBack);
        (await db.Orders.SingleAsync(Ct)).Status.Should().Be(OrderStatus.Refunded);
        (await db.ProviderCommands.CountAsync(Ct)).Should().Be(0, "the bank returned the money: no transfer to the seller, no refund from us");
        (await MoneyOutAsync(orderId)).Should().Be(Total, "$15.00 went out for $15.00 paid");
        (await OwedBySellerAsync(seller)).Should().Be(0);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_chargeback_won_while_a_dispute_is_open_keeps_the_hold_frozen_until_the_admin_refunds_the_buyer_in_full()
    {
        var (_, buyerId, orderId, charge) = await OrderAsync();
        var dispute = await OpenDisputeAsync(buyerId, orderId);
        await ChargebackAsync(charge, "charge.dispute.created", "needs_response");
        await ChargebackAsync(charge, "charge.dispute.closed", "won");
        await EscalateAsync(dispute, buyerId);

        Factory.Clock.Advance(TimeSpan.FromDays(11));
        var released = await Factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct));
        var frozenFor = await HoldAsync(h => h.FrozenFor);
        var decided = await Act(a => a.DecideAsync(DisputeParty.Admin(Guid.NewGuid()), dispute.Id, DisputeRemedy.FullRefund, null, "Never arrived.", Ct));
        await SendOutboxAsync();

        released.Should().Be(0, "the dispute still freezes the hold after the chargeback is won");
        frozenFor.Should().Be(FreezeReasons.Dispute);
        decided.Succeeded.Should().BeTrue(decided.Error?.Message);
        await using var db = Factory.CreateDbContext();
        (await db.EscrowHolds.SingleAsync(Ct)).Status.Should().Be(HoldStatus.Refunded);
        (await db.Orders.SingleAsync(Ct)).Status.Should().Be(OrderStatus.Refunded);
        (await db.ProviderCommands.Select(c => new { c.Kind, c.Amount.Amount, c.Status }).ToListAsync(Ct))
            .Should().BeEquivalentTo([new { Kind = ProviderCommandKind.Refund, Amount = Total, Status = ProviderCommandStatus.Succeeded }]);
        (await MoneyOutAsync(orderId)).Should().Be(Total);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task When_the_5_day_timer_grants_the_refund_after_a_won_chargeback_the_job_settles_it_and_goes_on_with_the_other_disputes()
    {
        var (_, buyerId, orderId, charge) = await OrderAsync();
        var (_, otherBuyerId, otherOrderId, _) = await OrderAsync();
        await OpenDisputeAsync(buyerId, orderId);
        await OpenDisputeAsync(otherBuyerId, otherOrderId);
        await ChargebackAsync(charge, "charge.dispute.created", "needs_response");
        await ChargebackAsync(charge, "charge.dispute.closed", "won");

        Factory.Clock.Advance(TimeSpan.FromDays(5));
        var moved = await Factory.RunAsync<DisputeActions, int>(a => a.ApplyTimersAsync(Ct));
        await SendOutboxAsync();

        moved.Should().Be(2);
        await using var db = Factory.CreateDbContext();
        (await db.Orders.Select(o => o.Status).ToListAsync(Ct)).Should().HaveCount(2).And.OnlyContain(s => s == OrderStatus.Refunded);
        (await db.ProviderCommands.Where(c => c.Kind == ProviderCommandKind.Refund).SumAsync(c => c.Amount.Amount, Ct)).Should().Be(2 * Total);
        (await db.ProviderCommands.CountAsync(c => c.Kind == ProviderCommandKind.Transfer, Ct)).Should().Be(0);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("won", HoldStatus.PartiallyRefunded, 600L, 828L, 1_428L)]
    [InlineData("lost", HoldStatus.ChargedBack, 0L, 0L, 1_500L)]
    public async Task A_dispute_decided_while_a_chargeback_is_open_waits_for_the_bank_and_then_settles_once(string bank, HoldStatus hold, long refunded, long transferred, long moneyOut)
    {
        var (_, buyerId, orderId, charge) = await OrderAsync();
        var dispute = await OpenDisputeAsync(buyerId, orderId);
        await ChargebackAsync(charge, "charge.dispute.created", "needs_response");
        await ChargebackAsync(charge, "charge.dispute.funds_withdrawn", "needs_response");
        await EscalateAsync(dispute, buyerId);
        (await Act(a => a.DecideAsync(DisputeParty.Admin(Guid.NewGuid()), dispute.Id, DisputeRemedy.PartialRefund, 600, "One part missing.", Ct))).Succeeded.Should().BeTrue();
        var whileOpen = await HoldAsync(h => new { h.Status, h.FrozenFor, h.DecidedRefund });
        var violationsWhileOpen = await Factory.LedgerViolationsAsync();

        await ChargebackAsync(charge, "charge.dispute.closed", bank);
        Factory.Clock.Advance(TimeSpan.FromDays(30));
        await Factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct));
        await SendOutboxAsync();

        whileOpen.Should().BeEquivalentTo(new { Status = HoldStatus.Frozen, FrozenFor = FreezeReasons.Chargeback, DecidedRefund = (long?)600 });
        violationsWhileOpen.Should().BeEmpty();
        await using var db = Factory.CreateDbContext();
        (await db.EscrowHolds.SingleAsync(Ct)).Status.Should().Be(hold);
        (await db.ProviderCommands.Where(c => c.Kind == ProviderCommandKind.Refund).SumAsync(c => c.Amount.Amount, Ct)).Should().Be(refunded);
        (await db.ProviderCommands.Where(c => c.Kind == ProviderCommandKind.Transfer).SumAsync(c => c.Amount.Amount, Ct)).Should().Be(transferred, "8% commission on the $9.00 the seller keeps");
        (await MoneyOutAsync(orderId)).Should().Be(moneyOut, "the refund and the seller's share, or what the bank took: never both");
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_chargeback_lost_after_the_seller_was_paid_takes_the_share_back_by_cancelling_or_reversing_the_transfer(bool payoutSent)
    {
        var (seller, _, orderId, charge) = await OrderAsync(protectionEndsIn: TimeSpan.Zero);
        await Factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct));
        if (payoutSent)
        {
            await SendOutboxAsync();
        }

        await ChargebackAsync(charge, "charge.dispute.created", "needs_response");
        await ChargebackAsync(charge, "charge.dispute.funds_withdrawn", "needs_response");
        var owedWhileOpen = await OwedBySellerAsync(seller);
        await ChargebackAsync(charge, "charge.dispute.closed", "lost");
        await SendOutboxAsync();

        owedWhileOpen.Should().Be(1_380, "the seller owes their share as soon as the bank takes the money");
        await using var db = Factory.CreateDbContext();
        var transfer = await db.ProviderCommands.SingleAsync(c => c.Kind == ProviderCommandKind.Transfer, Ct);
        if (payoutSent)
        {
            var reversal = app.Stripe.Requests.Single(r => r.Route == $"POST /v1/transfers/{transfer.ProviderReference}/reversals");
            reversal.IdempotencyKey.Should().Be($"chargeback-reverse:{orderId}");
            reversal.Form.Should().Contain("amount", "1380");
        }
        else
        {
            transfer.Status.Should().Be(ProviderCommandStatus.Cancelled);
            app.Stripe.To("POST /v1/transfers").Should().BeEmpty();
        }

        (await db.Orders.SingleAsync(Ct)).Status.Should().Be(OrderStatus.Refunded);
        (await OwedBySellerAsync(seller)).Should().Be(0, "the share came back");
        (await MoneyOutAsync(orderId)).Should().Be(Total);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_refund_after_release_is_refused_while_the_bank_decides_a_chargeback_and_after_it_took_the_money()
    {
        var (_, _, orderId, charge) = await OrderAsync(protectionEndsIn: TimeSpan.Zero);
        await Factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct));
        await SendOutboxAsync();
        await ChargebackAsync(charge, "charge.dispute.funds_withdrawn", "needs_response");

        var whileOpen = await Factory.RunAsync<Core.Orders.RefundAfterRelease, Result<OrderStatus>>(a => a.ExecuteAsync(Guid.NewGuid(), orderId, "Counterfeit", Ct));
        await ChargebackAsync(charge, "charge.dispute.closed", "lost");
        var afterLoss = await Factory.RunAsync<Core.Orders.RefundAfterRelease, Result<OrderStatus>>(a => a.ExecuteAsync(Guid.NewGuid(), orderId, "Counterfeit", Ct));
        await SendOutboxAsync();

        whileOpen.Error.Should().Be(EscrowErrors.ChargebackDecides);
        afterLoss.Succeeded.Should().BeFalse();
        await using var db = Factory.CreateDbContext();
        (await db.ProviderCommands.CountAsync(c => c.Kind == ProviderCommandKind.Refund, Ct)).Should().Be(0, "the bank already returned the money");
        (await MoneyOutAsync(orderId)).Should().Be(Total);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("lost", ProviderCommandStatus.Cancelled, true)]
    [InlineData("lost", ProviderCommandStatus.Cancelled, false)]
    [InlineData("won", ProviderCommandStatus.Succeeded, true)]
    public async Task A_refund_not_yet_sent_when_a_chargeback_opens_waits_for_the_bank_and_is_never_paid_on_top_of_a_lost_one(string bank, ProviderCommandStatus refund, bool fundsWithdrawnEvent)
    {
        var (seller, buyerId, orderId, charge) = await OrderAsync();
        var dispute = await OpenDisputeAsync(buyerId, orderId);
        (await Act(a => a.AcceptAsync(DisputeParty.Seller(seller.Id), dispute.Id, Ct))).Succeeded.Should().BeTrue("the seller grants the full refund; it is queued, not sent yet");
        await ChargebackAsync(charge, "charge.dispute.created", "needs_response");
        if (fundsWithdrawnEvent)
        {
            // Without it, the lost close books the withdrawal and the loss in the same unit of work.
            await ChargebackAsync(charge, "charge.dispute.funds_withdrawn", "needs_response");
        }

        await SendOutboxAsync();
        var refundsSentWhileOpen = app.Stripe.To("POST /v1/refunds").Count();
        var violationsWhileOpen = await Factory.LedgerViolationsAsync();

        await ChargebackAsync(charge, "charge.dispute.closed", bank);
        await SendOutboxAsync();

        refundsSentWhileOpen.Should().Be(0, "the bank decides first");
        violationsWhileOpen.Should().BeEmpty();
        await using var db = Factory.CreateDbContext();
        (await db.ProviderCommands.SingleAsync(c => c.Kind == ProviderCommandKind.Refund, Ct)).Status.Should().Be(refund);
        app.Stripe.To("POST /v1/refunds").Should().HaveCount(bank == "won" ? 1 : 0);
        (await MoneyOutAsync(orderId)).Should().Be(Total, "the buyer gets $15.00 back once: from the bank or from us");
        (await db.LedgerTransactions.SelectMany(t => t.Postings).Where(p => p.Account == Accounts.ChargebackLoss).SumAsync(p => p.Amount, Ct)).Should().Be(0, "no loss is left once the unsent refund is cancelled");
        if (bank == "lost")
        {
            (await db.Orders.Include(o => o.Events).SingleAsync(Ct)).Events.Select(e => e.Note).Should().Contain("The refund of $15.00 was not sent: the buyer's bank already returned that money in the chargeback.");
        }

        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Ledger_health_reports_escrow_released_while_a_chargeback_was_open()
    {
        var (_, _, orderId, charge) = await OrderAsync(protectionEndsIn: TimeSpan.Zero);
        await ChargebackAsync(charge, "charge.dispute.created", "needs_response");
        var healthyBefore = await Factory.LedgerViolationsAsync();
        Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await using (var db = Factory.CreateDbContext())
        {
            // What the old code did in the second history: a release posted while the chargeback was open.
            var hold = await db.EscrowHolds.AsNoTracking().SingleAsync(h => h.OrderId == orderId, Ct);
            db.LedgerTransactions.Add(LedgerTransaction.Released(hold, Factory.Clock.GetUtcNow()));
            await db.SaveChangesAsync(Ct);
        }

        healthyBefore.Should().BeEmpty();
        (await Factory.LedgerViolationsAsync()).Should().Contain(v => v.Rule.Template == "Nothing moves while a hold is frozen" && v.Detail.ToString().Contains("dp_hist", StringComparison.Ordinal));
    }

    private async Task<(Seller Seller, Guid BuyerId, Guid OrderId, string Charge)> OrderAsync(TimeSpan? protectionEndsIn = null)
    {
        var seller = await new CatalogBuilder(Factory).SellerAsync($"Shop {Guid.NewGuid():N}"[..12], "PT");
        await using (var db = Factory.CreateDbContext())
        {
            var stored = await db.Sellers.SingleAsync(s => s.Id == seller.Id, Ct);
            stored.ConnectPayoutAccount($"acct_{seller.Id:N}");
            stored.EnablePayouts($"acct_{seller.Id:N}");
            await db.SaveChangesAsync(Ct);
        }

        var buyer = await Factory.CreateUserAsync($"buyer-{Guid.NewGuid():N}@test.local");
        var orderId = (await new OrderBuilder(Factory).ConfirmedOrdersAsync(seller, buyer.Id, 1, Total, Factory.Clock.GetUtcNow() + (protectionEndsIn ?? TimeSpan.FromDays(10)))).Single();
        await using var read = Factory.CreateDbContext();
        var checkoutId = await read.Orders.Where(o => o.Id == orderId).Select(o => o.CheckoutId).SingleAsync(Ct);
        var charge = await read.CheckoutPayments.Where(p => p.Id == checkoutId).Select(p => p.PaymentReference!).SingleAsync(Ct);
        return (seller, buyer.Id, orderId, charge);
    }

    private async Task<Dispute> OpenDisputeAsync(Guid buyerId, Guid orderId)
    {
        var opened = await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.OpenAsync(buyerId, orderId, new OpenDisputeInput(DisputeIssue.NotReceived, DisputeRemedy.FullRefund, null, "It never came."), Ct));
        opened.Succeeded.Should().BeTrue(opened.Error?.Message);
        return opened.Value!;
    }

    private async Task EscalateAsync(Dispute dispute, Guid buyerId)
    {
        (await Act(a => a.RejectAsync(DisputeParty.Seller(dispute.SellerId), dispute.Id, "It was delivered.", Ct))).Succeeded.Should().BeTrue();
        (await Act(a => a.EscalateAsync(DisputeParty.Buyer(buyerId), dispute.Id, Ct))).Succeeded.Should().BeTrue();
    }

    private Task<Result<Dispute>> Act(Func<DisputeActions, Task<Result<Dispute>>> step) => Factory.RunAsync(step);

    private async Task ChargebackAsync(string charge, string type, string status)
    {
        Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var payload = FakeStripe.Event($"evt_{Guid.NewGuid():N}", type, $$"""{"id":"dp_hist_{{charge}}","object":"dispute","amount":{{Total}},"currency":"usd","charge":"{{charge}}","reason":"fraudulent","status":"{{status}}"}""", Factory.Clock.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", FakeStripe.Sign(payload, Factory.Clock.GetUtcNow()));
        (await Factory.CreateClient().SendAsync(request, Ct)).EnsureSuccessStatusCode();
    }

    private async Task SendOutboxAsync()
    {
        for (var i = 0; i < 3; i++)
        {
            await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));
            Factory.Clock.Advance(TimeSpan.FromHours(2));
        }
    }

    private async Task<T> HoldAsync<T>(System.Linq.Expressions.Expression<Func<EscrowHold, T>> read)
    {
        await using var db = Factory.CreateDbContext();
        return await db.EscrowHolds.OrderBy(h => h.HeldAt).Select(read).FirstAsync(Ct);
    }

    /// <summary>What left the platform for this order: refunds and transfers sent, less reversals, plus what the bank kept.</summary>
    private async Task<long> MoneyOutAsync(Guid orderId)
    {
        await using var db = Factory.CreateDbContext();
        var sent = await db.ProviderCommands.Where(c => c.OrderId == orderId && c.Status == ProviderCommandStatus.Succeeded)
            .SumAsync(c => c.Kind == ProviderCommandKind.ReverseTransfer ? -c.Amount.Amount : c.Amount.Amount, Ct);
        var checkoutId = await db.Orders.Where(o => o.Id == orderId).Select(o => o.CheckoutId).SingleAsync(Ct);
        var bank = await db.Chargebacks.Where(c => c.CheckoutId == checkoutId && c.FundsWithdrawnAt != null && c.FundsReinstatedAt == null).SumAsync(c => c.Amount.Amount, Ct);
        return sent + bank;
    }

    private async Task<long> OwedBySellerAsync(Seller seller)
    {
        await using var db = Factory.CreateDbContext();
        return await db.LedgerTransactions.SelectMany(t => t.Postings).Where(p => p.Account == Accounts.SellerReceivable(seller.Id)).SumAsync(p => p.Amount, Ct);
    }
}

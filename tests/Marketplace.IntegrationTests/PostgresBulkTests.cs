using Marketplace.Core.Api;
using Marketplace.Core.Escrow;
using Marketplace.Data.Postgres;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Payments;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.IntegrationTests;

/// <summary>
/// The one-statement-per-table writer escrow release saves its batches with on PostgreSQL: it writes the rows SaveChanges
/// would (every column, value objects inside value objects included), and a row changed by someone else since it was read
/// is not overwritten.
/// </summary>
public sealed class PostgresBulkTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Type[] _types = [typeof(CheckoutPayment), typeof(Order), typeof(OrderLine), typeof(OrderEvent), typeof(EscrowHold), typeof(LedgerTransaction), typeof(LedgerPosting), typeof(WebhookEvent)];

    [Fact]
    public async Task An_order_written_in_bulk_reads_back_as_the_same_order_with_its_lines_events_hold_and_ledger()
    {
        var seller = await Catalog.SellerAsync("Shop", "FR");
        var buyer = await Factory.CreateUserAsync("ana@test.local");
        var now = Factory.Clock.GetUtcNow();
        var made = OrderBuilder.ConfirmedOrder(seller.Id, buyer.Id, new Money(2_499, "EUR"), 1, now.AddDays(-20), now.AddDays(-16));
        made.Order.NoteFromProvider(Text.Of("Label printed"), now.AddDays(-19));

        await using (var db = Factory.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            OrderBuilder.Add(db, made);
            await PostgresBulk.SaveAsync(db, _types, Ct);
            await transaction.CommitAsync(Ct);
            db.ChangeTracker.Entries().Should().OnlyContain(e => e.State == EntityState.Unchanged);
        }

        await using var check = Factory.CreateDbContext();
        var order = await check.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Events).SingleAsync(o => o.Id == made.Order.Id, Ct);
        // What is stored, compared (not what is worked out from it: texts from their JSON, exchange rates from their parts).
        order.Should().BeEquivalentTo(made.Order, o => o.Excluding(m => m.Type == typeof(Text) || m.Type == typeof(ExchangeRate)).WithoutStrictOrdering());
        order.Shipping.Price.Should().Be(Money.Zero("EUR"));
        order.Address.CountryCode.Should().Be("CA");
        (await check.EscrowHolds.AsNoTracking().SingleAsync(h => h.OrderId == order.Id, Ct)).Should().BeEquivalentTo(made.Hold, o => o.Excluding(m => m.Type == typeof(ExchangeRate)));
        var captured = await check.LedgerTransactions.AsNoTracking().SingleAsync(t => t.OrderId == order.Id, Ct);
        captured.Postings.Should().BeEquivalentTo(made.Captured.Postings);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task An_order_changed_by_someone_else_since_it_was_read_is_not_overwritten()
    {
        var (_, made, now) = await SavedOrderAsync();

        await using var worker = Factory.CreateDbContext();
        await using var transaction = await worker.Database.BeginTransactionAsync(Ct);
        var order = await worker.Orders.SingleAsync(o => o.Id == made.Order.Id, Ct);
        var hold = await worker.EscrowHolds.SingleAsync(h => h.OrderId == made.Order.Id, Ct);

        // Someone else completes the order after the worker read it; the worker then completes it a minute later.
        await using (var other = Factory.CreateDbContext())
        {
            var theirs = await other.Orders.SingleAsync(o => o.Id == made.Order.Id, Ct);
            theirs.Complete(now).Succeeded.Should().BeTrue();
            await other.SaveChangesAsync(Ct);
        }

        var later = now.AddMinutes(1);
        hold.Release(later).Succeeded.Should().BeTrue();
        order.Complete(later).Succeeded.Should().BeTrue();
        worker.LedgerTransactions.Add(LedgerTransaction.Released(hold, later));
        var save = () => PostgresBulk.SaveAsync(worker, _types, Ct);
        await save.Should().ThrowAsync<DbUpdateConcurrencyException>();

        // Read inside the worker's own transaction, before its caller rolls back: the other writer's row is untouched.
        var closedAt = await worker.Orders.AsNoTracking().Where(o => o.Id == made.Order.Id).Select(o => o.ClosedAt).SingleAsync(Ct);
        closedAt.Should().Be(now, "the other writer's completion stands; the worker's (a minute later) was not written over it");
        await transaction.RollbackAsync(Ct);
    }

    [Fact]
    public async Task A_release_written_in_bulk_completes_the_order_tells_the_sellers_webhooks_and_leaves_the_context_as_saved()
    {
        var (seller, made, now) = await SavedOrderAsync();

        // The app's own context (its interceptors: webhook events, catalog pages), as the release job uses it.
        await using var scope = Factory.Services.CreateAsyncScope();
        var worker = scope.ServiceProvider.GetRequiredService<Marketplace.Core.Data.MarketplaceDbContext>();
        await using (var transaction = await worker.Database.BeginTransactionAsync(Ct))
        {
            var order = await worker.Orders.SingleAsync(o => o.Id == made.Order.Id, Ct);
            var hold = await worker.EscrowHolds.SingleAsync(h => h.OrderId == made.Order.Id, Ct);
            var payment = await worker.CheckoutPayments.AsNoTracking().SingleAsync(p => p.Id == order.CheckoutId, Ct);
            var release = EscrowSettlement.Release(hold, order, payment.PaymentReference!, now);
            release.Should().NotBeNull();
            worker.LedgerTransactions.AddRange(release!.Value.Ledger);
            worker.ProviderCommands.Add(release.Value.Transfer!);
            await PostgresBulk.SaveAsync(worker, [.. _types, typeof(ProviderCommand)], Ct);
            await transaction.CommitAsync(Ct);

            worker.ChangeTracker.Entries().Should().OnlyContain(e => e.State == EntityState.Unchanged);
            hold.Status.Should().Be(HoldStatus.Released, "the saved values stay in memory");
            worker.Entry(order).Property(o => o.Version).OriginalValue.Should().Be(made.Order.Version + 1);
            worker.Entry(order).Property(o => o.Status).OriginalValue.Should().Be(OrderStatus.Completed);
        }

        await using var check = Factory.CreateDbContext();
        var stored = await check.Orders.AsNoTracking().Include(o => o.Events).SingleAsync(o => o.Id == made.Order.Id, Ct);
        stored.Status.Should().Be(OrderStatus.Completed);
        stored.Version.Should().Be(made.Order.Version + 1);
        stored.Events.Should().Contain(e => e.Status == OrderStatus.Completed);
        var storedHold = await check.EscrowHolds.AsNoTracking().SingleAsync(h => h.OrderId == made.Order.Id, Ct);
        storedHold.Status.Should().Be(HoldStatus.Released);
        storedHold.Version.Should().Be(made.Hold.Version + 1);
        var webhook = await check.WebhookEvents.AsNoTracking().SingleAsync(e => e.SellerId == seller.Id && e.Type == WebhookEventTypes.HoldReleased, Ct);
        webhook.Payload.Should().Contain(made.Order.Id.ToString()).And.Contain($"\"amount\":{made.Hold.Payout.Amount}", "the seller's payout");
        made.Hold.Payout.Amount.Should().Be(2_499 - 200, "24.99 minus the 8 % commission");
        (await check.ProviderCommands.CountAsync(c => c.OrderId == made.Order.Id && c.Kind == ProviderCommandKind.Transfer, Ct)).Should().Be(1);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_change_it_does_not_write_is_refused_and_nothing_is_saved()
    {
        var seller = await Catalog.SellerAsync("Shop", "FR");
        await using var db = Factory.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        var tracked = await db.Sellers.SingleAsync(s => s.Id == seller.Id, Ct);
        db.Entry(tracked).Property(s => s.StoreName).CurrentValue = "Renamed";
        var save = () => PostgresBulk.SaveAsync(db, _types, Ct);
        await save.Should().ThrowAsync<InvalidOperationException>().WithMessage("*does not save Seller (Modified)*");

        var outside = () => PostgresBulk.SaveAsync(Factory.CreateDbContext(), _types, Ct);
        await outside.Should().ThrowAsync<InvalidOperationException>().WithMessage("*inside a transaction*");
    }

    /// <summary>A confirmed order of 24.99 € whose protection ended four days ago, saved the usual way (SaveChanges).</summary>
    private async Task<(Domain.Sellers.Seller Seller, (CheckoutPayment Payment, Order Order, EscrowHold Hold, LedgerTransaction Captured) Made, DateTimeOffset Now)> SavedOrderAsync()
    {
        var seller = await Catalog.SellerAsync("Shop", "FR");
        var buyer = await Factory.CreateUserAsync("ana@test.local");
        var now = Factory.Clock.GetUtcNow();
        var made = OrderBuilder.ConfirmedOrder(seller.Id, buyer.Id, new Money(2_499, "EUR"), 1, now.AddDays(-20), now.AddDays(-16));
        await using var db = Factory.CreateDbContext();
        OrderBuilder.Add(db, made);
        await db.SaveChangesAsync(Ct);
        return (seller, made, now);
    }
}

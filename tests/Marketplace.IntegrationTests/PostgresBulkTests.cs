using Marketplace.Data.Postgres;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>
/// The one-statement-per-table writer escrow release saves its batches with on PostgreSQL: it writes the rows SaveChanges
/// would (every column, value objects inside value objects included), and a row changed by someone else since it was read
/// is not overwritten.
/// </summary>
public sealed class PostgresBulkTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Type[] _types = [typeof(CheckoutPayment), typeof(Order), typeof(OrderLine), typeof(OrderEvent), typeof(EscrowHold), typeof(LedgerTransaction), typeof(LedgerPosting)];

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
            var orderId = OrderBuilder.Add(db, made);
            await PostgresBulk.SaveAsync(db, _types, Ct);
            db.ChangeTracker.Entries().Should().OnlyContain(e => e.State == EntityState.Unchanged);
            orderId.Should().Be(made.Order.Id);
        }

        await using var check = Factory.CreateDbContext();
        var order = await check.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Events).SingleAsync(o => o.Id == made.Order.Id, Ct);
        // What is stored, compared (not what is worked out from it: texts from their JSON, exchange rates from their parts).
        order.Should().BeEquivalentTo(made.Order, o => o.Excluding(x => x.Rules).Excluding(m => m.Type == typeof(Text) || m.Type == typeof(ExchangeRate)).WithoutStrictOrdering());
        order.Rules.Version.Should().Be(made.Order.Rules.Version);
        order.Shipping.Price.Should().Be(Money.Zero("EUR"));
        order.Address.CountryCode.Should().Be("CA");
        (await check.EscrowHolds.AsNoTracking().SingleAsync(h => h.OrderId == order.Id, Ct)).Should().BeEquivalentTo(made.Hold, o => o.Excluding(m => m.Type == typeof(ExchangeRate)));
        var captured = await check.LedgerTransactions.AsNoTracking().SingleAsync(t => t.OrderId == order.Id, Ct);
        captured.Postings.Should().BeEquivalentTo(made.Captured.Postings);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task An_order_changed_by_someone_else_since_it_was_read_is_not_overwritten_and_nothing_of_the_batch_is_written()
    {
        var seller = await Catalog.SellerAsync("Shop", "FR");
        var buyer = await Factory.CreateUserAsync("ana@test.local");
        var now = Factory.Clock.GetUtcNow();
        var made = OrderBuilder.ConfirmedOrder(seller.Id, buyer.Id, new Money(2_499, "EUR"), 1, now.AddDays(-20), now.AddDays(-16));
        await using (var db = Factory.CreateDbContext())
        {
            OrderBuilder.Add(db, made);
            await db.SaveChangesAsync(Ct);
        }

        await using var worker = Factory.CreateDbContext();
        await using var transaction = await worker.Database.BeginTransactionAsync(Ct);
        var order = await worker.Orders.SingleAsync(o => o.Id == made.Order.Id, Ct);
        var hold = await worker.EscrowHolds.SingleAsync(h => h.OrderId == made.Order.Id, Ct);

        // Someone else changes the order after the worker read it (here: completes it, with a note).
        await using (var other = Factory.CreateDbContext())
        {
            var theirs = await other.Orders.SingleAsync(o => o.Id == made.Order.Id, Ct);
            theirs.Complete(now).Succeeded.Should().BeTrue();
            theirs.NoteFromProvider(Text.Of("Changed meanwhile"), now);
            await other.SaveChangesAsync(Ct);
        }

        hold.Release(now).Succeeded.Should().BeTrue();
        order.Complete(now).Succeeded.Should().BeTrue();
        worker.LedgerTransactions.Add(LedgerTransaction.Released(hold, now));
        var save = () => PostgresBulk.SaveAsync(worker, _types, Ct);
        await save.Should().ThrowAsync<DbUpdateConcurrencyException>();
        await transaction.RollbackAsync(Ct);

        await using var check = Factory.CreateDbContext();
        var stored = await check.Orders.AsNoTracking().Include(o => o.Events).SingleAsync(o => o.Id == made.Order.Id, Ct);
        stored.Version.Should().Be(made.Order.Version + 1, "only the other writer's change is stored");
        stored.Events.Should().HaveCount(made.Order.Events.Count + 2, "the other writer's completion and note, none of the worker's");
        stored.Events.Should().ContainSingle(e => e.Note == "Changed meanwhile");
        (await check.EscrowHolds.AsNoTracking().SingleAsync(h => h.OrderId == made.Order.Id, Ct)).Status.Should().Be(HoldStatus.Held);
        (await check.LedgerTransactions.CountAsync(t => t.OrderId == made.Order.Id && t.Kind == LedgerEntryKind.Release, Ct)).Should().Be(0);
    }
}

using Marketplace.Core.Data;
using Marketplace.Core.Notifications;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Escrow;

/// <summary>Engine-specific row claiming: PostgreSQL locks due holds with FOR UPDATE SKIP LOCKED; SQLite has one writer anyway.</summary>
public interface IHoldClaims
{
    /// <summary>The ids of up to <paramref name="batch"/> holds due at <paramref name="now"/>, locked for this transaction where the engine can.</summary>
    Task<List<Guid>> ClaimDueAsync(MarketplaceDbContext db, DateTimeOffset now, int batch, CancellationToken ct);

    /// <summary>
    /// Saves a batch inside the caller's transaction: its released holds and completed orders (version-checked), their
    /// timeline events, the new ledger transactions and transfers, and whatever else it tracks (notices). PostgreSQL
    /// writes each table with one statement (a release batch writes thousands of rows); other engines save through the
    /// change tracker. A hold or order changed meanwhile throws <see cref="DbUpdateConcurrencyException"/>.
    /// </summary>
    Task SaveBatchAsync(MarketplaceDbContext db, IReadOnlyList<LedgerTransaction> transactions, IReadOnlyList<ProviderCommand> commands, CancellationToken ct);
}

/// <summary>The plain query, for SQLite (a second writer waits, then fails the version check and rolls back).</summary>
public sealed class UnlockedHoldClaims : IHoldClaims
{
    public Task<List<Guid>> ClaimDueAsync(MarketplaceDbContext db, DateTimeOffset now, int batch, CancellationToken ct) =>
        db.EscrowHolds
            .Where(h => h.Status == HoldStatus.Held && h.ProtectionEndsAt != null && h.ProtectionEndsAt <= now)
            .OrderBy(h => h.ProtectionEndsAt)
            .Select(h => h.Id)
            .Take(batch)
            .ToListAsync(ct);

    public async Task SaveBatchAsync(MarketplaceDbContext db, IReadOnlyList<LedgerTransaction> transactions, IReadOnlyList<ProviderCommand> commands, CancellationToken ct)
    {
        db.LedgerTransactions.AddRange(transactions);
        db.ProviderCommands.AddRange(commands);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// Pays sellers whose buyers are protected no more: every held (not frozen) hold whose window has closed is
/// released in batches of 500, its order completed and "release" posted to the ledger (escrow → seller payable +
/// commission) in the same transaction. Two workers at once claim different rows (SKIP LOCKED), and the
/// version check on each hold makes a double release impossible even without it.
/// </summary>
public sealed class ReleaseDueHolds(MarketplaceDbContext db, IHoldClaims claims, Notifier notifier, TimeProvider clock)
{
    public const int BatchSize = 500;

    /// <summary>Releases one batch; returns how many holds it released (0 when nothing is due).</summary>
    public async Task<int> ExecuteAsync(CancellationToken ct = default) => (await RunBatchAsync(ct)).Released;

    /// <summary>
    /// One batch: how many due holds it claimed and how many of them it released (a hold whose order can't complete is
    /// put on an admin hold instead, so it is claimed once and never blocks the holds behind it).
    /// </summary>
    private async Task<(int Claimed, int Released)> RunBatchAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await claims.ClaimDueAsync(db, now, BatchSize, ct);
        if (claimed.Count == 0)
        {
            return (0, 0);
        }

        var holds = await db.EscrowHolds.Where(h => claimed.Contains(h.Id)).ToListAsync(ct);
        if (holds.Count == 0)
        {
            return (0, 0);
        }

        var orderIds = holds.Select(h => h.OrderId).ToList();
        var orders = await db.Orders.Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var checkoutIds = orders.Values.Select(o => o.CheckoutId).Distinct().ToList();
        var charges = await db.CheckoutPayments.Where(p => checkoutIds.Contains(p.Id)).Select(p => new { p.Id, p.PaymentReference }).ToDictionaryAsync(p => p.Id, p => p.PaymentReference ?? string.Empty, ct);
        var released = new List<(EscrowHold Hold, Order Order)>();
        var ledger = new List<LedgerTransaction>(holds.Count);
        var transfers = new List<ProviderCommand>(holds.Count);
        foreach (var hold in holds)
        {
            var order = orders[hold.OrderId];
            if (EscrowSettlement.Release(hold, order, charges[order.CheckoutId], now) is not { } release)
            {
                continue;
            }

            ledger.AddRange(release.Ledger);
            released.Add((hold, order));
            if (release.Transfer is not null)
            {
                transfers.Add(release.Transfer);
            }
        }

        await notifier.AddAsync(ReleasedNotices(released), now, ct);
        try
        {
            await claims.SaveBatchAsync(db, ledger, transfers, ct);
            await transaction.CommitAsync(ct);
            return (holds.Count, released.Count);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(ct);
            return (0, 0);
        }
    }

    /// <summary>One message per seller per batch: a seller with many orders gets a summary, not a flood of e-mails.</summary>
    private static List<Notice> ReleasedNotices(List<(EscrowHold Hold, Order Order)> released) =>
        released
            .GroupBy(r => r.Hold.SellerId)
            .Select(g =>
            {
                // A seller is paid in their own currency; should it have changed between orders, each currency is summed apart.
                var share = string.Join(" + ", g.GroupBy(r => r.Hold.PayoutCurrency).Select(c => c.Select(r => r.Hold.Payout).Aggregate((a, b) => a + b)));
                if (g.Count() == 1)
                {
                    var (hold, order) = g.First();
                    return new Notice(null, g.Key, Text.Of("Payment released for order {0}", order.Number), Text.Of("{0} is yours ({1} minus {2} commission); it is on its way to your payout account.", EscrowSettlement.ShareText(hold), hold.Amount, hold.Commission), "/Seller/Payouts");
                }

                return new Notice(null, g.Key, Text.Of("Payments released for {0} orders", g.Count()), Text.Of("{0} is yours after commission ({1}{2}); it is on its way to your payout account.", share, string.Join(", ", g.Take(10).Select(r => r.Order.Number)), (g.Count() > 10 ? ", …" : string.Empty)), "/Seller/Payouts");
            })
            .ToList();

    /// <summary>Releases batch after batch until nothing is due; returns the total.</summary>
    public async Task<int> ExecuteAllAsync(CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            var (claimed, released) = await RunBatchAsync(ct);
            total += released;
            if (claimed == 0)
            {
                return total;
            }
        }
    }
}

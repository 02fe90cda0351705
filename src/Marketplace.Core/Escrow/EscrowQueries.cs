using Marketplace.Core.Data;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Escrow;

public sealed record PayoutRow(Guid OrderId, string OrderNumber, Money Amount, Money Commission, Money Share, HoldStatus Status, DateTimeOffset HeldAt, DateTimeOffset? ProtectionEndsAt, DateTimeOffset? ReleasedAt);

/// <summary>A seller's money: still held (pending), released to them (payable), already paid out, per currency.</summary>
public sealed record SellerMoney(string Currency, Money Pending, Money Released, Money PaidOut);

public sealed record SellerPayouts(IReadOnlyList<SellerMoney> Totals, IReadOnlyList<PayoutRow> Orders);

/// <summary>The admin's view of escrow, per currency: held, due now, frozen, released.</summary>
public sealed record EscrowOverviewRow(string Currency, Money Held, int HeldCount, Money Due, int DueCount, Money Frozen, int FrozenCount, Money Released, int ReleasedCount);

public sealed record StuckProviderCall(Guid Id, string Kind, string IdempotencyKey, Money Amount, int Attempts, string? LastError, DateTimeOffset CreatedAt);

public sealed class EscrowQueries(MarketplaceDbContext db, TimeProvider clock)
{
    /// <summary>Provider calls that failed too often and wait for an admin.</summary>
    public async Task<IReadOnlyList<StuckProviderCall>> StuckProviderCallsAsync(CancellationToken ct = default) =>
        (await db.ProviderCommands.AsNoTracking()
            .Where(c => c.Status == Domain.Payments.ProviderCommandStatus.NeedsAdmin)
            .OrderBy(c => c.CreatedAt)
            .Take(200)
            .ToListAsync(ct))
        .Select(c => new StuckProviderCall(c.Id, c.Kind.ToString(), c.IdempotencyKey, c.Amount, c.Attempts, c.LastError, c.CreatedAt))
        .ToList();

    public async Task<SellerPayouts> ForSellerAsync(Guid sellerId, CancellationToken ct = default)
    {
        var holds = await (
                from h in db.EscrowHolds.AsNoTracking()
                join o in db.Orders on h.OrderId equals o.Id
                where h.SellerId == sellerId
                orderby h.HeldAt descending
                select new { Hold = h, o.Number })
            .Take(500)
            .ToListAsync(ct);
        var rows = holds
            .Select(x => new PayoutRow(x.Hold.OrderId, x.Number, x.Hold.Amount, x.Hold.Commission, x.Hold.SellerShare, x.Hold.Status, x.Hold.HeldAt, x.Hold.ProtectionEndsAt, x.Hold.ReleasedAt))
            .ToList();

        // Released money is what the ledger says the platform owes the seller (credit balance of SellerPayable).
        var payable = Accounts.SellerPayable(sellerId);
        var ledger = await db.LedgerTransactions.AsNoTracking()
            .SelectMany(t => t.Postings)
            .Where(p => p.Account == payable)
            .GroupBy(p => p.Currency)
            .Select(g => new { Currency = g.Key, Credits = -g.Where(p => p.Amount < 0).Sum(p => p.Amount), Debits = g.Where(p => p.Amount > 0).Sum(p => p.Amount) })
            .ToListAsync(ct);
        var pending = await db.EscrowHolds.AsNoTracking()
            .Where(h => h.SellerId == sellerId && (h.Status == HoldStatus.Held || h.Status == HoldStatus.Frozen))
            .ToListAsync(ct);
        var currencies = ledger.Select(l => l.Currency).Union(pending.Select(p => p.Amount.Currency)).Order().ToList();
        var totals = currencies
            .Select(c => new SellerMoney(
                c,
                pending.Where(h => h.Amount.Currency == c).Aggregate(Money.Zero(c), (sum, h) => sum + h.SellerShare),
                new Money(ledger.Where(l => l.Currency == c).Sum(l => l.Credits), c),
                new Money(ledger.Where(l => l.Currency == c).Sum(l => l.Debits), c)))
            .ToList();
        return new SellerPayouts(totals, rows);
    }

    public async Task<IReadOnlyList<EscrowOverviewRow>> OverviewAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var groups = await db.EscrowHolds.AsNoTracking()
            .GroupBy(h => new { h.Amount.Currency, h.Status, Due = h.Status == HoldStatus.Held && h.ProtectionEndsAt != null && h.ProtectionEndsAt <= now })
            .Select(g => new { g.Key.Currency, g.Key.Status, g.Key.Due, Sum = g.Sum(h => h.Amount.Amount), Count = g.Count() })
            .ToListAsync(ct);
        return groups
            .GroupBy(g => g.Currency)
            .OrderBy(g => g.Key)
            .Select(c =>
            {
                var held = c.Where(g => g.Status == HoldStatus.Held).ToList();
                var due = held.Where(g => g.Due).ToList();
                var frozen = c.Where(g => g.Status == HoldStatus.Frozen).ToList();
                var released = c.Where(g => g.Status == HoldStatus.Released).ToList();
                return new EscrowOverviewRow(
                    c.Key,
                    new Money(held.Sum(g => g.Sum), c.Key),
                    held.Sum(g => g.Count),
                    new Money(due.Sum(g => g.Sum), c.Key),
                    due.Sum(g => g.Count),
                    new Money(frozen.Sum(g => g.Sum), c.Key),
                    frozen.Sum(g => g.Count),
                    new Money(released.Sum(g => g.Sum), c.Key),
                    released.Sum(g => g.Count));
            })
            .ToList();
    }
}

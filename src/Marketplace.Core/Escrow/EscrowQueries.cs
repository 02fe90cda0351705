using Marketplace.Core.Data;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Escrow;

/// <param name="Payout">The share in the seller's own currency (converted at the order's frozen rate); equals <paramref name="Share"/> when the buyer paid in it.</param>
public sealed record PayoutRow(Guid OrderId, string OrderNumber, Money Amount, Money Commission, Money Share, HoldStatus Status, DateTimeOffset HeldAt, DateTimeOffset? ProtectionEndsAt, DateTimeOffset? ReleasedAt, Money Payout);

/// <summary>A seller's money: still held (pending), released to them (payable), already paid out, and owed back (chargebacks, refunds after release), per currency.</summary>
public sealed record SellerMoney(string Currency, Money Pending, Money Released, Money PaidOut, Money OwedBack);

public sealed record SellerPayouts(IReadOnlyList<SellerMoney> Totals, IReadOnlyList<PayoutRow> Orders);

/// <summary>The admin's view of escrow, per currency: held, due now, frozen, released.</summary>
public sealed record EscrowOverviewRow(string Currency, Money Held, int HeldCount, Money Due, int DueCount, Money Frozen, int FrozenCount, Money Released, int ReleasedCount);

/// <summary>A card-network chargeback as admins see it, with the orders of the payment it hit.</summary>
public sealed record ChargebackRow(string DisputeId, Money Amount, string Reason, ChargebackStatus Status, DateTimeOffset OpenedAt, DateTimeOffset? FundsWithdrawnAt, DateTimeOffset? ClosedAt, IReadOnlyList<string> OrderNumbers);

/// <summary>A hold frozen now, with every reason and what it holds.</summary>
public sealed record FrozenHoldRow(Guid OrderId, string OrderNumber, Money Amount, FreezeReasons Reasons, long? DecidedRefund, DateTimeOffset HeldAt)
{
    /// <summary>"open dispute, admin hold": every reason, in words.</summary>
    public string ReasonsText => string.Join(", ", new[] { (FreezeReasons.Dispute, "open dispute"), (FreezeReasons.Chargeback, "open chargeback"), (FreezeReasons.AdminHold, "admin hold") }
        .Where(r => Reasons.HasFlag(r.Item1))
        .Select(r => r.Item2));

    public bool HasAdminHold => Reasons.HasFlag(FreezeReasons.AdminHold);
}

public sealed record StuckProviderCall(Guid Id, string Kind, string IdempotencyKey, Money Amount, int Attempts, string? LastError, DateTimeOffset CreatedAt);

public sealed class EscrowQueries(MarketplaceDbContext db, TimeProvider clock)
{
    /// <summary>Provider events that didn't match what we know (e.g. a payment for another amount), newest first.</summary>
    public async Task<IReadOnlyList<ProviderEvent>> ParkedProviderEventsAsync(CancellationToken ct = default) =>
        await db.ProviderEvents.AsNoTracking()
            .Where(e => e.ParkedReason != null)
            .OrderByDescending(e => e.ReceivedAt)
            .Take(200)
            .ToListAsync(ct);

    /// <summary>Provider calls that failed too often and wait for an admin.</summary>
    public async Task<IReadOnlyList<StuckProviderCall>> StuckProviderCallsAsync(CancellationToken ct = default) =>
        (await db.ProviderCommands.AsNoTracking()
            .Where(c => c.Status == Domain.Payments.ProviderCommandStatus.NeedsAdmin)
            .OrderBy(c => c.CreatedAt)
            .Take(200)
            .ToListAsync(ct))
        .Select(c => new StuckProviderCall(c.Id, c.Kind.ToString(), c.IdempotencyKey, c.Amount, c.Attempts, c.LastError, c.CreatedAt))
        .ToList();

    /// <summary>Open chargebacks first, then the latest closed ones.</summary>
    public async Task<IReadOnlyList<ChargebackRow>> ChargebacksAsync(CancellationToken ct = default)
    {
        var chargebacks = await db.Chargebacks.AsNoTracking()
            .OrderBy(c => c.Status == ChargebackStatus.Open ? 0 : 1)
            .ThenByDescending(c => c.OpenedAt)
            .Take(100)
            .ToListAsync(ct);
        var checkoutIds = chargebacks.Select(c => c.CheckoutId).ToList();
        var orders = await db.Orders.AsNoTracking().Where(o => checkoutIds.Contains(o.CheckoutId)).Select(o => new { o.CheckoutId, o.Number }).ToListAsync(ct);
        return chargebacks
            .Select(c => new ChargebackRow(c.ProviderDisputeId, c.Amount, c.Reason, c.Status, c.OpenedAt, c.FundsWithdrawnAt, c.ClosedAt, orders.Where(o => o.CheckoutId == c.CheckoutId).Select(o => o.Number).Order().ToList()))
            .ToList();
    }

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
            .Select(x => new PayoutRow(x.Hold.OrderId, x.Number, x.Hold.Amount, x.Hold.Commission, x.Hold.SellerShare, x.Hold.Status, x.Hold.HeldAt, x.Hold.ProtectionEndsAt, x.Hold.ReleasedAt, x.Hold.Payout))
            .ToList();

        // Released money is what the ledger says the platform owes the seller (credit balance of SellerPayable). A share paid
        // from another currency is converted into the seller's: it counts as released in their currency, not in the buyer's.
        var payable = Accounts.SellerPayable(sellerId);
        var ledger = await (
                from t in db.LedgerTransactions.AsNoTracking()
                from p in t.Postings
                where p.Account == payable
                select new { p.Currency, p.Amount, Converted = t.Kind == LedgerEntryKind.Converted })
            .GroupBy(p => p.Currency)
            .Select(g => new
            {
                Currency = g.Key,
                Credits = -g.Where(p => p.Amount < 0).Sum(p => p.Amount) - g.Where(p => p.Amount > 0 && p.Converted).Sum(p => p.Amount),
                Debits = g.Where(p => p.Amount > 0 && !p.Converted).Sum(p => p.Amount),
            })
            .ToListAsync(ct);
        var receivable = Accounts.SellerReceivable(sellerId);
        var owed = await db.LedgerTransactions.AsNoTracking()
            .SelectMany(t => t.Postings)
            .Where(p => p.Account == receivable)
            .GroupBy(p => p.Currency)
            .Select(g => new { Currency = g.Key, Balance = g.Sum(p => p.Amount) })
            .ToListAsync(ct);
        var pending = await db.EscrowHolds.AsNoTracking()
            .Where(h => h.SellerId == sellerId && (h.Status == HoldStatus.Held || h.Status == HoldStatus.Frozen))
            .ToListAsync(ct);
        var currencies = ledger.Where(l => l.Credits != 0 || l.Debits != 0).Select(l => l.Currency).Union(pending.Select(p => p.PayoutCurrency)).Union(owed.Where(o => o.Balance != 0).Select(o => o.Currency)).Union(rows.Select(r => r.Payout.Currency)).Order().ToList();
        var totals = currencies
            .Select(c => new SellerMoney(
                c,
                pending.Where(h => h.PayoutCurrency == c).Aggregate(Money.Zero(c), (sum, h) => sum + h.Payout),
                new Money(ledger.Where(l => l.Currency == c).Sum(l => l.Credits), c),
                new Money(ledger.Where(l => l.Currency == c).Sum(l => l.Debits), c),
                new Money(owed.Where(o => o.Currency == c).Sum(o => o.Balance), c)))
            .ToList();
        return new SellerPayouts(totals, rows);
    }

    /// <summary>Frozen holds, the longest held first (nearest the provider's ceiling); at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<FrozenHoldRow>> FrozenHoldsAsync(int limit = 200, CancellationToken ct = default) =>
        (await db.EscrowHolds.AsNoTracking()
            .Where(h => h.Status == HoldStatus.Frozen)
            .OrderBy(h => h.HeldAt)
            .ThenBy(h => h.Id)
            .Take(limit)
            .Join(db.Orders, h => h.OrderId, o => o.Id, (h, o) => new { h.OrderId, o.Number, h.Amount, h.FrozenFor, h.DecidedRefund, h.HeldAt })
            .ToListAsync(ct))
        .Select(h => new FrozenHoldRow(h.OrderId, h.Number, h.Amount, h.FrozenFor, h.DecidedRefund, h.HeldAt))
        .ToList();

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

using Marketplace.Core.Data;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Escrow;

public sealed record LedgerViolation(Text Rule, Text Detail);

/// <summary>
/// Recomputes the ledger's invariants (SPEC §3) from the database: every transaction balances per currency;
/// no escrow account is overdrawn; a released or refunded order's escrow account is empty; ProviderCash equals
/// captures − refunds − payouts + transfer reversals − chargebacks withdrawn (counted from the payments, the provider
/// outbox and the chargebacks, not from the ledger). Used by tests after every money scenario and by
/// the admin's ledger health page.
/// </summary>
public sealed class LedgerHealth(MarketplaceDbContext db)
{
    private static readonly Text Frozen = Text.Of("Nothing moves while a hold is frozen");

    public async Task<IReadOnlyList<LedgerViolation>> CheckAsync(CancellationToken ct = default)
    {
        var violations = new List<LedgerViolation>();
        var postings = db.LedgerTransactions.AsNoTracking().SelectMany(t => t.Postings);

        var unbalanced = await postings
            .GroupBy(p => new { p.TransactionId, p.Currency })
            .Where(g => g.Sum(p => p.Amount) != 0)
            .Select(g => new { g.Key.TransactionId, g.Key.Currency, Sum = g.Sum(p => p.Amount) })
            .ToListAsync(ct);
        violations.AddRange(unbalanced.Select(u => new LedgerViolation(Text.Of("Every transaction balances"), Text.Of("Transaction {0} is off by {1}.", u.TransactionId, new Money(u.Sum, u.Currency)))));

        // Escrow accounts are liabilities: credits (negative) hold money, so their sum may never be above zero.
        var escrow = await postings
            .Where(p => p.Account.StartsWith("Escrow:"))
            .GroupBy(p => new { p.Account, p.Currency })
            .Select(g => new { g.Key.Account, g.Key.Currency, Sum = g.Sum(p => p.Amount) })
            .ToListAsync(ct);
        violations.AddRange(escrow.Where(e => e.Sum > 0).Select(e => new LedgerViolation(Text.Of("No escrow account goes negative"), Text.Of("{0} is overdrawn by {1}.", e.Account, new Money(e.Sum, e.Currency)))));

        var closed = await db.EscrowHolds.AsNoTracking()
            .Where(h => h.Status == HoldStatus.Released || h.Status == HoldStatus.Refunded || h.Status == HoldStatus.PartiallyRefunded || h.Status == HoldStatus.ChargedBack)
            .Select(h => h.OrderId)
            .ToListAsync(ct);
        var closedAccounts = closed.Select(Accounts.Escrow).ToHashSet();
        violations.AddRange(escrow.Where(e => e.Sum != 0 && closedAccounts.Contains(e.Account)).Select(e => new LedgerViolation(Text.Of("A closed order's escrow account is zero"), Text.Of("{0} still holds {1}.", e.Account, new Money(-e.Sum, e.Currency)))));

        violations.AddRange(await MovedWhileFrozenAsync(ct));

        var cash = await postings
            .Where(p => p.Account == Accounts.ProviderCash)
            .GroupBy(p => p.Currency)
            .Select(g => new { Currency = g.Key, Sum = g.Sum(p => p.Amount) })
            .ToDictionaryAsync(g => g.Currency, g => g.Sum, ct);
        var captured = await db.CheckoutPayments.AsNoTracking()
            .Where(p => p.Status == PaymentStatus.Paid || (p.Status == PaymentStatus.Lapsed && p.PaymentReference != null))
            .GroupBy(p => p.Amount.Currency)
            .Select(g => new { Currency = g.Key, Sum = g.Sum(p => p.Amount.Amount) })
            .ToDictionaryAsync(g => g.Currency, g => g.Sum, ct);
        // Refunds count from the moment they are owed (until cancelled unsent); transfers and their reversals once the provider made them.
        var outflows = await db.ProviderCommands.AsNoTracking()
            .Where(c => (c.Kind == ProviderCommandKind.Refund && c.Status != ProviderCommandStatus.Cancelled) || c.Status == ProviderCommandStatus.Succeeded)
            .GroupBy(c => c.Amount.Currency)
            .Select(g => new { Currency = g.Key, Sum = g.Sum(c => c.Kind == ProviderCommandKind.ReverseTransfer ? -c.Amount.Amount : c.Amount.Amount) })
            .ToDictionaryAsync(g => g.Currency, g => g.Sum, ct);
        var chargedBack = await db.Chargebacks.AsNoTracking()
            .Where(c => c.FundsWithdrawnAt != null && c.FundsReinstatedAt == null)
            .GroupBy(c => c.Amount.Currency)
            .Select(g => new { Currency = g.Key, Sum = g.Sum(c => c.Amount.Amount) })
            .ToDictionaryAsync(g => g.Currency, g => g.Sum, ct);
        foreach (var currency in cash.Keys.Union(captured.Keys))
        {
            var expected = captured.GetValueOrDefault(currency) - outflows.GetValueOrDefault(currency) - chargedBack.GetValueOrDefault(currency);
            if (cash.GetValueOrDefault(currency) != expected)
            {
                violations.Add(new LedgerViolation(Text.Of("ProviderCash equals captures − refunds − payouts − chargebacks"), Text.Of("ProviderCash holds {0}; captures − refunds − payouts (+ reversals) − chargebacks say {1}.", new Money(cash.GetValueOrDefault(currency), currency), new Money(expected, currency))));
            }
        }

        return violations;
    }

    /// <summary>
    /// Escrow released or refunded while the order's dispute or its payment's chargeback was open (from the disputes' and
    /// chargebacks' own open/close times, not from the hold), and holds that left escrow with a freeze reason still set.
    /// A dispute's or chargeback's own settlement happens at its close, so the interval is open at its end; it is open at
    /// its start too, so a release stamped the same instant a chargeback arrives (it came first) is not reported.
    /// </summary>
    private async Task<IEnumerable<LedgerViolation>> MovedWhileFrozenAsync(CancellationToken ct)
    {
        var chargebacks = await db.Chargebacks.AsNoTracking().Select(c => new { c.CheckoutId, c.ProviderDisputeId, c.OpenedAt, c.ClosedAt }).ToListAsync(ct);
        var checkoutIds = chargebacks.Select(c => c.CheckoutId).Distinct().ToList();
        var disputes = await db.Disputes.AsNoTracking().Select(d => new { d.OrderId, d.Id, d.OpenedAt, d.ClosedAt }).ToListAsync(ct);
        var disputedIds = disputes.Select(d => d.OrderId).Distinct().ToList();
        var orders = await db.Orders.AsNoTracking()
            .Where(o => checkoutIds.Contains(o.CheckoutId) || disputedIds.Contains(o.Id))
            .Select(o => new { o.Id, o.CheckoutId, o.Number })
            .ToDictionaryAsync(o => o.Id, ct);
        var orderIds = orders.Keys.ToList();
        var moves = await db.LedgerTransactions.AsNoTracking()
            .Where(t => (t.Kind == LedgerEntryKind.Release || t.Kind == LedgerEntryKind.Refund) && t.OrderId != null && orderIds.Contains(t.OrderId.Value))
            .Select(t => new { OrderId = t.OrderId!.Value, t.Kind, t.At })
            .ToListAsync(ct);
        var chargebacksByCheckout = chargebacks.ToLookup(c => c.CheckoutId);
        var disputesByOrder = disputes.ToLookup(d => d.OrderId);
        var found = new List<LedgerViolation>();
        foreach (var move in moves)
        {
            var order = orders[move.OrderId];
            found.AddRange(chargebacksByCheckout[order.CheckoutId]
                .Where(c => c.OpenedAt < move.At && (c.ClosedAt is null || move.At < c.ClosedAt))
                .Select(c => new LedgerViolation(Frozen, move.Kind == LedgerEntryKind.Release
                    ? Text.Of("Order {0}'s escrow was released at {1} while chargeback {2} was open.", order.Number, new When(move.At, WhenStyle.MonthDayTime), c.ProviderDisputeId)
                    : Text.Of("Order {0}'s escrow was refunded at {1} while chargeback {2} was open.", order.Number, new When(move.At, WhenStyle.MonthDayTime), c.ProviderDisputeId))));
            found.AddRange(disputesByOrder[move.OrderId]
                .Where(d => d.OpenedAt < move.At && (d.ClosedAt is null || move.At < d.ClosedAt))
                .Select(d => new LedgerViolation(Frozen, move.Kind == LedgerEntryKind.Release
                    ? Text.Of("Order {0}'s escrow was released at {1} while its dispute {2} was open.", order.Number, new When(move.At, WhenStyle.MonthDayTime), d.Id)
                    : Text.Of("Order {0}'s escrow was refunded at {1} while its dispute {2} was open.", order.Number, new When(move.At, WhenStyle.MonthDayTime), d.Id))));
        }

        var leftFrozen = await db.EscrowHolds.AsNoTracking()
            .Where(h => h.FrozenFor != FreezeReasons.None && h.Status != HoldStatus.Held && h.Status != HoldStatus.Frozen)
            .Select(h => new { h.OrderId, h.Status, h.FrozenFor })
            .ToListAsync(ct);
        found.AddRange(leftFrozen.Select(h => new LedgerViolation(Frozen, Text.Of("The hold of order {0} is {1} although it is frozen for {2}.", h.OrderId, Text.Verbatim(h.Status.ToString()), Text.Verbatim(h.FrozenFor.ToString())))));
        return found;
    }
}

using Marketplace.Core.Data;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Payments;
using Marketplace.Domain.Sellers;
using Marketplace.Domain.Trust;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Reporting;

/// <summary>One admin queue:  <paramref name="Oldest"/> is when its longest-waiting item arrived.</summary>
public sealed record AdminQueue(Text Name, string Link, int Count, DateTimeOffset? Oldest);

/// <summary>The admin home: every queue with its size and oldest item, and the money that moved through escrow per week.</summary>
public sealed class AdminDesk(MarketplaceDbContext db)
{
    /// <summary>Every queue an admin works, in the order of the admin menu; each counts exactly what its page lists as waiting.</summary>
    public async Task<IReadOnlyList<AdminQueue>> QueuesAsync(CancellationToken ct = default) =>
    [
        await QueueAsync(Text.Of("Escalated disputes"), "/Admin/Disputes", db.Disputes.Where(d => d.Status == DisputeStatus.Escalated).Select(d => d.EscalatedAt ?? d.OpenedAt), ct),
        await QueueAsync(Text.Of("Flagged messages"), "/Admin/Moderation", db.Messages.Where(m => m.Signals != null && m.Moderation == null).Select(m => m.SentAt), ct),
        await QueueAsync(Text.Of("Listings to review"), "/Admin/Listings", db.Listings.Where(l => l.Status == ListingStatus.PendingReview).Select(l => l.UpdatedAt), ct),
        await QueueAsync(Text.Of("Stores waiting for approval"), "/Admin#pending-heading", db.Sellers.Where(s => s.Status == SellerStatus.PendingApproval).Select(s => s.CreatedAt), ct),
        await QueueAsync(
            Text.Of("Takedown notices and counter-notices"),
            "/Admin/Takedowns",
            db.TakedownRequests
                .Where(r => r.Status == TakedownStatus.Submitted || r.Status == TakedownStatus.UnderReview || (r.CounterNotice != null && r.CounterOutcome == null))
                .Select(r => r.CounterNoticeAt ?? r.SubmittedAt),
            ct),
        await QueueAsync(Text.Of("Brushing reports"), "/Admin/Brushing", db.BrushingReports.Where(r => r.ReviewedAt == null).Select(r => r.ReportedAt), ct),
        await QueueAsync(Text.Of("Open chargebacks"), "/Admin/Escrow#chargebacks-heading", db.Chargebacks.Where(c => c.Status == ChargebackStatus.Open).Select(c => c.OpenedAt), ct),
        await QueueAsync(
            Text.Of("Payments held for an admin"),
            "/Admin/Escrow#frozen-heading",
            db.EscrowHolds.Where(h => h.Status == HoldStatus.Frozen && (h.FrozenFor & FreezeReasons.AdminHold) == FreezeReasons.AdminHold).Select(h => h.HeldAt),
            ct),
        await QueueAsync(Text.Of("Payment calls waiting for an admin"), "/Admin/Escrow#stuck-heading", db.ProviderCommands.Where(c => c.Status == ProviderCommandStatus.NeedsAdmin).Select(c => c.CreatedAt), ct),
    ];

    /// <summary>
    /// Per currency with any movement in the weeks (the busiest first): money taken into escrow (captured payments), released from
    /// it (what sellers kept: their share and the commission) and refunded to buyers (before or after release), per week.
    /// </summary>
    public async Task<IReadOnlyList<MoneyChart>> MoneyAsync(WeeklyBuckets weeks, CancellationToken ct = default)
    {
        var (start, end) = (weeks.Start, weeks.End);

        // A transaction's size is the sum of its debits (it balances, so the same as its credits); keyed by currency.
        Task<Dictionary<string, long[]>> SumAsync(params LedgerEntryKind[] kinds) => weeks.SumAsync(
            from t in db.LedgerTransactions.AsNoTracking()
            where kinds.Contains(t.Kind) && t.At >= start && t.At <= end
            from p in t.Postings
            where p.Amount > 0
            select new Dated { Key = p.Currency, At = t.At, Amount = p.Amount },
            ct);
        var paid = await SumAsync(LedgerEntryKind.PaymentCaptured);
        var released = await SumAsync(LedgerEntryKind.Release);
        var refunded = await SumAsync(LedgerEntryKind.Refund, LedgerEntryKind.RefundAfterRelease);
        var none = new long[weeks.Count];
        return paid.Keys.Union(released.Keys).Union(refunded.Keys)
            .Select(c => new MoneyChart(c, weeks.Starts, [
                new ChartSeries(Text.Of("Paid into escrow"), paid.GetValueOrDefault(c, none)),
                new ChartSeries(Text.Of("Released from escrow"), released.GetValueOrDefault(c, none)),
                new ChartSeries(Text.Of("Refunded to buyers"), refunded.GetValueOrDefault(c, none)),
            ]))
            .OrderByDescending(c => c.Series[0].Values.Sum())
            .ThenBy(c => c.Currency, StringComparer.Ordinal)
            .ToList();
    }

    private static async Task<AdminQueue> QueueAsync(Text name, string link, IQueryable<DateTimeOffset> arrivals, CancellationToken ct)
    {
        var row = await arrivals.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Oldest = g.Min() }).FirstOrDefaultAsync(ct);
        return new AdminQueue(name, link, row?.Count ?? 0, row?.Oldest);
    }
}

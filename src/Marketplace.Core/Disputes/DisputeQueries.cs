using Marketplace.Core.Data;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Disputes;

public sealed record DisputeSummary(Guid Id, Guid OrderId, string OrderNumber, string StoreName, DisputeIssue Issue, DisputeStatus Status, DateTimeOffset OpenedAt, DateTimeOffset? NextDeadline);

/// <summary>An order the buyer could dispute: now (<see cref="OpenNow"/>) or from <see cref="From"/>, until <see cref="Until"/>.</summary>
public sealed record DisputableOrder(Guid OrderId, string Number, string StoreName, Money Total, bool OpenNow, DateTimeOffset From, DateTimeOffset Until);

public sealed record DisputeDetails(Dispute Dispute, string OrderNumber, string StoreName);

/// <summary>An escalated dispute in the admin queue; <see cref="NearCeiling"/> when its frozen money nears the provider's hold limit.</summary>
public sealed record QueuedDispute(Guid Id, string OrderNumber, string StoreName, DisputeIssue Issue, Money Total, DateTimeOffset EscalatedAt, DateTimeOffset HeldAt, bool NearCeiling);

/// <summary>One ledger transaction of an order, for the admin's case page.</summary>
public sealed record LedgerLine(DateTimeOffset At, LedgerEntryKind Kind, IReadOnlyList<(string Account, Money Amount)> Postings);

/// <summary>Read shapes for dispute pages, scoped to the party asking (its buyer, its seller, or an admin): another's dispute is simply not found.</summary>
public sealed class DisputeQueries(MarketplaceDbContext db)
{
    /// <summary>Open disputes first (soonest deadline first), then the closed ones, newest first.</summary>
    public async Task<IReadOnlyList<DisputeSummary>> ListAsync(DisputeParty party, CancellationToken ct = default)
    {
        var rows = await (
                from d in Visible(party)
                join o in db.Orders on d.OrderId equals o.Id
                join s in db.Sellers on d.SellerId equals s.Id
                orderby d.OpenedAt descending
                select new { Dispute = d, o.Number, s.StoreName })
            .Take(200)
            .ToListAsync(ct);
        return rows
            .Select(r => new DisputeSummary(r.Dispute.Id, r.Dispute.OrderId, r.Number, r.StoreName, r.Dispute.Issue, r.Dispute.Status, r.Dispute.OpenedAt, r.Dispute.NextDeadline))
            .OrderBy(r => r.Status is DisputeStatus.Resolved or DisputeStatus.Cancelled ? 1 : 0)
            .ThenBy(r => r.NextDeadline ?? DateTimeOffset.MaxValue)
            .ToList();
    }

    /// <summary>
    /// The buyer's orders whose dispute window is open or still ahead, without a dispute in the way: the "pick the
    /// order" step of Disputes &amp; Reports. Those open now come first, then by when they open.
    /// </summary>
    public async Task<IReadOnlyList<DisputableOrder>> DisputableOrdersAsync(Guid buyerId, DateTimeOffset now, CancellationToken ct = default)
    {
        var rows = await (
                from o in db.Orders
                where o.BuyerId == buyerId && (o.Status == OrderStatus.Shipped || o.Status == OrderStatus.Confirmed)
                join h in db.EscrowHolds on o.Id equals h.OrderId
                where h.ProtectionEndsAt > now
                join s in db.Sellers on o.SellerId equals s.Id
                where !db.Disputes.Where(Dispute.BlocksAnother).Any(d => d.OrderId == o.Id)
                orderby o.PlacedAt descending
                select new { Order = o, h.ProtectionEndsAt, s.StoreName })
            .Take(100)
            .ToListAsync(ct);
        return rows
            .Select(r => (r, Window: Dispute.Window(r.Order, r.ProtectionEndsAt)))
            .Where(x => x.Window is { } w && now < w.Until)
            .Select(x => new DisputableOrder(x.r.Order.Id, x.r.Order.Number, x.r.StoreName, x.r.Order.Total, Dispute.CanOpen(x.r.Order, x.r.ProtectionEndsAt, now), x.Window!.Value.From, x.Window.Value.Until))
            .OrderByDescending(o => o.OpenNow)
            .ThenBy(o => o.From)
            .ToList();
    }

    /// <summary>The order's latest dispute (for the order page).</summary>
    public Task<Dispute?> LatestForOrderAsync(DisputeParty party, Guid orderId, CancellationToken ct = default) =>
        Visible(party).Where(d => d.OrderId == orderId).OrderByDescending(d => d.OpenedAt).FirstOrDefaultAsync(ct);

    public async Task<DisputeDetails?> DetailsAsync(DisputeParty party, Guid disputeId, CancellationToken ct = default)
    {
        var row = await (
                from d in Visible(party).Include(d => d.Events)
                join o in db.Orders on d.OrderId equals o.Id
                join s in db.Sellers on d.SellerId equals s.Id
                where d.Id == disputeId
                select new { Dispute = d, o.Number, s.StoreName })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : new DisputeDetails(row.Dispute, row.Number, row.StoreName);
    }

    /// <summary>
    /// The admin queue: escalated disputes whose frozen money nears the provider's hold ceiling first (the order's
    /// <see cref="Domain.Orders.Order.HoldCeilingAt"/>; Stripe holds about 90 days), the longest held first, then the longest waiting. Ordered
    /// in SQL before the page's limit, so the most urgent are always on it whatever the volume.
    /// </summary>
    public async Task<IReadOnlyList<QueuedDispute>> AdminQueueAsync(DateTimeOffset now, int limit = 500, CancellationToken ct = default)
    {
        var rows = await (
                from d in db.Disputes.AsNoTracking()
                join o in db.Orders on d.OrderId equals o.Id
                join s in db.Sellers on d.SellerId equals s.Id
                join h in db.EscrowHolds on d.OrderId equals h.OrderId
                where d.Status == DisputeStatus.Escalated
                select new { d.Id, o.Number, s.StoreName, d.Issue, o.Total, d.EscalatedAt, h.HeldAt, NearCeiling = o.HoldCeilingAt <= now })
            .OrderByDescending(r => r.NearCeiling)
            .ThenBy(r => r.NearCeiling ? r.HeldAt : r.EscalatedAt ?? r.HeldAt)
            .ThenBy(r => r.Id)
            .Take(limit)
            .ToListAsync(ct);
        return rows.Select(r => new QueuedDispute(r.Id, r.Number, r.StoreName, r.Issue, r.Total, r.EscalatedAt ?? now, r.HeldAt, r.NearCeiling)).ToList();
    }

    public async Task<IReadOnlyList<LedgerLine>> LedgerForOrderAsync(Guid orderId, CancellationToken ct = default)
    {
        var transactions = await db.LedgerTransactions.AsNoTracking().Where(t => t.OrderId == orderId).OrderBy(t => t.At).ToListAsync(ct);
        return transactions
            .Select(t => new LedgerLine(t.At, t.Kind, t.Postings.Select(p => (p.Account, new Money(p.Amount, p.Currency))).ToList()))
            .ToList();
    }

    private IQueryable<Dispute> Visible(DisputeParty party) => party.Role switch
    {
        Actor.Buyer => db.Disputes.AsNoTracking().Where(d => d.BuyerId == party.UserId),
        Actor.Seller => db.Disputes.AsNoTracking().Where(d => d.SellerId == party.SellerId),
        Actor.Admin => db.Disputes.AsNoTracking(),
        _ => db.Disputes.AsNoTracking().Where(d => false),
    };
}

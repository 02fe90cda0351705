using Marketplace.Core.Data;
using Marketplace.Domain.Disputes;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Disputes;

public sealed record DisputeSummary(Guid Id, Guid OrderId, string OrderNumber, string StoreName, DisputeIssue Issue, DisputeStatus Status, DateTimeOffset OpenedAt, DateTimeOffset? NextDeadline);

public sealed record DisputeDetails(Dispute Dispute, string OrderNumber, string StoreName);

/// <summary>Read shapes for dispute pages, scoped to the party asking: another's dispute is simply not found.</summary>
public sealed class DisputeQueries(MarketplaceDbContext db)
{
    /// <summary>The buyer's disputes, open ones first, newest first.</summary>
    public async Task<IReadOnlyList<DisputeSummary>> ForBuyerAsync(Guid buyerId, CancellationToken ct = default)
    {
        var rows = await (
                from d in db.Disputes.AsNoTracking()
                join o in db.Orders on d.OrderId equals o.Id
                join s in db.Sellers on d.SellerId equals s.Id
                where d.BuyerId == buyerId
                orderby d.OpenedAt descending
                select new { Dispute = d, o.Number, s.StoreName })
            .Take(200)
            .ToListAsync(ct);
        return rows
            .Select(r => new DisputeSummary(r.Dispute.Id, r.Dispute.OrderId, r.Number, r.StoreName, r.Dispute.Issue, r.Dispute.Status, r.Dispute.OpenedAt, r.Dispute.NextDeadline))
            .OrderBy(r => r.Status is DisputeStatus.Resolved or DisputeStatus.Cancelled ? 1 : 0)
            .ToList();
    }

    /// <summary>The order's dispute that still matters (active, or the last one), for the order page.</summary>
    public Task<Dispute?> LatestForOrderAsync(Guid buyerId, Guid orderId, CancellationToken ct = default) =>
        db.Disputes.AsNoTracking().Where(d => d.OrderId == orderId && d.BuyerId == buyerId).OrderByDescending(d => d.OpenedAt).FirstOrDefaultAsync(ct);

    public async Task<DisputeDetails?> ForBuyerAsync(Guid buyerId, Guid disputeId, CancellationToken ct = default)
    {
        var row = await (
                from d in db.Disputes.AsNoTracking().Include(d => d.Events)
                join o in db.Orders on d.OrderId equals o.Id
                join s in db.Sellers on d.SellerId equals s.Id
                where d.Id == disputeId && d.BuyerId == buyerId
                select new { Dispute = d, o.Number, s.StoreName })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : new DisputeDetails(row.Dispute, row.Number, row.StoreName);
    }
}

using Marketplace.Core.Data;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Disputes;

public sealed record DisputeSummary(Guid Id, Guid OrderId, string OrderNumber, string StoreName, DisputeIssue Issue, DisputeStatus Status, DateTimeOffset OpenedAt, DateTimeOffset? NextDeadline);

public sealed record DisputeDetails(Dispute Dispute, string OrderNumber, string StoreName);

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

    private IQueryable<Dispute> Visible(DisputeParty party) => party.Role switch
    {
        Actor.Buyer => db.Disputes.AsNoTracking().Where(d => d.BuyerId == party.UserId),
        Actor.Seller => db.Disputes.AsNoTracking().Where(d => d.SellerId == party.SellerId),
        Actor.Admin => db.Disputes.AsNoTracking(),
        _ => db.Disputes.AsNoTracking().Where(d => false),
    };
}

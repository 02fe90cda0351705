using Marketplace.Core.Data;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Trust;

/// <summary>
/// A seller's record computed from facts (SPEC §5), each figure with the number of cases behind it so a buyer can
/// tell "100% of 2" from "98% of 4,000".
/// </summary>
public sealed record TrustProfile(
    DateTimeOffset SellingSince,
    int ShippedOrders,
    int ShippedOnTime,
    int CompletedOrders,
    int DisputesOpened,
    int DisputesLost,
    TimeSpan? MedianResponse,
    int Replies)
{
    public double? OnTimeShare => ShippedOrders == 0 ? null : (double)ShippedOnTime / ShippedOrders;
}

/// <summary>
/// The record shown beside every listing and storefront. It is kept in memory for
/// <see cref="Catalog.CatalogDataCache.Lifetime"/> (a minute) rather than counted on each page: its figures move with
/// orders, disputes and messages, which no catalog tag follows, and drift slowly. Visitors' cached pages may show a copy
/// up to two minutes old (a page kept a minute, rendered from a copy a minute old).
/// </summary>
public sealed class SellerTrust(MarketplaceDbContext db, Catalog.CatalogDataCache cache)
{
    /// <summary>How many recent messages the response time is measured on.</summary>
    private const int MessagesMeasured = 1000;

    public Task<TrustProfile?> ProfileAsync(Guid sellerId, CancellationToken ct = default) =>
        cache.GetOrCreateAsync(db, $"trust:{sellerId:N}", [], Catalog.CatalogDataCache.Lifetime, c => ReadAsync(sellerId, c), ct);

    private async Task<TrustProfile?> ReadAsync(Guid sellerId, CancellationToken ct)
    {
        // The counts in one statement (they were six round trips on every listing and storefront page).
        var counts = await db.Sellers
            .Where(s => s.Id == sellerId)
            .Select(s => new
            {
                s.CreatedAt,
                Shipped = db.Orders.Count(o => o.SellerId == sellerId && o.ShippedAt != null),
                OnTime = db.Orders.Count(o => o.SellerId == sellerId && o.ShippedAt != null && o.ShipBy != null && o.ShippedAt <= o.ShipBy),
                Completed = db.Orders.Count(o => o.SellerId == sellerId && (o.Status == OrderStatus.Completed || o.Status == OrderStatus.Confirmed)),
                Opened = db.Disputes.Count(d => d.SellerId == sellerId),
                Lost = db.Disputes.Count(d => d.SellerId == sellerId && d.Status == DisputeStatus.Resolved && d.RefundAmount > 0),
            })
            .FirstOrDefaultAsync(ct);
        if (counts is null)
        {
            return null;
        }

        var messages = await (
                from m in db.Messages
                join c in db.Conversations on m.ConversationId equals c.Id
                where c.SellerId == sellerId
                orderby m.SentAt descending
                select new { m.ConversationId, m.From, m.SentAt })
            .Take(MessagesMeasured)
            .ToListAsync(ct);
        var waits = new List<TimeSpan>();
        foreach (var conversation in messages.GroupBy(m => m.ConversationId))
        {
            DateTimeOffset? waitingSince = null;
            foreach (var message in conversation.OrderBy(m => m.SentAt))
            {
                if (message.From == Actor.Buyer)
                {
                    waitingSince ??= message.SentAt;
                }
                else if (waitingSince is { } asked)
                {
                    waits.Add(message.SentAt - asked);
                    waitingSince = null;
                }
            }
        }

        waits.Sort();
        TimeSpan? median = waits.Count == 0 ? null : waits.Count % 2 == 1 ? waits[waits.Count / 2] : (waits[(waits.Count / 2) - 1] + waits[waits.Count / 2]) / 2;
        return new TrustProfile(counts.CreatedAt, counts.Shipped, counts.OnTime, counts.Completed, counts.Opened, counts.Lost, median, waits.Count);
    }
}

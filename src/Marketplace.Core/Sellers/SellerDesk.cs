using Marketplace.Core.Data;
using Marketplace.Core.Reporting;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Sellers;

/// <summary>A paid order waiting for its shipment; <see cref="CancellationRequested"/> when the buyer asked to cancel it.</summary>
public sealed record OrderToShip(Guid Id, string Number, string BuyerName, DateTimeOffset ShipBy, Money SellerTotal, bool CancellationRequested);

/// <summary>A dispute waiting for the seller (an answer, a returned parcel to check, a rejection to take to an admin), by its deadline.</summary>
public sealed record DisputeToAnswer(Guid Id, string OrderNumber, DisputeIssue Issue, DisputeStatus Status, DateTimeOffset? Deadline);

/// <summary>A conversation whose last word is the buyer's.</summary>
public sealed record QuestionToAnswer(Guid ConversationId, Text About, string BuyerName, DateTimeOffset AskedAt);

/// <summary>What the seller has to do, most urgent first in each list, with how many there are in all.</summary>
public sealed record SellerTodo(
    IReadOnlyList<OrderToShip> ToShip,
    int ToShipCount,
    IReadOnlyList<DisputeToAnswer> Disputes,
    IReadOnlyList<QuestionToAnswer> Questions)
{
    public bool Nothing => ToShipCount == 0 && Disputes.Count == 0 && Questions.Count == 0;
}

/// <summary>The seller dashboard's "what needs doing" and its weekly sales and payouts.</summary>
public sealed class SellerDesk(MarketplaceDbContext db)
{
    /// <summary>How many rows each list shows; the full lists are a link away.</summary>
    public const int ListSize = 10;

    /// <summary>Statuses in which the seller has something to do (<see cref="Dispute.MustAct"/>): answer, confirm a returned parcel, or escalate a rejected one.</summary>
    private static readonly DisputeStatus[] SellersTurn = [DisputeStatus.AwaitingSeller, DisputeStatus.ReturnShipped, DisputeStatus.Rejected];

    /// <summary>Orders paid and not cancelled or refunded in full count as sales.</summary>
    private static readonly OrderStatus[] NotSales = [OrderStatus.PendingPayment, OrderStatus.Cancelled, OrderStatus.AutoCancelled, OrderStatus.Refunded];

    public async Task<SellerTodo> TodoAsync(Guid sellerId, CancellationToken ct = default)
    {
        var toShip = db.Orders.AsNoTracking().Where(o => o.SellerId == sellerId && o.Status == OrderStatus.Paid);
        var orders = await (
                from o in toShip
                join u in db.Users on o.BuyerId equals u.Id
                orderby o.ShipBy, o.Id
                select new { o.Id, o.Number, u.DisplayName, o.ShipBy, o.SellerTotal, o.CancellationRequestedAt })
            .Take(ListSize)
            .ToListAsync(ct);
        var toShipCount = orders.Count < ListSize ? orders.Count : await toShip.CountAsync(ct);

        var disputes = await (
                from d in db.Disputes.AsNoTracking()
                where d.SellerId == sellerId && SellersTurn.Contains(d.Status)
                join o in db.Orders on d.OrderId equals o.Id
                orderby d.NextDeadlineAt == null, d.NextDeadlineAt, d.Id
                select new { d.Id, o.Number, d.Issue, d.Status, d.NextDeadlineAt })
            .Take(ListSize)
            .ToListAsync(ct);

        var questions = await (
                from c in db.Conversations.AsNoTracking()
                where c.SellerId == sellerId
                    && db.Messages.Where(m => m.ConversationId == c.Id).OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id).Select(m => m.From).FirstOrDefault() == Actor.Buyer
                join u in db.Users on c.BuyerId equals u.Id
                orderby c.LastMessageAt
                select new
                {
                    c.Id,
                    Order = db.Orders.Where(o => o.Id == c.OrderId).Select(o => o.Number).FirstOrDefault(),
                    Listing = db.Listings.Where(l => l.Id == c.ListingId).Select(l => l.Title).FirstOrDefault(),
                    u.DisplayName,
                    c.LastMessageAt,
                })
            .Take(ListSize)
            .ToListAsync(ct);

        return new SellerTodo(
            orders.Select(o => new OrderToShip(o.Id, o.Number, o.DisplayName, o.ShipBy!.Value, o.SellerTotal, o.CancellationRequestedAt is not null)).ToList(),
            toShipCount,
            disputes.Select(d => new DisputeToAnswer(d.Id, d.Number, d.Issue, d.Status, d.NextDeadlineAt)).ToList(),
            questions.Select(q => new QuestionToAnswer(
                q.Id,
                q.Order is not null ? Text.Of("Order {0}", q.Order) : q.Listing is { } title ? Text.Verbatim(title) : Text.Of("A listing"),
                q.DisplayName,
                q.LastMessageAt)).ToList());
    }

    /// <summary>
    /// Per week, in the store's currency: what buyers paid for the seller's orders (the seller's side of each order,
    /// before commission; cancelled and fully refunded orders left out) and what was released to the seller (their share
    /// after commission, converted at release when the buyer paid in another currency).
    /// </summary>
    public async Task<MoneyChart> SalesAsync(Guid sellerId, string currency, WeeklyBuckets weeks, CancellationToken ct = default)
    {
        var (start, end) = (weeks.Start, weeks.End);
        var paid = await weeks.SumAsync(
            db.Orders.AsNoTracking()
                .Where(o => o.SellerId == sellerId && o.SellerCurrency == currency && !NotSales.Contains(o.Status) && o.PaidAt >= start && o.PaidAt <= end)
                .Select(o => new Dated { Key = string.Empty, At = o.PaidAt!.Value, Amount = o.SellerTotal.Amount }),
            ct);

        // Released: the seller's credits on SellerPayable in the store's currency, from a release or from converting one.
        var payable = Accounts.SellerPayable(sellerId);
        var released = await weeks.SumAsync(
            from t in db.LedgerTransactions.AsNoTracking()
            where (t.Kind == LedgerEntryKind.Release || t.Kind == LedgerEntryKind.Converted) && t.At >= start && t.At <= end
            from p in t.Postings
            where p.Account == payable && p.Currency == currency && p.Amount < 0
            select new Dated { Key = string.Empty, At = t.At, Amount = -p.Amount },
            ct);

        var none = new long[weeks.Count];
        return new MoneyChart(currency, weeks.Starts, [
            new ChartSeries(Text.Of("Orders paid"), paid.GetValueOrDefault(string.Empty, none)),
            new ChartSeries(Text.Of("Released to you"), released.GetValueOrDefault(string.Empty, none)),
        ]);
    }
}

using Marketplace.Core.Data;
using Marketplace.Core.Escrow;
using Marketplace.Core.Notifications;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Orders;

/// <summary>The buyer asks to cancel a paid order before it ships.</summary>
public sealed class RequestCancellation(MarketplaceDbContext db, TimeProvider clock)
{
    public async Task<Result<OrderStatus>> ExecuteAsync(Guid buyerId, Guid orderId, string reason, CancellationToken ct = default)
    {
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId && o.BuyerId == buyerId, ct);
        return order is null ? OrderErrors.NotFound : await OrderSaves.SaveAsync(db, order.RequestCancellation(reason ?? string.Empty, clock.GetUtcNow()), ct);
    }
}

/// <summary>
/// Cancels an order the buyer asked to cancel: the seller accepts, or the order's reply window passes without a reply. The
/// buyer is refunded in full (escrow → provider cash, refund in the outbox) and the stock goes back on sale,
/// all in one transaction.
/// </summary>
public sealed class CancelOrder(MarketplaceDbContext db, EscrowSettlement settlement, Notifier notifier, TimeProvider clock)
{
    public const int BatchSize = 100;

    public async Task<Result<OrderStatus>> AcceptAsync(Guid sellerId, Guid orderId, CancellationToken ct = default)
    {
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId && o.SellerId == sellerId, ct);
        return order is null ? OrderErrors.NotFound : await CancelAsync(order, Actor.Seller, clock.GetUtcNow(), ct);
    }

    /// <summary>The reply-window rule (48 hours by default): cancels every request nobody answered in time; returns how many.</summary>
    public async Task<int> CancelUnansweredAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var due = await db.Orders
            .Where(o => o.Status == OrderStatus.Paid && o.CancellationAnswerBy != null && o.CancellationAnswerBy <= now && db.EscrowHolds.Any(h => h.OrderId == o.Id && h.Status == HoldStatus.Held))
            .OrderBy(o => o.CancellationAnswerBy)
            .Select(o => o.Id)
            .Take(BatchSize)
            .ToListAsync(ct);
        var cancelled = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            var order = await db.Orders.FirstAsync(o => o.Id == id, ct);
            if ((await CancelAsync(order, Actor.System, now, ct)).Succeeded)
            {
                cancelled++;
            }
        }

        return cancelled;
    }

    private async Task<Result<OrderStatus>> CancelAsync(Order order, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var cancelled = order.Cancel(actor, now);
        if (!cancelled.Succeeded)
        {
            return cancelled;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await settlement.RefundInFullAsync(order, now, ct))
        {
            // The hold is frozen (a chargeback is open): the bank decides where the money goes first.
            await transaction.RollbackAsync(ct);
            return OrderErrors.PaymentFrozen;
        }

        await OrderMoney.ReturnStockAsync(db, order.Id, ct);
        await notifier.AddAsync(OrderMoney.CancelledNotices(order, actor == Actor.System ? $"the seller didn't reply to your request within {Durations.InWords(order.Rules.CancellationReplyWindow)}" : "the seller accepted your request"), now, ct);
        var saved = await OrderSaves.SaveAsync(db, cancelled, ct);
        if (saved.Succeeded)
        {
            await transaction.CommitAsync(ct);
        }
        else
        {
            await transaction.RollbackAsync(ct);
        }

        return saved;
    }
}

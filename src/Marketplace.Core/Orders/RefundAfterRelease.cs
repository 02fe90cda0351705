using Marketplace.Core.Data;
using Marketplace.Core.Escrow;
using Marketplace.Core.Notifications;
using Marketplace.Core.Trust;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Trust;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Orders;

/// <summary>
/// An admin refunds a completed order in full after its money was released (SPEC §3 "refund after release"):
/// the buyer's refund joins the outbox, and the seller's share comes back by a transfer reversal, or, when
/// the payout hasn't been sent yet, by cancelling it. Ledger, order, hold and provider calls change together.
/// </summary>
public sealed class RefundAfterRelease(MarketplaceDbContext db, EscrowSettlement settlement, Notifier notifier, TimeProvider clock)
{
    public async Task<Result<OrderStatus>> ExecuteAsync(Guid adminId, Guid orderId, string reason, CancellationToken ct = default)
    {
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
        var hold = await db.EscrowHolds.FirstOrDefaultAsync(h => h.OrderId == orderId, ct);
        if (order is null || hold is null)
        {
            return OrderErrors.NotFound;
        }

        var now = clock.GetUtcNow();
        var refunded = order.RefundAfterRelease(reason.Trim(), now);
        if (!refunded.Succeeded)
        {
            return refunded;
        }

        var share = hold.SellerShare;
        var kept = hold.Kept;
        var settled = await settlement.RefundAfterReleaseAsync(order, hold, now, ct);
        if (!settled.Succeeded)
        {
            return settled.Error == EscrowErrors.ChargebackDecides ? EscrowErrors.ChargebackDecides : OrderErrors.NotRefundable;
        }

        db.Record(adminId, AdminActions.RefundAfterRelease, "Order", order.Id, reason.Trim(), now);
        await notifier.AddAsync(
            [
                new Notice(order.BuyerId, null, Text.Of("Order {0} refunded", order.Number), Text.Of("{0} is refunded to your card.", kept), $"/Orders/{order.Id}"),
                new Notice(null, order.SellerId, Text.Of("Order {0} refunded after payout", order.Number), Text.Of("An admin refunded the buyer: {0}. Your share of {1} is taken back from your payouts.", reason, share), $"/Seller/Orders/{order.Id}"),
            ],
            now,
            ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The outbox sent the payout meanwhile: nothing was saved; the admin tries again and gets a reversal instead.
            return new DomainError("order.changed", "This order's payout was being sent while you refunded. Nothing changed: please try again.", ErrorKind.Conflict);
        }

        return refunded;
    }
}

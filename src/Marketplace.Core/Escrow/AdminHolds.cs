using Marketplace.Core.Data;
using Marketplace.Core.Trust;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Trust;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Escrow;

/// <summary>
/// An admin freezes an order's escrow (e.g. while investigating fraud) or lifts that hold: the admin hold is one
/// freeze reason among the others, so lifting it leaves a dispute's or chargeback's freeze in place. Audited.
/// </summary>
public sealed class AdminHolds(MarketplaceDbContext db, EscrowSettlement settlement, TimeProvider clock)
{
    public static readonly DomainError ReasonRequired = new("escrow.reason_required", "Say why, for the audit log and the seller.");

    public async Task<Result<HoldStatus>> PlaceAsync(Guid adminId, string orderNumber, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return ReasonRequired;
        }

        var order = await db.Orders.FirstOrDefaultAsync(o => o.Number == orderNumber.Trim().ToUpperInvariant(), ct);
        var hold = order is null ? null : await db.EscrowHolds.FirstOrDefaultAsync(h => h.OrderId == order.Id, ct);
        if (order is null || hold is null)
        {
            return OrderErrors.NotFound;
        }

        var now = clock.GetUtcNow();
        var held = EscrowSettlement.AdminHold(hold);
        if (!held.Succeeded)
        {
            return held;
        }

        order.NoteFromProvider(Text.Of("An admin froze the payment: {0}", reason.Trim()), now);
        db.Record(adminId, AdminActions.HoldEscrow, "Order", order.Id, reason.Trim(), now);
        return await SaveAsync(held, ct);
    }

    public async Task<Result<HoldStatus>> LiftAsync(Guid adminId, Guid orderId, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return ReasonRequired;
        }

        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
        var hold = await db.EscrowHolds.FirstOrDefaultAsync(h => h.OrderId == orderId, ct);
        if (order is null || hold is null)
        {
            return OrderErrors.NotFound;
        }

        var now = clock.GetUtcNow();
        var lifted = await settlement.AdminHoldLiftedAsync(order, hold, now, ct);
        if (!lifted.Succeeded)
        {
            return lifted;
        }

        order.NoteFromProvider(Text.Of("An admin lifted their hold on the payment: {0}", reason.Trim()), now);
        db.Record(adminId, AdminActions.ReleaseEscrowHold, "Order", order.Id, reason.Trim(), now);
        return await SaveAsync(lifted, ct);
    }

    private async Task<Result<HoldStatus>> SaveAsync(Result<HoldStatus> result, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return result;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new DomainError("escrow.changed", "This payment changed while you were looking at it. Please check it and try again.", ErrorKind.Conflict);
        }
    }
}

using Marketplace.Core.Data;
using Marketplace.Core.Escrow;
using Marketplace.Core.Notifications;
using Marketplace.Core.Trust;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Trust;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Marketplace.Core.Disputes;

/// <summary>Who is acting on a dispute: its buyer, its seller, or an admin (anyone else gets "not found").</summary>
public sealed record DisputeParty(Actor Role, Guid? UserId = null, Guid? SellerId = null)
{
    public static DisputeParty Buyer(Guid userId) => new(Actor.Buyer, UserId: userId);

    public static DisputeParty Seller(Guid sellerId) => new(Actor.Seller, SellerId: sellerId);

    public static DisputeParty Admin(Guid userId) => new(Actor.Admin, UserId: userId);

    public bool MayAct(Dispute dispute) => Role switch
    {
        Actor.Buyer => dispute.BuyerId == UserId,
        Actor.Seller => dispute.SellerId == SellerId,
        Actor.Admin or Actor.System => true,
        _ => false,
    };
}

public sealed record OpenDisputeInput(DisputeIssue Issue, DisputeRemedy Request, long? PartialAmount, string Description);

/// <summary>
/// Every step of a dispute (SPEC §4), each in one transaction with what it causes: opening freezes the hold and
/// puts the order in dispute; a close that splits the money settles the hold (refund + release of the rest, commission
/// only on what the seller keeps), posts both to the ledger and queues the refund and the transfer in the outbox;
/// a withdrawn dispute or a reship unfreezes the hold. A concurrent change (version check) loses with a clear message.
/// </summary>
public sealed class DisputeActions(MarketplaceDbContext db, Notifier notifier, EscrowSettlement settlement, TimeProvider clock, ILogger<DisputeActions> logger)
{
    public static readonly DomainError Changed = new("dispute.changed", "This dispute changed while you were looking at it. Please check it and try again.", ErrorKind.Conflict);

    public async Task<Result<Dispute>> OpenAsync(Guid buyerId, Guid orderId, OpenDisputeInput input, CancellationToken ct = default)
    {
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId && o.BuyerId == buyerId, ct);
        var hold = await db.EscrowHolds.FirstOrDefaultAsync(h => h.OrderId == orderId, ct);
        if (order is null || hold is null)
        {
            return OrderErrors.NotFound;
        }

        if (await db.Disputes.Where(d => d.OrderId == orderId).AnyAsync(Dispute.BlocksAnother, ct))
        {
            return DisputeErrors.AlreadyDisputed;
        }

        var now = clock.GetUtcNow();
        var opened = Dispute.Open(order, hold.ProtectionEndsAt, input.Issue, input.Request, input.PartialAmount, input.Description, now);
        if (!opened.Succeeded)
        {
            return opened;
        }

        var dispute = opened.Value!;
        if (!order.OpenDispute(Dispute.Describe(input.Issue), now).Succeeded || !EscrowSettlement.DisputeOpened(hold).Succeeded)
        {
            return DisputeErrors.OutsideWindow;
        }

        db.Disputes.Add(dispute);
        await notifier.AddAsync(
            [
                new Notice(null, order.SellerId, Text.Of("Dispute on order {0}", order.Number), Text.Of("The buyer reports: {0} and asks for {1}. Answer by {2} or the request is granted.", Dispute.Describe(input.Issue), dispute.Describe(dispute.Request, dispute.RequestedAmount), Day(dispute.SellerReplyBy)), $"/Seller/Disputes/{dispute.Id}"),
                new Notice(order.BuyerId, null, Text.Of("Dispute opened for order {0}", order.Number), Text.Of("The seller has until {0} to answer. The payment stays in escrow meanwhile.", Day(dispute.SellerReplyBy)), $"/Disputes/{dispute.Id}"),
            ],
            now,
            ct);
        return await SaveAsync(dispute, ct);
    }

    public Task<Result<Dispute>> AcceptAsync(DisputeParty seller, Guid disputeId, CancellationToken ct = default) =>
        ActAsync(seller, Actor.Seller, disputeId, (d, now) => d.Accept(now), ct);

    public Task<Result<Dispute>> CounterAsync(DisputeParty seller, Guid disputeId, DisputeRemedy offer, long? amount, string message, CancellationToken ct = default) =>
        ActAsync(seller, Actor.Seller, disputeId, (d, now) => d.Counter(offer, amount, message, now), ct);

    public Task<Result<Dispute>> RejectAsync(DisputeParty seller, Guid disputeId, string message, CancellationToken ct = default) =>
        ActAsync(seller, Actor.Seller, disputeId, (d, now) => d.Reject(message, now), ct);

    public Task<Result<Dispute>> AcceptCounterAsync(DisputeParty buyer, Guid disputeId, CancellationToken ct = default) =>
        ActAsync(buyer, Actor.Buyer, disputeId, (d, now) => d.AcceptCounter(now), ct);

    public Task<Result<Dispute>> RejectCounterAsync(DisputeParty buyer, Guid disputeId, CancellationToken ct = default) =>
        ActAsync(buyer, Actor.Buyer, disputeId, (d, now) => d.RejectCounter(now), ct);

    public Task<Result<Dispute>> EscalateAsync(DisputeParty party, Guid disputeId, CancellationToken ct = default) =>
        ActAsync(party, party.Role, disputeId, (d, now) => d.Escalate(party.Role, now), ct);

    public Task<Result<Dispute>> ShipReturnAsync(DisputeParty buyer, Guid disputeId, string carrier, string trackingNumber, CancellationToken ct = default) =>
        ActAsync(buyer, Actor.Buyer, disputeId, (d, now) => d.ShipReturn(carrier, trackingNumber, now), ct);

    public Task<Result<Dispute>> ReturnDeliveredAsync(DisputeParty admin, Guid disputeId, CancellationToken ct = default) =>
        ActAsync(admin, Actor.Admin, disputeId, (d, now) => d.ReturnDelivered(Actor.Admin, now), ct, AdminActions.ReturnDelivered);

    public Task<Result<Dispute>> ConfirmReturnAsync(DisputeParty seller, Guid disputeId, CancellationToken ct = default) =>
        ActAsync(seller, Actor.Seller, disputeId, (d, now) => d.ConfirmReturn(now), ct);

    public Task<Result<Dispute>> CancelAsync(DisputeParty buyer, Guid disputeId, CancellationToken ct = default) =>
        ActAsync(buyer, Actor.Buyer, disputeId, (d, now) => d.Cancel(now), ct);

    public Task<Result<Dispute>> DecideAsync(DisputeParty admin, Guid disputeId, DisputeRemedy outcome, long? amount, string reason, CancellationToken ct = default) =>
        ActAsync(admin, Actor.Admin, disputeId, (d, now) => d.Decide(outcome, amount, reason, now, admin.UserId), ct, AdminActions.DecideDispute);

    /// <summary>The timers of every open dispute that has one due (the background job); returns how many moved.</summary>
    public async Task<int> ApplyTimersAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        // Each dispute's next deadline is a column computed from its own windows (the rules its order was placed under).
        var due = await db.Disputes
            .Where(d => d.NextDeadlineAt != null && d.NextDeadlineAt <= now)
            .OrderBy(d => d.NextDeadlineAt)
            .Select(d => d.Id)
            .Take(200)
            .ToListAsync(ct);
        var moved = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            try
            {
                var result = await ActAsync(new DisputeParty(Actor.System), Actor.System, id, (d, at) => d.ApplyTimers(at) ? Result<DisputeStatus>.Ok(d.Status) : DisputeErrors.NotFound, ct);
                moved += result.Succeeded ? 1 : 0;
            }
            catch (DbUpdateException exception)
            {
                // One dispute that can't be saved must not stop the others: it is logged and tried again next run.
                logger.LogError(exception, "Dispute {DisputeId}: its due timer could not be applied", id);
            }
        }

        return moved;
    }

    /// <summary>
    /// A day before each deadline, the side that must act is reminded (once per deadline); returns how many were reminded.
    /// Found by the indexed deadline column, in batches, until every dispute whose deadline is within a day is reminded.
    /// </summary>
    public async Task<int> RemindAsync(CancellationToken ct = default)
    {
        const int batch = 200;
        var now = clock.GetUtcNow();
        var until = now + Dispute.ReminderAhead;
        var reminded = 0;
        while (true)
        {
            db.ChangeTracker.Clear();
            var due = await db.Disputes
                .Where(d => d.NextDeadlineAt != null && d.NextDeadlineAt > now && d.NextDeadlineAt <= until && (d.RemindedFor == null || d.RemindedFor != d.NextDeadlineAt))
                .OrderBy(d => d.NextDeadlineAt)
                .ThenBy(d => d.Id)
                .Take(batch)
                .ToListAsync(ct);
            var batchReminded = 0;
            foreach (var dispute in due.Where(d => d.NeedsReminder(now)))
            {
                await notifier.AddAsync(ReminderNotices(dispute), now, ct);
                dispute.MarkReminded();
                batchReminded++;
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone acted on one of them meanwhile: the next run reminds what is still due.
                return reminded;
            }

            reminded += batchReminded;
            if (due.Count < batch || batchReminded == 0)
            {
                return reminded;
            }
        }
    }

    private static List<Notice> ReminderNotices(Dispute dispute)
    {
        var deadline = dispute.NextDeadline!.Value;
        var (buyer, seller) = dispute.MustAct;
        var notices = new List<Notice>();
        if (buyer)
        {
            notices.Add(new Notice(dispute.BuyerId, null, Text.Of("Your dispute needs you by tomorrow"), Text.Of("Deadline {0}: {1}", Day(deadline), Waiting(dispute)), $"/Disputes/{dispute.Id}"));
        }

        if (seller)
        {
            notices.Add(new Notice(null, dispute.SellerId, Text.Of("A dispute needs your answer by tomorrow"), Text.Of("Deadline {0}: {1}", Day(deadline), Waiting(dispute)), $"/Seller/Disputes/{dispute.Id}"));
        }

        return notices;
    }

    private static Text Waiting(Dispute dispute) => dispute.Status switch
    {
        DisputeStatus.AwaitingSeller => Text.Of("without an answer, the buyer's request is granted."),
        DisputeStatus.ReturnShipped => Text.Of("without confirming the returned item, the buyer is refunded."),
        DisputeStatus.CounterOffered => Text.Of("answer the seller's offer, or an admin decides."),
        DisputeStatus.AwaitingReturn => Text.Of("send the item back with tracking, or the dispute closes in the seller's favour."),
        _ => Text.Of("without agreement, an admin decides."),
    };

    private async Task<Result<Dispute>> ActAsync(DisputeParty party, Actor role, Guid disputeId, Func<Dispute, DateTimeOffset, Result<DisputeStatus>> step, CancellationToken ct, string? audit = null)
    {
        var dispute = await db.Disputes.Include(d => d.Events).FirstOrDefaultAsync(d => d.Id == disputeId, ct);
        if (dispute is null || party.Role != role || !party.MayAct(dispute))
        {
            return DisputeErrors.NotFound;
        }

        var now = clock.GetUtcNow();
        var wasActive = dispute.IsActive;
        var stepped = step(dispute, now);
        if (!stepped.Succeeded)
        {
            return stepped.Error!;
        }

        if (audit is not null && party.UserId is { } adminId)
        {
            db.Record(adminId, audit, "Dispute", dispute.Id, dispute.Events[^1].Note, now);
        }

        if (wasActive && !dispute.IsActive)
        {
            await CloseAsync(dispute, role, now, ct);
        }
        else
        {
            var number = await db.Orders.Where(o => o.Id == dispute.OrderId).Select(o => o.Number).FirstAsync(ct);
            await notifier.AddAsync(Progress(dispute, role, number), now, ct);
        }

        return await SaveAsync(dispute, ct);
    }

    /// <summary>Hands the closed dispute to the escrow settlement policy, which moves the money as its outcome says.</summary>
    private async Task CloseAsync(Dispute dispute, Actor actedBy, DateTimeOffset now, CancellationToken ct)
    {
        var order = await db.Orders.FirstAsync(o => o.Id == dispute.OrderId, ct);
        var hold = await db.EscrowHolds.FirstAsync(h => h.OrderId == dispute.OrderId, ct);
        if (!dispute.SettlesMoney)
        {
            await notifier.AddAsync(Progress(dispute, actedBy, order.Number), now, ct);
        }

        await settlement.DisputeClosedAsync(dispute, order, hold, now, ct);
    }

    /// <summary>
    /// What happened, for the side that didn't do it (both sides when the system or an admin did), naming the order: a
    /// person isn't notified of their own step.
    /// </summary>
    private static List<Notice> Progress(Dispute dispute, Actor actedBy, string number)
    {
        var last = dispute.Events.MaxBy(e => e.At)?.Text ?? Text.Verbatim(dispute.Status.ToString());
        var update = dispute.NextDeadline is { } at ? Text.Of("{0} Next deadline: {1}.", last, Day(at)) : last;
        var notices = new List<Notice>();
        if (actedBy != Actor.Buyer)
        {
            notices.Add(new Notice(dispute.BuyerId, null, Text.Of("Your dispute for order {0} was updated", number), update, $"/Disputes/{dispute.Id}"));
        }

        if (actedBy != Actor.Seller)
        {
            notices.Add(new Notice(null, dispute.SellerId, Text.Of("The dispute for order {0} was updated", number), update, $"/Seller/Disputes/{dispute.Id}"));
        }

        return notices;
    }

    private static When Day(DateTimeOffset at) => new(at, WhenStyle.MonthDayTime);

    private async Task<Result<Dispute>> SaveAsync(Dispute dispute, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result<Dispute>.Ok(dispute);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Changed;
        }
    }
}

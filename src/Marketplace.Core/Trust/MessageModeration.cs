using Marketplace.Core.Data;
using Marketplace.Domain.Common;
using Marketplace.Domain.Messaging;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Trust;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Trust;

/// <summary>A flagged message waiting for an admin, with what the sender did before (repeat offenders stand out).</summary>
public sealed record FlaggedMessage(Message Message, string About, Guid ConversationId, string SenderName, string SenderEmail, Actor SenderRole, bool SenderSuspended, int SenderFlagged, int SenderConfirmed);

/// <summary>Admins review flagged messages: a false alarm is cleared, a real one is confirmed and counts against the sender.</summary>
public sealed class MessageModeration(MarketplaceDbContext db, TimeProvider clock)
{
    public async Task<Result<ModerationOutcome>> ReviewAsync(Guid adminId, Guid messageId, ModerationOutcome outcome, CancellationToken ct = default)
    {
        var message = await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId, ct);
        if (message is null)
        {
            return MessageErrors.NotFound;
        }

        var now = clock.GetUtcNow();
        var reviewed = message.Moderate(outcome, adminId, now);
        if (!reviewed.Succeeded)
        {
            return reviewed;
        }

        db.Record(adminId, AdminActions.ModerateMessage, "Message", messageId, $"{outcome}: {message.Signals}", now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return MessageErrors.AlreadyModerated;
        }

        return reviewed;
    }

    /// <summary>The learned scorer's active version, without its bytes (null: none trained yet).</summary>
    public Task<ModelSummary?> ActiveModelAsync(CancellationToken ct = default) =>
        db.MessageModels.Where(m => m.Active).OrderByDescending(m => m.Version)
            .Select(m => new ModelSummary(m.Version, m.TrainedAt, m.Examples, m.FromModerators, m.Precision, m.Recall, m.TrainedBy == null, m.FlagThreshold))
            .FirstOrDefaultAsync(ct);

    /// <summary>How many flagged messages the queue shows at once.</summary>
    public const int QueueSize = 100;

    /// <summary>How many wait in all.</summary>
    public Task<int> WaitingAsync(CancellationToken ct = default) => db.Messages.CountAsync(m => m.Signals != null && m.Moderation == null, ct);

    /// <summary>Unreviewed flagged messages, the learned scorer's riskiest first, then the oldest (they have waited longest), up to 100.</summary>
    public async Task<IReadOnlyList<FlaggedMessage>> QueueAsync(CancellationToken ct = default)
    {
        var rows = await (
                from m in db.Messages
                where m.Signals != null && m.Moderation == null
                join c in db.Conversations on m.ConversationId equals c.Id
                join u in db.Users on m.SenderId equals u.Id
                orderby m.RiskScore == null, m.RiskScore descending, m.SentAt
                select new
                {
                    Message = m,
                    c.Id,
                    Order = db.Orders.Where(o => o.Id == c.OrderId).Select(o => o.Number).FirstOrDefault(),
                    Listing = db.Listings.Where(l => l.Id == c.ListingId).Select(l => l.Title).FirstOrDefault(),
                    u.DisplayName,
                    u.Email,
                    u.SuspendedAt,
                    Flagged = db.Messages.Count(x => x.SenderId == m.SenderId && x.Signals != null),
                    Confirmed = db.Messages.Count(x => x.SenderId == m.SenderId && x.Moderation == ModerationOutcome.Confirmed),
                })
            .Take(QueueSize)
            .ToListAsync(ct);
        return rows.Select(r => new FlaggedMessage(
                r.Message,
                r.Order is not null ? $"Order {r.Order}" : r.Listing ?? "A listing",
                r.Id,
                r.DisplayName,
                r.Email ?? string.Empty,
                r.Message.From,
                r.SuspendedAt is not null,
                r.Flagged,
                r.Confirmed))
            .ToList();
    }
}

/// <summary>What an admin sees of the active learned model.</summary>
public sealed record ModelSummary(int Version, DateTimeOffset TrainedAt, int Examples, int FromModerators, double Precision, double Recall, bool ByTheJob, double FlagThreshold);

using Marketplace.Core.Data;
using Marketplace.Core.Trust;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Core.Email;

/// <summary>What the admin e-mail page shows: whether SMTP is configured, how many wait, sent today, and what was parked.</summary>
public sealed record EmailOutboxView(bool SmtpConfigured, int Waiting, int SentLastDay, int Parked, IReadOnlyList<EmailMessage> ParkedMessages, IReadOnlyList<EmailMessage> Retrying);

/// <summary>The admin's view of e-mail delivery, and sending a parked message again (audited).</summary>
public sealed class EmailOutbox(MarketplaceDbContext db, IOptions<SmtpOptions> smtp, TimeProvider clock)
{
    public async Task<EmailOutboxView> ViewAsync(CancellationToken ct = default)
    {
        var dayAgo = clock.GetUtcNow().AddDays(-1);
        var waiting = await db.EmailMessages.CountAsync(m => m.SentAt == null && m.ParkedAt == null, ct);
        var sent = await db.EmailMessages.CountAsync(m => m.SentAt != null && m.SentAt >= dayAgo, ct);
        var parked = await db.EmailMessages.CountAsync(m => m.ParkedAt != null && m.SentAt == null, ct);
        var parkedMessages = await db.EmailMessages.AsNoTracking().Where(m => m.ParkedAt != null && m.SentAt == null).OrderByDescending(m => m.ParkedAt).Take(100).ToListAsync(ct);
        var retrying = await db.EmailMessages.AsNoTracking().Where(m => m.SentAt == null && m.ParkedAt == null && m.Attempts > 0).OrderBy(m => m.NextAttemptAt).Take(100).ToListAsync(ct);
        return new EmailOutboxView(smtp.Value.Enabled, waiting, sent, parked, parkedMessages, retrying);
    }

    /// <summary>Sends a parked message again on the next run; false when it isn't parked (already sent, or sent again by someone else).</summary>
    public async Task<bool> RetryAsync(Guid adminId, Guid messageId, CancellationToken ct = default)
    {
        var message = await db.EmailMessages.FirstOrDefaultAsync(m => m.Id == messageId, ct);
        var now = clock.GetUtcNow();
        if (message is null || !message.Retry(now))
        {
            return false;
        }

        db.Record(adminId, "email.retry", "EmailMessage", message.Id, $"{message.Subject} → {message.To} (was: {message.LastError})", now);
        await db.SaveChangesAsync(ct);
        return true;
    }
}

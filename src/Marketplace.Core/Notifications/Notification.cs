using System.Net;
using Marketplace.Core.Data;
using Marketplace.Core.Email;
using Marketplace.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Notifications;

/// <summary>Something a user should know about their orders or money; also sent as an e-mail.</summary>
public sealed class Notification
{
    private Notification()
    {
        Title = string.Empty;
        Body = string.Empty;
        Link = string.Empty;
    }

    public Notification(Guid userId, string title, string body, string link, DateTimeOffset now)
    {
        Id = Ids.New();
        UserId = userId;
        Title = title;
        Body = body;
        Link = link;
        At = now;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Title { get; private set; }

    public string Body { get; private set; }

    /// <summary>A path in the app, e.g. "/Orders/{id}".</summary>
    public string Link { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}

/// <summary>One message for one user, by the user id (buyer) or the seller id (the store's owner).</summary>
public sealed record Notice(Guid? UserId, Guid? SellerId, string Title, string Body, string Link);

/// <summary>
/// Adds in-app notifications and their e-mails to the caller's unit of work, so they are saved (or not) with
/// the state change they announce. E-mails go through the e-mail outbox.
/// </summary>
public sealed class NotificationOptions
{
    public const string DefaultPublicUrl = "http://localhost:5080";

    /// <summary>The address e-mails link to (<c>App:PublicUrl</c>).</summary>
    public string PublicUrl { get; set; } = DefaultPublicUrl;
}

public sealed class Notifier(MarketplaceDbContext db, Microsoft.Extensions.Options.IOptions<NotificationOptions> options)
{
    public async Task AddAsync(IReadOnlyCollection<Notice> notices, DateTimeOffset now, CancellationToken ct)
    {
        if (notices.Count == 0)
        {
            return;
        }

        var sellerIds = notices.Where(n => n.SellerId is not null).Select(n => n.SellerId!.Value).Distinct().ToList();
        var owners = await db.Sellers.Where(s => sellerIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.UserId, ct);
        var recipients = notices.Select(n => (Notice: n, UserId: n.UserId ?? owners.GetValueOrDefault(n.SellerId ?? Guid.Empty))).Where(x => x.UserId != Guid.Empty).ToList();
        var userIds = recipients.Select(r => r.UserId).Distinct().ToList();
        var emails = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        foreach (var (notice, userId) in recipients)
        {
            db.Add(new Notification(userId, notice.Title, notice.Body, notice.Link, now));
            if (emails.GetValueOrDefault(userId) is { } email)
            {
                db.EmailMessages.Add(new EmailMessage(
                    email,
                    notice.Title,
                    $"<p>{WebUtility.HtmlEncode(notice.Body)}</p><p><a href=\"{WebUtility.HtmlEncode(options.Value.PublicUrl.TrimEnd('/') + notice.Link)}\">Open it on Marketplace</a></p>",
                    now));
            }
        }
    }
}

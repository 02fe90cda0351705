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

/// <summary>One message for one user, by the user id (buyer) or the seller id (the store's owner), written in the recipient's language.</summary>
public sealed record Notice(Guid? UserId, Guid? SellerId, Text Title, Text Body, string Link);

/// <summary>Translations of the platform's English texts (the web app's resource files); none by default.</summary>
public interface ITranslations
{
    /// <summary>The text in <paramref name="culture"/>'s language, or null to keep the English.</summary>
    string? Translate(string english, System.Globalization.CultureInfo culture);
}

/// <summary>Everything in English (tools that run without the web app's resource files).</summary>
public sealed class NoTranslations : ITranslations
{
    public string? Translate(string english, System.Globalization.CultureInfo culture) => null;
}

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

public sealed class Notifier(MarketplaceDbContext db, Microsoft.Extensions.Options.IOptions<NotificationOptions> options, ITranslations translations)
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
        var people = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new { u.Email, u.Language }, ct);
        foreach (var (notice, userId) in recipients)
        {
            // In the recipient's language (the one their account keeps), English when they never picked one.
            var person = people.GetValueOrDefault(userId);
            var culture = System.Globalization.CultureInfo.GetCultureInfo(person?.Language ?? "en");
            var title = notice.Title.Render(culture, translations.Translate);
            var body = notice.Body.Render(culture, translations.Translate);
            db.Add(new Notification(userId, title, body, notice.Link, now));
            if (person?.Email is { } email)
            {
                var open = Text.Of("Open it on Marketplace").Render(culture, translations.Translate);
                db.EmailMessages.Add(new EmailMessage(
                    email,
                    title,
                    $"<p>{WebUtility.HtmlEncode(body)}</p><p><a href=\"{WebUtility.HtmlEncode(options.Value.PublicUrl.TrimEnd('/') + notice.Link)}\">{WebUtility.HtmlEncode(open)}</a></p>",
                    now));
            }
        }
    }
}

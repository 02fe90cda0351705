using System.Net;
using System.Text.RegularExpressions;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Marketplace.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Marketplace.Core.Email;

/// <summary>SMTP delivery (<c>Smtp:*</c>). Without <see cref="Host"/> nothing is delivered (the dev mailbox shows the outbox).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>
    /// StartTls (the default: refuse a server that can't encrypt), SslOnConnect (port 465), StartTlsWhenAvailable,
    /// or None (a relay on this machine or a private network only).
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>Marketplace &lt;no-reply@shop.example&gt;</c>.</summary>
    public string From { get; set; } = "Marketplace <no-reply@localhost>";

    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Messages sent per run of the job (one SMTP connection).</summary>
    public int BatchSize { get; set; } = 50;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>
/// Drains the e-mail outbox over SMTP with MailKit. Each due message is claimed just before it is sent (its next-attempt
/// time moved on, conditionally, so instances running side by side never send one twice), on one connection per run;
/// each outcome is saved at once. A connection failure, a timeout or a refusal is retried with backoff; only a 5xx
/// "recipient not accepted" (no such mailbox) parks the message at once.
/// </summary>
public sealed partial class SendEmails(MarketplaceDbContext db, IOptions<SmtpOptions> options, TimeProvider clock, ILogger<SendEmails> logger)
{
    /// <summary>A claimed message is someone's for this long; if its sender died, it is due again afterwards.</summary>
    public static readonly TimeSpan Claim = TimeSpan.FromMinutes(5);

    public async Task<int> ExecuteAsync(CancellationToken ct = default)
    {
        var smtp = options.Value;
        if (!smtp.Enabled)
        {
            return 0;
        }

        var due = await db.EmailMessages
            .Where(m => m.SentAt == null && m.ParkedAt == null && (m.NextAttemptAt == null || m.NextAttemptAt <= clock.GetUtcNow()))
            .OrderBy(m => m.CreatedAt)
            .Take(smtp.BatchSize)
            .ToListAsync(ct);
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        var from = MailboxAddress.Parse(smtp.From);
        string? unreachable = null;
        var sent = 0;
        foreach (var message in due)
        {
            var now = clock.GetUtcNow();
            if (message.IsTooOld(now))
            {
                message.Expire(now);
                await db.SaveChangesAsync(ct);
                logger.LogWarning("E-mail {Id} to {To} parked: not sent within {Hours} hours", message.Id, message.To, EmailMessage.MaxAge.TotalHours);
                continue;
            }

            // Claimed just before it is sent, so a slow batch never leaves the rest of it to another instance.
            var observed = message.NextAttemptAt;
            var claimed = await db.EmailMessages
                .Where(m => m.Id == message.Id && m.SentAt == null && m.ParkedAt == null && m.NextAttemptAt == observed)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, now + Claim), ct);
            if (claimed != 1)
            {
                continue;
            }

            if (unreachable is null && !client.IsConnected)
            {
                try
                {
                    await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security, ct);
                    if (!string.IsNullOrEmpty(smtp.UserName))
                    {
                        await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, ct);
                    }
                }
                catch (Exception e) when (e is SmtpCommandException || IsConnectionFailure(e, ct))
                {
                    unreachable = e.Message;
                    logger.LogWarning(e, "SMTP server {Host}:{Port} unavailable; e-mails wait", smtp.Host, smtp.Port);
                }
            }

            if (unreachable is not null)
            {
                message.Failed($"Could not reach the SMTP server: {unreachable}", permanent: false, now);
                await db.SaveChangesAsync(ct);
                continue;
            }

            try
            {
                await client.SendAsync(Compose(from, message), ct);
                message.Sent(clock.GetUtcNow());
                sent++;
            }
            catch (SmtpCommandException e)
            {
                // Only "no such recipient" is final; a refused sender or relay is our configuration, worth retrying.
                var permanent = e.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)e.StatusCode >= 500;
                logger.LogWarning("E-mail {Id} to {To} refused ({Status}): {Error}", message.Id, message.To, (int)e.StatusCode, e.Message);
                message.Failed($"The SMTP server refused it ({(int)e.StatusCode}): {e.Message}", permanent, clock.GetUtcNow());
            }
            catch (ParseException e)
            {
                message.Failed($"Not a deliverable address: {e.Message}", permanent: true, clock.GetUtcNow());
            }
            catch (Exception e) when (IsConnectionFailure(e, ct))
            {
                logger.LogWarning(e, "E-mail {Id} to {To} not sent", message.Id, message.To);
                message.Failed($"The connection to the SMTP server failed: {e.Message}", permanent: false, clock.GetUtcNow());
            }

            await db.SaveChangesAsync(ct);
        }

        if (client.IsConnected)
        {
            try
            {
                await client.DisconnectAsync(quit: true, ct);
            }
            catch (Exception e) when (IsConnectionFailure(e, ct))
            {
                // everything was saved; the server hung up first
            }
        }

        return sent;
    }

    /// <summary>The network or the server failed (not the message): tried again later.</summary>
    private static bool IsConnectionFailure(Exception e, CancellationToken ct) =>
        e is IOException or System.Net.Sockets.SocketException or SslHandshakeException or AuthenticationException or SmtpProtocolException
            or ServiceNotConnectedException or TimeoutException
        || (e is OperationCanceledException && !ct.IsCancellationRequested);

    /// <summary>The HTML body with a plain-text alternative (tags dropped) for mail clients that show text only.</summary>
    public static MimeMessage Compose(MailboxAddress from, EmailMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.MessageId = $"{message.Id:N}@{from.Domain}";
        mime.Body = new BodyBuilder { HtmlBody = message.HtmlBody, TextBody = PlainText(message.HtmlBody) }.ToMessageBody();
        return mime;
    }

    private static string PlainText(string html)
    {
        var withLinks = LinkPattern().Replace(html, match => $"{match.Groups["text"].Value} ({match.Groups["href"].Value})");
        return WebUtility.HtmlDecode(TagPattern().Replace(withLinks.Replace("</p>", "\n\n", StringComparison.OrdinalIgnoreCase).Replace("<br>", "\n", StringComparison.OrdinalIgnoreCase), string.Empty)).Trim();
    }

    [GeneratedRegex("<a[^>]*href=['\"](?<href>[^'\"]*)['\"][^>]*>(?<text>.*?)</a>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex LinkPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}

using Marketplace.Domain.Common;

namespace Marketplace.Core.Email;

/// <summary>
/// Every e-mail the app sends is first written here (an outbox), in the same unit of work as what it tells about.
/// Where SMTP is configured, <see cref="SendEmails"/> delivers it: a failure is retried with backoff, and a message
/// that fails <see cref="MaxAttempts"/> times, is refused for good by the server, or can't be sent within
/// <see cref="MaxAge"/> (its links may have expired) is parked for an admin. In Development the dev mailbox shows them.
/// </summary>
public sealed class EmailMessage
{
    private EmailMessage()
    {
        To = string.Empty;
        Subject = string.Empty;
        HtmlBody = string.Empty;
    }

    public EmailMessage(string to, string subject, string htmlBody, DateTimeOffset now)
    {
        Id = Ids.New();
        To = to;
        Subject = subject;
        HtmlBody = htmlBody;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public string To { get; private set; }

    public string Subject { get; private set; }

    public string HtmlBody { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Failed tries so far.</summary>
    public int Attempts { get; private set; }

    /// <summary>Not before this (backoff, or another instance's claim); null: as soon as possible.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>When an admin last sent it again: its age counts from then.</summary>
    public DateTimeOffset? RetriedAt { get; private set; }

    /// <summary>Given up on until an admin sends it again.</summary>
    public DateTimeOffset? ParkedAt { get; private set; }

    public const int MaxAttempts = 8;

    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    public bool IsTooOld(DateTimeOffset now) => now - (RetriedAt ?? CreatedAt) > MaxAge;

    public void Sent(DateTimeOffset now)
    {
        SentAt = now;
        NextAttemptAt = null;
        LastError = null;
    }

    /// <summary>A failed try: tried again after a backoff, or parked when it was the last, the server refused for good, or the message is too old.</summary>
    public void Failed(string error, bool permanent, DateTimeOffset now)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        if (permanent || Attempts >= MaxAttempts || IsTooOld(now))
        {
            ParkedAt = now;
            NextAttemptAt = null;
            return;
        }

        NextAttemptAt = now + Backoff.After(Attempts);
    }

    /// <summary>Not sent because it waited too long (SMTP was down or not configured): its links may no longer work.</summary>
    public void Expire(DateTimeOffset now)
    {
        LastError = $"Not sent within {MaxAge.TotalHours:0} hours of being written; its links may have expired.";
        ParkedAt = now;
        NextAttemptAt = null;
    }

    /// <summary>An admin sends a parked message again, with a fresh count of tries.</summary>
    public bool Retry(DateTimeOffset now)
    {
        if (ParkedAt is null || SentAt is not null)
        {
            return false;
        }

        ParkedAt = null;
        Attempts = 0;
        NextAttemptAt = now;
        RetriedAt = now;
        return true;
    }
}

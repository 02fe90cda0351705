using Marketplace.Domain.Common;

namespace Marketplace.Core.Email;

/// <summary>
/// Every e-mail the app sends is first written here (an outbox). In Development it is read in the dev
/// mailbox page; an SMTP dispatcher sends and stamps <see cref="SentAt"/> where SMTP is configured.
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
}

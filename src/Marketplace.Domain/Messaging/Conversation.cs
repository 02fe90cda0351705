using Marketplace.Domain.Common;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Trust;

namespace Marketplace.Domain.Messaging;

public enum ConversationTopic
{
    /// <summary>Buyer and seller about one order (one conversation per order).</summary>
    Order,

    /// <summary>A question before buying (one conversation per listing and buyer).</summary>
    Listing,
}

/// <summary>
/// Buyer ↔ seller talk that stays on the platform (SPEC §5). Each message is scanned when it is written; a
/// flagged one is shown to its recipient with a warning and waits in the admins' moderation queue.
/// </summary>
public sealed class Conversation
{
    public const int MaxBodyLength = 2000;

    /// <summary>How many messages one user may send in a window: a person typing never meets these, a bot does.</summary>
    public static readonly IReadOnlyList<(int Messages, TimeSpan Window)> RateLimits =
    [
        (10, TimeSpan.FromMinutes(10)),
        (100, TimeSpan.FromDays(1)),
    ];

    private Conversation()
    {
    }

    private Conversation(ConversationTopic topic, Guid? orderId, Guid? listingId, Guid buyerId, Guid sellerId, DateTimeOffset now)
    {
        Id = Ids.New();
        Topic = topic;
        OrderId = orderId;
        ListingId = listingId;
        BuyerId = buyerId;
        SellerId = sellerId;
        StartedAt = now;
        LastMessageAt = now;
    }

    public Guid Id { get; private set; }

    public ConversationTopic Topic { get; private set; }

    public Guid? OrderId { get; private set; }

    public Guid? ListingId { get; private set; }

    /// <summary>The buyer's user id.</summary>
    public Guid BuyerId { get; private set; }

    /// <summary>The seller (store) id; its owner reads and answers.</summary>
    public Guid SellerId { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset LastMessageAt { get; private set; }

    public static Conversation ForOrder(Order order, DateTimeOffset now) =>
        new(ConversationTopic.Order, order.Id, null, order.BuyerId, order.SellerId, now);

    public static Conversation ForListing(Guid listingId, Guid sellerId, Guid buyerId, DateTimeOffset now) =>
        new(ConversationTopic.Listing, null, listingId, buyerId, sellerId, now);

    /// <summary>
    /// Writes a message from one side. <paramref name="sentBySender"/> holds the times of the sender's recent
    /// messages (any conversation), for the rate limits. <paramref name="countries"/> (the buyer's and the seller's) help the
    /// detector read phone numbers written without a country code.
    /// </summary>
    public Result<Message> Post(Actor from, Guid senderUserId, string? body, IReadOnlyCollection<DateTimeOffset> sentBySender, DateTimeOffset now, IReadOnlyCollection<string>? countries = null)
    {
        if (from is not (Actor.Buyer or Actor.Seller))
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, "Only the buyer and the seller write in a conversation.");
        }

        var text = body?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return MessageErrors.Empty;
        }

        if (text.Length > MaxBodyLength)
        {
            return MessageErrors.TooLong;
        }

        foreach (var (limit, window) in RateLimits)
        {
            if (sentBySender.Count(at => at > now - window) >= limit)
            {
                return MessageErrors.TooFast;
            }
        }

        LastMessageAt = now;
        return Result<Message>.Ok(new Message(Id, from, senderUserId, text, OffPlatformDetector.Scan(text, countries ?? []), now));
    }
}

public enum ModerationOutcome
{
    /// <summary>An admin looked and found nothing wrong (a false alarm).</summary>
    Cleared,

    /// <summary>An admin confirmed the message breaks the rules; it counts against the sender.</summary>
    Confirmed,
}

public sealed class Message
{
    private Message()
    {
        Body = string.Empty;
    }

    internal Message(Guid conversationId, Actor from, Guid senderId, string body, IReadOnlyList<SignalHit> hits, DateTimeOffset now)
    {
        Id = Ids.New();
        ConversationId = conversationId;
        From = from;
        SenderId = senderId;
        Body = body;
        SentAt = now;
        var evidence = string.Join(" · ", hits.Select(h => h.Evidence));
        Signals = hits.Count == 0 ? null : string.Join(",", hits.Select(h => h.Signal));
        SignalEvidence = hits.Count == 0 ? null : evidence[..Math.Min(evidence.Length, 300)];
    }

    public Guid Id { get; private set; }

    public Guid ConversationId { get; private set; }

    public Actor From { get; private set; }

    /// <summary>The user who wrote it (the buyer, or the store's owner).</summary>
    public Guid SenderId { get; private set; }

    public string Body { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    /// <summary>When the other side first saw it.</summary>
    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>The detector's signals, comma-separated (<see cref="OffPlatformSignal"/> names); null when clean.</summary>
    public string? Signals { get; private set; }

    /// <summary>The words that triggered the signals, for the moderator.</summary>
    public string? SignalEvidence { get; private set; }

    public bool Flagged => Signals is not null;

    public ModerationOutcome? Moderation { get; private set; }

    public DateTimeOffset? ModeratedAt { get; private set; }

    public Guid? ModeratedBy { get; private set; }

    /// <summary>The learned scorer's probability that the message takes business off the platform (null: no model yet).</summary>
    public double? RiskScore { get; private set; }

    /// <summary>The version of the learned model that scored it.</summary>
    public int? ModelVersion { get; private set; }

    /// <summary>
    /// Records the learned model's score (it ranks the moderation queue). The rules flag and explain; a message no rule
    /// flagged is flagged as <see cref="OffPlatformSignal.LearnedScore"/> when its score reaches the model's flag threshold
    /// (chosen on held-out folds of its training data so that rules-or-model keeps 98 % precision there).
    /// </summary>
    public void Score(double probability, int modelVersion, double flagThreshold = Trust.MessageModel.NeverFlags)
    {
        RiskScore = Math.Round(Math.Clamp(probability, 0, 1), 4);
        ModelVersion = modelVersion;
        if (Signals is null && probability >= flagThreshold)
        {
            Signals = nameof(OffPlatformSignal.LearnedScore);
            SignalEvidence = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"model v{modelVersion}: {probability:0.00} ≥ {flagThreshold:0.00}");
        }
    }

    public IReadOnlyList<OffPlatformSignal> SignalList =>
        Signals is null ? [] : Signals.Split(',').Select(Enum.Parse<OffPlatformSignal>).ToList();

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;

    public Result<ModerationOutcome> Moderate(ModerationOutcome outcome, Guid adminId, DateTimeOffset now)
    {
        if (!Flagged)
        {
            return MessageErrors.NotFlagged;
        }

        if (Moderation is not null)
        {
            return MessageErrors.AlreadyModerated;
        }

        Moderation = outcome;
        ModeratedAt = now;
        ModeratedBy = adminId;
        return Result<ModerationOutcome>.Ok(outcome);
    }
}

public static class MessageErrors
{
    public static readonly DomainError Empty = new("message.empty", "Write a message first.");
    public static readonly DomainError TooLong = DomainError.Of("message.too_long", "Keep messages under {0} characters.", Conversation.MaxBodyLength);
    public static readonly DomainError TooFast = new("message.too_fast", "You're sending messages too quickly. Wait a few minutes and try again.");
    public static readonly DomainError NotFound = new("message.not_found", "Conversation not found.", ErrorKind.NotFound);
    public static readonly DomainError OwnListing = new("message.own_listing", "This is your own listing.");
    public static readonly DomainError NotFlagged = new("message.not_flagged", "This message was not flagged.");
    public static readonly DomainError AlreadyModerated = new("message.moderated", "Another admin already reviewed this message.", ErrorKind.Conflict);
}

using Marketplace.Core.Data;
using Marketplace.Core.Notifications;
using Marketplace.Domain.Common;
using Marketplace.Domain.Messaging;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Messaging;

/// <summary>
/// Writes a message into an order's conversation, a listing question, or an existing conversation, as the
/// buyer or the store's owner; anyone else gets "not found". The recipient is notified when the conversation
/// had nothing unread for them (one nudge, not one per message). The detector's flags are saved with it.
/// </summary>
public sealed class SendMessage(MarketplaceDbContext db, Notifier notifier, Marketplace.Core.Trust.MessageScorer scorer, TimeProvider clock)
{
    public async Task<Result<Message>> ToOrderAsync(Guid userId, Guid orderId, string? body, CancellationToken ct = default)
    {
        var sellerId = await Participants.SellerIdOfAsync(db, userId, ct);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId && (o.BuyerId == userId || o.SellerId == sellerId), ct);
        if (order is null)
        {
            return MessageErrors.NotFound;
        }

        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.OrderId == orderId, ct);
        if (conversation is null)
        {
            conversation = Conversation.ForOrder(order, clock.GetUtcNow());
            db.Conversations.Add(conversation);
        }

        return await PostAsync(conversation, userId, body, AboutOrder(order.Number), ct);
    }

    public async Task<Result<Message>> ToListingAsync(Guid userId, Guid listingId, string? body, CancellationToken ct = default)
    {
        // Only what buyers can see takes questions: a draft, hidden or taken-down listing is "not found" (its owner may still answer old ones).
        var listing = await db.Listings.Where(l => l.Id == listingId && l.Status == Marketplace.Domain.Catalog.ListingStatus.Published).Select(l => new { l.SellerId, l.Title }).FirstOrDefaultAsync(ct);
        if (listing is null)
        {
            return MessageErrors.NotFound;
        }

        var sellerId = await Participants.SellerIdOfAsync(db, userId, ct);
        if (listing.SellerId == sellerId)
        {
            return MessageErrors.OwnListing;
        }

        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.ListingId == listingId && c.BuyerId == userId, ct);
        if (conversation is null)
        {
            conversation = Conversation.ForListing(listingId, listing.SellerId, userId, clock.GetUtcNow());
            db.Conversations.Add(conversation);
        }

        return await PostAsync(conversation, userId, body, AboutListing(listing.Title), ct);
    }

    public async Task<Result<Message>> ReplyAsync(Guid userId, Guid conversationId, string? body, CancellationToken ct = default)
    {
        var sellerId = await Participants.SellerIdOfAsync(db, userId, ct);
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId && (c.BuyerId == userId || c.SellerId == sellerId), ct);
        if (conversation is null)
        {
            return MessageErrors.NotFound;
        }

        var about = conversation.OrderId is { } orderId
            ? AboutOrder(await db.Orders.Where(o => o.Id == orderId).Select(o => o.Number).FirstAsync(ct))
            : AboutListing(await db.Listings.Where(l => l.Id == conversation.ListingId).Select(l => l.Title).FirstAsync(ct));
        return await PostAsync(conversation, userId, body, about, ct);
    }

    /// <summary>The notice's title for a message about an order.</summary>
    private static Text AboutOrder(string number) => Text.Of("New message about order {0}", number);

    private static Text AboutListing(string title) => Text.Of("New message about “{0}”", title);

    private async Task<Result<Message>> PostAsync(Conversation conversation, Guid userId, string? body, Text about, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var longest = Conversation.RateLimits.Max(l => l.Window);
        var recent = await db.Messages.Where(m => m.SenderId == userId && m.SentAt > now - longest).Select(m => m.SentAt).ToListAsync(ct);
        var from = conversation.BuyerId == userId ? Actor.Buyer : Actor.Seller;
        var countries = await CountriesAsync(conversation, ct);
        var posted = conversation.Post(from, userId, body, recent, now, countries);
        if (!posted.Succeeded)
        {
            return posted;
        }

        var message = posted.Value!;
        if (await scorer.ScoreAsync(message.Body, ct) is { } score)
        {
            message.Score(score.Probability, score.ModelVersion, score.FlagThreshold);
        }

        var alreadyNudged = await db.Messages.AnyAsync(m => m.ConversationId == conversation.Id && m.From == from && m.ReadAt == null, ct);
        db.Messages.Add(message);
        if (!alreadyNudged)
        {
            var notice = from == Actor.Buyer
                ? new Notice(null, conversation.SellerId, about, Text.Verbatim(Preview(message.Body)), $"/Messages/{conversation.Id}")
                : new Notice(conversation.BuyerId, null, about, Text.Verbatim(Preview(message.Body)), $"/Messages/{conversation.Id}");
            await notifier.AddAsync([notice], now, ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.Entry(conversation).State == EntityState.Added)
        {
            // Both sides wrote the first message at once: the other request made the conversation; write into it.
            db.ChangeTracker.Clear();
            var existing = await db.Conversations.FirstOrDefaultAsync(c => (c.OrderId != null && c.OrderId == conversation.OrderId) || (c.ListingId != null && c.ListingId == conversation.ListingId && c.BuyerId == conversation.BuyerId), ct);
            if (existing is null)
            {
                throw;
            }

            return await ReplyAsync(userId, existing.Id, body, ct);
        }

        return Result<Message>.Ok(message);
    }

    private static string Preview(string body) => body.Length <= 140 ? body : body[..137] + "...";

    /// <summary>The seller's country, the buyer's account country and the order's ship-to country: hints for phone numbers.</summary>
    private async Task<IReadOnlyCollection<string>> CountriesAsync(Conversation conversation, CancellationToken ct)
    {
        var countries = new List<string?>
        {
            await db.Sellers.Where(s => s.Id == conversation.SellerId).Select(s => s.CountryCode).FirstOrDefaultAsync(ct),
            await db.Users.Where(u => u.Id == conversation.BuyerId).Select(u => u.CountryCode).FirstOrDefaultAsync(ct),
        };
        if (conversation.OrderId is { } orderId)
        {
            countries.Add(await db.Orders.Where(o => o.Id == orderId).Select(o => o.Address.CountryCode).FirstOrDefaultAsync(ct));
        }

        return countries.OfType<string>().Where(c => c.Length == 2).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}

internal static class Participants
{
    /// <summary>The store the user owns, if any (a seller reads their store's conversations).</summary>
    public static Task<Guid?> SellerIdOfAsync(MarketplaceDbContext db, Guid userId, CancellationToken ct) =>
        db.Sellers.Where(s => s.UserId == userId).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
}

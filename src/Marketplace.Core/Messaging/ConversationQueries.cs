using Marketplace.Core.Data;
using Marketplace.Domain.Common;
using Marketplace.Domain.Messaging;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Messaging;

/// <summary>One line of the inbox: what it is about, with whom, the last message and how many are unread.</summary>
public sealed record ConversationSummary(Guid Id, ConversationTopic Topic, Text About, string With, Actor Me, DateTimeOffset LastMessageAt, string LastMessage, int Unread, bool AnyFlagged);

/// <summary>A conversation as one side sees it; <see cref="Me"/> is Admin for an admin reading an escalated case.</summary>
public sealed record ConversationThread(Conversation Conversation, Text About, string AboutLink, string BuyerName, string StoreName, Actor Me, IReadOnlyList<Message> Messages);

/// <summary>Read shapes for messaging, scoped to the user asking: a conversation that isn't theirs is simply not found.</summary>
public sealed class ConversationQueries(MarketplaceDbContext db, TimeProvider clock)
{
    /// <summary>The messages waiting for <paramref name="userId"/> to read: a seller's to them as a buyer, a buyer's to their store.</summary>
    /// <remarks>
    /// From the person's own conversations (by the buyer and seller indexes) to their messages, not the other way: every
    /// signed-in page counts these, and a scan of every unread message on the marketplace grows with the marketplace.
    /// </remarks>
    public static IQueryable<Message> UnreadBy(MarketplaceDbContext db, Guid userId)
    {
        var store = db.Sellers.Where(s => s.UserId == userId).Select(s => (Guid?)s.Id);
        return
            from c in db.Conversations
            where c.BuyerId == userId || c.SellerId == store.FirstOrDefault()
            join m in db.Messages on c.Id equals m.ConversationId
            where m.ReadAt == null
                && ((c.BuyerId == userId && m.From == Actor.Seller) || (m.From == Actor.Buyer && c.SellerId == store.FirstOrDefault()))
            select m;
    }

    /// <summary>The user's conversations as a buyer and as a seller, latest first.</summary>
    public async Task<IReadOnlyList<ConversationSummary>> InboxAsync(Guid userId, CancellationToken ct = default)
    {
        var sellerId = await Participants.SellerIdOfAsync(db, userId, ct);
        var rows = await (
                from c in db.Conversations
                where c.BuyerId == userId || c.SellerId == sellerId
                join s in db.Sellers on c.SellerId equals s.Id
                join u in db.Users on c.BuyerId equals u.Id
                orderby c.LastMessageAt descending
                select new
                {
                    c.Id,
                    c.Topic,
                    c.BuyerId,
                    Order = db.Orders.Where(o => o.Id == c.OrderId).Select(o => o.Number).FirstOrDefault(),
                    Listing = db.Listings.Where(l => l.Id == c.ListingId).Select(l => l.Title).FirstOrDefault(),
                    s.StoreName,
                    Buyer = u.DisplayName,
                    c.LastMessageAt,
                    Last = db.Messages.Where(m => m.ConversationId == c.Id).OrderByDescending(m => m.SentAt).Select(m => m.Body).FirstOrDefault(),
                    UnreadFromSeller = db.Messages.Count(m => m.ConversationId == c.Id && m.ReadAt == null && m.From == Actor.Seller),
                    UnreadFromBuyer = db.Messages.Count(m => m.ConversationId == c.Id && m.ReadAt == null && m.From == Actor.Buyer),
                    AnyFlagged = db.Messages.Any(m => m.ConversationId == c.Id && m.Signals != null),
                })
            .Take(200)
            .ToListAsync(ct);
        return rows.Select(r =>
        {
            var me = r.BuyerId == userId ? Actor.Buyer : Actor.Seller;
            return new ConversationSummary(
                r.Id,
                r.Topic,
                r.Order is not null ? Text.Of("Order {0}", r.Order) : r.Listing is { } title ? Text.Verbatim(title) : Text.Of("A listing"),
                me == Actor.Buyer ? r.StoreName : r.Buyer,
                me,
                r.LastMessageAt,
                r.Last ?? string.Empty,
                me == Actor.Buyer ? r.UnreadFromSeller : r.UnreadFromBuyer,
                r.AnyFlagged);
        }).ToList();
    }

    /// <summary>The conversation with its messages, oldest first; what the reader hadn't seen is marked read.</summary>
    public async Task<ConversationThread?> ReadAsync(Guid userId, Guid conversationId, CancellationToken ct = default)
    {
        var sellerId = await Participants.SellerIdOfAsync(db, userId, ct);
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId && (c.BuyerId == userId || c.SellerId == sellerId), ct);
        return conversation is null ? null : await ThreadAsync(conversation, conversation.BuyerId == userId ? Actor.Buyer : Actor.Seller, ct);
    }

    /// <summary>The order's conversation for its buyer or seller (null when none was started or the order isn't theirs).</summary>
    public async Task<ConversationThread?> ForOrderAsync(Guid userId, Guid orderId, CancellationToken ct = default)
    {
        var sellerId = await Participants.SellerIdOfAsync(db, userId, ct);
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.OrderId == orderId && (c.BuyerId == userId || c.SellerId == sellerId), ct);
        return conversation is null ? null : await ThreadAsync(conversation, conversation.BuyerId == userId ? Actor.Buyer : Actor.Seller, ct);
    }

    /// <summary>An order's conversation for an admin (read only, nothing marked read); the caller decides when admins may see it.</summary>
    public async Task<ConversationThread?> ForAdminAsync(Guid orderId, CancellationToken ct = default)
    {
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.OrderId == orderId, ct);
        return conversation is null ? null : await ThreadAsync(conversation, Actor.Admin, ct);
    }

    private async Task<ConversationThread> ThreadAsync(Conversation conversation, Actor me, CancellationToken ct)
    {
        var messages = await db.Messages.Where(m => m.ConversationId == conversation.Id).OrderBy(m => m.SentAt).ThenBy(m => m.Id).Take(500).ToListAsync(ct);
        if (me is Actor.Buyer or Actor.Seller)
        {
            var now = clock.GetUtcNow();
            foreach (var message in messages.Where(m => m.From != me && m.ReadAt is null))
            {
                message.MarkRead(now);
            }

            await db.SaveChangesAsync(ct);
        }

        var names = await (
                from s in db.Sellers
                where s.Id == conversation.SellerId
                from u in db.Users
                where u.Id == conversation.BuyerId
                select new { s.StoreName, Buyer = u.DisplayName })
            .FirstAsync(ct);
        var (about, link) = conversation.OrderId is { } orderId
            ? (Text.Of("Order {0}", await db.Orders.Where(o => o.Id == orderId).Select(o => o.Number).FirstAsync(ct)), me == Actor.Seller ? $"/Seller/Orders/{orderId}" : $"/Orders/{orderId}")
            : (Text.Verbatim(await db.Listings.Where(l => l.Id == conversation.ListingId).Select(l => l.Title).FirstAsync(ct)), $"/Listing/{conversation.ListingId}");
        return new ConversationThread(conversation, about, link, names.Buyer, names.StoreName, me, messages);
    }
}

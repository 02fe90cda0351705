using Marketplace.Core.Checkout;
using Marketplace.Core.Data;
using Marketplace.Core.Messaging;
using Marketplace.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Identity;

/// <summary>What every page's header shows a signed-in person: items in the cart, unread notifications, unread messages.</summary>
public sealed record HeaderCounts(int CartItems, int UnreadNotifications, int UnreadMessages);

/// <summary>The header's counts in one statement (they were three round trips on every page), once per request.</summary>
public sealed class HeaderCountQueries(MarketplaceDbContext db)
{
    private HeaderCounts? _counts;

    public async Task<HeaderCounts> ForAsync(Guid userId, CancellationToken ct = default)
    {
        if (_counts is not null)
        {
            return _counts;
        }

        var cart = CartFinder.QuantitiesIn(db, CartOwner.User(userId));
        var notices = NotificationQueries.UnreadBy(db, userId);
        var messages = ConversationQueries.UnreadBy(db, userId);
        var row = await db.Users
            .Where(u => u.Id == userId)
            .Select(u => new { Cart = cart.Sum(), Notices = notices.Count(), Messages = messages.Count() })
            .FirstOrDefaultAsync(ct);
        return _counts = row is null ? new HeaderCounts(0, 0, 0) : new HeaderCounts(row.Cart, row.Notices, row.Messages);
    }
}

using Marketplace.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Notifications;

public sealed class NotificationQueries(MarketplaceDbContext db, TimeProvider clock)
{
    /// <summary>The notices <paramref name="userId"/> hasn't seen yet.</summary>
    public static IQueryable<Notification> UnreadBy(MarketplaceDbContext db, Guid userId) =>
        db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null);

    /// <summary>The latest 100, newest first; showing them marks them read.</summary>
    public async Task<IReadOnlyList<Notification>> ReadLatestAsync(Guid userId, CancellationToken ct = default)
    {
        var latest = await db.Notifications.Where(n => n.UserId == userId).OrderByDescending(n => n.At).Take(100).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var notification in latest)
        {
            notification.MarkRead(now);
        }

        await db.SaveChangesAsync(ct);
        return latest;
    }
}

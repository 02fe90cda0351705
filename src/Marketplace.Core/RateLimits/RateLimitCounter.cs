using Marketplace.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Core.RateLimits;

/// <summary>
/// How many times one key (e.g. "signin:ip+account:203.0.113.9|pat@mail.test") was used in one fixed window. Kept in the
/// database, so every instance counts the same attempts; rows expire with their window.
/// </summary>
public sealed class RateLimitCounter
{
    private RateLimitCounter()
    {
        Key = string.Empty;
    }

    public string Key { get; private set; }

    /// <summary>The window's number: Unix seconds divided by the window's length.</summary>
    public long Window { get; private set; }

    public int Count { get; private set; }

    /// <summary>Unix seconds after which the row is of no use.</summary>
    public long ExpiresAt { get; private set; }
}

/// <summary>
/// Counts uses per key and window with one atomic upsert (<c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c>, the same on
/// PostgreSQL and SQLite): instances counting the same key at once never lose a count.
/// </summary>
public sealed class RateLimitStore(IServiceScopeFactory scopes)
{
    /// <summary>
    /// Adds one use when the window's count is still within <paramref name="limit"/>; true when this use is allowed. The
    /// count stops at limit + 1 (the conditional update leaves it, and returns no row, once it is over).
    /// </summary>
    public async Task<bool> TryHitAsync(string key, long window, long expiresAt, int limit, CancellationToken ct = default) =>
        await HitAsync(key, window, expiresAt, limit, ct) is { } count && count <= limit;

    /// <summary>Like <see cref="TryHitAsync"/>, with the window's count after this use; null once the key is over its limit.</summary>
    public async Task<int?> HitAsync(string key, long window, long expiresAt, int limit, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var counts = await db.Database.SqlQuery<int>($"""
            INSERT INTO "RateLimitCounters" ("Key", "Window", "Count", "ExpiresAt") VALUES ({key}, {window}, 1, {expiresAt})
            ON CONFLICT ("Key", "Window") DO UPDATE SET "Count" = "RateLimitCounters"."Count" + 1
            WHERE "RateLimitCounters"."Count" <= {limit}
            RETURNING "Count" AS "Value"
            """).ToListAsync(ct);
        return counts.Count == 1 ? counts[0] : null;
    }

    /// <summary>Deletes counters whose window is over; returns how many.</summary>
    public async Task<int> PruneAsync(long now, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        return await db.RateLimitCounters.Where(c => c.ExpiresAt < now).ExecuteDeleteAsync(ct);
    }
}

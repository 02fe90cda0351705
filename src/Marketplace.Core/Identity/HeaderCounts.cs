using System.Data.Common;
using System.Runtime.CompilerServices;
using Marketplace.Core.Checkout;
using Marketplace.Core.Data;
using Marketplace.Core.Messaging;
using Marketplace.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;

namespace Marketplace.Core.Identity;

/// <summary>What every page's header shows a signed-in person: items in the cart, unread notifications, unread messages.</summary>
public sealed record HeaderCounts(int CartItems, int UnreadNotifications, int UnreadMessages);

/// <summary>
/// The header's counts in one statement (they were three round trips on every page), once per request, and kept for a
/// few seconds per person (<see cref="HeaderCountCache"/>): a signed-in page that needs no other data then reads nothing.
/// </summary>
public sealed class HeaderCountQueries(MarketplaceDbContext db, HeaderCountCache cache)
{
    private HeaderCounts? _counts;

    /// <summary>Read past the cache: the person wrote something moments ago, maybe on another instance.</summary>
    public bool ReadFresh { get; init; }

    public async Task<HeaderCounts> ForAsync(Guid userId, CancellationToken ct = default)
    {
        if (_counts is not null)
        {
            return _counts;
        }

        if (!ReadFresh && cache.TryGet(userId, out var kept))
        {
            return _counts = kept;
        }

        var generation = cache.Generation;
        var cart = CartFinder.QuantitiesIn(db, CartOwner.User(userId));
        var notices = NotificationQueries.UnreadBy(db, userId);
        var messages = ConversationQueries.UnreadBy(db, userId);
        var row = await db.Users
            .Where(u => u.Id == userId)
            .Select(u => new { Cart = cart.Sum(), Notices = notices.Count(), Messages = messages.Count() })
            .FirstOrDefaultAsync(ct);
        _counts = row is null ? new HeaderCounts(0, 0, 0) : new HeaderCounts(row.Cart, row.Notices, row.Messages);
        if (db.Database.CurrentTransaction is null)
        {
            cache.Set(userId, _counts, generation);
        }

        return _counts;
    }
}

/// <summary>
/// The header's counts per person for at most <see cref="Lifetime"/>. Every write this process makes to a cart, a
/// notification, a message or a conversation (whoever makes it: the person, another person, a job) starts a new
/// generation, and copies of an older one are never served, so on one instance the counts are always current (a copy
/// read while a transaction's write was still uncommitted is ended by its commit). On PostgreSQL the other instances are told of each such commit
/// (<see cref="CommittedHere"/>) and start a generation too; should that announcement be lost, what another instance
/// changed shows here within <see cref="Lifetime"/>; and the person's own posts mark their browser so that their next
/// pages, on any instance, read afresh (<see cref="HeaderCountQueries.ReadFresh"/>). Kept in a cache of its own,
/// bounded to 100,000 people.
/// </summary>
public sealed class HeaderCountCache(TimeProvider clock) : IDbCommandInterceptor, IDbTransactionInterceptor, IDisposable
{
    /// <summary>How long a copy is kept: the most a count changed on another instance is late here.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private static readonly string[] _tables = ["\"Carts\"", "\"CartLines\"", "\"Notifications\"", "\"Messages\"", "\"Conversations\""];

    private static readonly object _marker = new();

    /// <summary>Transactions that wrote one of the tables: their commit starts another generation too.</summary>
    private readonly ConditionalWeakTable<DbTransaction, object> _wrote = [];

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(Guid userId, out HeaderCounts counts)
    {
        if (_cache.TryGetValue(userId, out var found) && found is Copy copy && copy.Generation == Generation && clock.GetUtcNow() < copy.Until)
        {
            counts = copy.Counts;
            return true;
        }

        counts = null!;
        return false;
    }

    /// <summary>Keeps what was read, unless a write began or ended since <paramref name="readGeneration"/> was taken before the read.</summary>
    public void Set(Guid userId, HeaderCounts counts, long readGeneration)
    {
        if (readGeneration == Generation)
        {
            _cache.Set(userId, new Copy(counts, readGeneration, clock.GetUtcNow() + Lifetime), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        }
    }

    /// <summary>Every copy is forgotten.</summary>
    public void Changed() => Interlocked.Increment(ref _generation);

    /// <summary>
    /// Raised when a write of this process that may change counts is committed (a statement on its own, or the commit of a
    /// transaction that made one): other instances are told (<c>PageCacheBroadcast</c>) and forget their copies too.
    /// </summary>
    public event Action? CommittedHere;

    public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Executed(command);
        return result;
    }

    public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Executed(command);
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Executed(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Executed(command);
        return ValueTask.FromResult(result);
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Executed(command);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Executed(command);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => _wrote.Remove(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _wrote.Remove(transaction);
        return Task.CompletedTask;
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>A statement that may change a count: one that isn't a plain SELECT and names one of the tables.</summary>
    private static bool MayChangeCounts(string sql) =>
        !sql.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
        && _tables.Any(t => sql.Contains(t, StringComparison.Ordinal));

    private void Executed(DbCommand command)
    {
        if (!MayChangeCounts(command.CommandText))
        {
            return;
        }

        Changed();
        if (command.Transaction is { } transaction)
        {
            _wrote.AddOrUpdate(transaction, _marker);
        }
        else
        {
            CommittedHere?.Invoke();
        }
    }

    private void Committed(DbTransaction transaction)
    {
        if (_wrote.TryGetValue(transaction, out _))
        {
            _wrote.Remove(transaction);
            Changed();
            CommittedHere?.Invoke();
        }
    }

    /// <summary>A copy is served until <paramref name="Until"/> by the business clock (the cache's own expiry only frees the memory).</summary>
    private sealed record Copy(HeaderCounts Counts, long Generation, DateTimeOffset Until);
}

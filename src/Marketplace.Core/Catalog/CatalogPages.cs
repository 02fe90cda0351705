using System.Data.Common;
using System.Runtime.CompilerServices;
using Marketplace.Core.Exchange;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Reviews;
using Marketplace.Domain.Sellers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Marketplace.Core.Catalog;

/// <summary>
/// Whatever keeps copies of pages built from the catalog (the web app's output cache): told once a change is committed.
/// </summary>
public interface ICatalogPages
{
    /// <summary>
    /// <paramref name="listings"/> changed (price, stock, text, photos, status, rating); null when every page may have:
    /// a seller, a category, the marketplace's rules or the exchange rates.
    /// </summary>
    Task ChangedAsync(IReadOnlyCollection<Guid>? listings);
}

/// <summary>
/// Finds what a save changes in the catalog and tells <see cref="ICatalogPages"/> after the commit, never before: a page
/// rendered between an eviction and the commit would otherwise put the old data back in the cache. Inside an explicit
/// transaction the changes wait for its commit (and are dropped with a rollback). Changes made without the change tracker
/// (stock taken with ExecuteUpdate) are reported with <see cref="TouchAsync"/>.
/// </summary>
public sealed class CatalogChangeInterceptor(ICatalogPages pages) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    /// <summary>Listings changed by a bulk statement through <paramref name="db"/> (reported when its transaction commits).</summary>
    public static async Task TouchAsync(DbContext db, IEnumerable<Guid> listings)
    {
        var interceptor = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<CatalogChangeInterceptor>().FirstOrDefault();
        if (interceptor is null)
        {
            return;
        }

        var pending = _pending.GetOrCreateValue(db);
        lock (pending)
        {
            pending.Listings.UnionWith(listings);
        }

        if (db.Database.CurrentTransaction is null)
        {
            await interceptor.FlushAsync(db);
        }
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            FlushAsync(eventData.Context).GetAwaiter().GetResult();
        }

        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            await FlushAsync(eventData.Context);
        }

        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => FlushAsync(eventData.Context).GetAwaiter().GetResult();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        FlushAsync(eventData.Context);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Drop(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Collect(DbContext? db)
    {
        if (db is null)
        {
            return;
        }

        Pending? pending = null;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var listing = ListingOf(entry);
            var everything = entry.Entity is Seller or Category or RulesChange or ExchangeRateRow;
            if (listing is null && !everything)
            {
                continue;
            }

            pending ??= _pending.GetOrCreateValue(db);
            lock (pending)
            {
                if (listing is { } id)
                {
                    pending.Listings.Add(id);
                }

                pending.Everything |= everything;
            }
        }
    }

    /// <summary>The listing an entry belongs to: a listing, one of its variants, a review of it, or a part it owns (photos, specs, shipping).</summary>
    private static Guid? ListingOf(EntityEntry entry)
    {
        switch (entry.Entity)
        {
            case Listing listing:
                return listing.Id;
            case ListingVariant variant:
                return variant.ListingId;
            case Review review:
                return review.ListingId;
            case ShippingOption:
                // Linked back by a column the model keeps in the shadows.
                return (entry.Property("ListingId").CurrentValue ?? entry.Property("ListingId").OriginalValue) as Guid?;
        }

        var ownership = entry.Metadata.FindOwnership();
        if (ownership?.PrincipalEntityType.ClrType == typeof(Listing) && ownership.Properties.Count == 1)
        {
            return entry.Property(ownership.Properties[0].Name).CurrentValue as Guid?;
        }

        return null;
    }

    /// <summary>Not cancellable: the change is committed, so the copies must go even when the request that made it was cancelled.</summary>
    private Task FlushAsync(DbContext? db)
    {
        if (db is null || !_pending.TryGetValue(db, out var pending))
        {
            return Task.CompletedTask;
        }

        IReadOnlyCollection<Guid>? listings;
        lock (pending)
        {
            if (!pending.Everything && pending.Listings.Count == 0)
            {
                return Task.CompletedTask;
            }

            listings = pending.Everything ? null : pending.Listings.ToArray();
            pending.Listings.Clear();
            pending.Everything = false;
        }

        return pages.ChangedAsync(listings);
    }

    private static void Drop(DbContext? db)
    {
        if (db is not null && _pending.TryGetValue(db, out var pending))
        {
            lock (pending)
            {
                pending.Listings.Clear();
                pending.Everything = false;
            }
        }
    }

    private sealed class Pending
    {
        public HashSet<Guid> Listings { get; } = [];

        public bool Everything { get; set; }
    }
}

/// <summary>The tags copies of catalog data and pages carry, evicted by <see cref="ICatalogPages"/>.</summary>
public static class CatalogTags
{
    /// <summary>On every copy: evicted when every page may have changed (a seller, a category, the rules, the rates).</summary>
    public const string All = "pages";

    /// <summary>On copies that list listings (home, category, search, storefront): evicted when any listing changes.</summary>
    public const string Lists = "lists";

    public static string Listing(Guid id) => "listing:" + id.ToString("N");
}

/// <summary>
/// Read-mostly data the catalog's pages need on every request (a listing with its parts, its reviews, a search's result, the rules, the
/// rates), kept in memory (a <see cref="Microsoft.Extensions.Caching.Memory.MemoryCache"/> of its own, at most 20,000
/// copies, and 2,000 searches' results apart) until a commit evicts its tags or its lifetime ends. A copy made from a read that raced with an eviction is
/// never kept: the tags' tokens are taken before the read. <paramref name="mayCache"/> says which contexts' reads may be
/// kept and served (not a standby's: it may not have replayed a change yet, and a copy would outlive the eviction).
/// </summary>
/// <param name="clock">For <see cref="GetRefreshingAsync"/>'s freshness (the app's clock, so tests can step it; the copies'
/// own lifetimes run on the memory cache's system clock); the system's when not given.</param>
/// <param name="log">Where a failed background read is reported.</param>
public sealed class CatalogDataCache(Func<DbContext, bool>? mayCache = null, TimeProvider? clock = null, Microsoft.Extensions.Logging.ILogger? log = null) : IDisposable
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    private readonly Microsoft.Extensions.Caching.Memory.MemoryCache _cache = new(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions { SizeLimit = 20_000 });

    /// <summary>
    /// Searches' results, on a shelf of their own (at most 2,000): anyone can make up new words, and they mustn't push the
    /// listings and the rest out of <see cref="_cache"/>.
    /// </summary>
    private readonly Microsoft.Extensions.Caching.Memory.MemoryCache _searches = new(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions { SizeLimit = 2_000 });

    /// <summary>
    /// The longest a copy is kept: what an instance missed (a lost announcement from another instance, a change no tag
    /// covers) is at most this old, as the page cache's copies are.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private const int MaxTags = 100_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CancellationTokenSource> _tags = new(StringComparer.Ordinal);

    /// <param name="search">A search's result: kept on the searches' own shelf.</param>
    public async Task<T> GetOrCreateAsync<T>(DbContext db, string key, IReadOnlyList<string> tags, TimeSpan lifetime, Func<CancellationToken, Task<T>> read, CancellationToken ct, bool search = false)
    {
        if (!MayKeep(db))
        {
            return await read(ct);
        }

        var cache = search ? _searches : _cache;
        if (cache.TryGetValue(key, out var found) && found is Box<T> box)
        {
            return box.Value;
        }

        var tokens = TokensFor(tags);
        var value = await read(ct);
        Keep(cache, key, new Box<T>(value), tokens, lifetime);
        return value;
    }

    /// <summary>
    /// A copy served while it is read again: once it is older than <paramref name="freshFor"/> it is still returned, and one
    /// caller starts reading it afresh in the background, in a scope of its own from <paramref name="scopes"/>; so after the
    /// first read no request waits for a slow one (the home page's counts: a scan of the whole catalog). Kept at most twice
    /// <paramref name="freshFor"/> (a site nobody visited for that long reads it again, waiting), and evicted with every copy (<see cref="CatalogTags.All"/>). A background read
    /// that fails leaves the copy as it was; the next caller tries again.
    /// </summary>
    public async Task<T> GetRefreshingAsync<T>(Data.MarketplaceDbContext db, string key, TimeSpan freshFor, Microsoft.Extensions.DependencyInjection.IServiceScopeFactory scopes, Func<Data.MarketplaceDbContext, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        if (!MayKeep(db))
        {
            return await read(db, ct);
        }

        if (_cache.TryGetValue(key, out var found) && found is Refreshing<T> copy)
        {
            if (_clock.GetUtcNow() - copy.ReadAt > freshFor && copy.Claim())
            {
                // Not carrying the request's context (its HttpContext is recycled once it ends).
                using (ExecutionContext.SuppressFlow())
                {
                    _ = Task.Run(() => RefreshAsync(key, copy, freshFor, scopes, read), CancellationToken.None);
                }
            }

            return copy.Value;
        }

        var tokens = TokensFor([]);
        var readAt = _clock.GetUtcNow();
        var value = await read(db, ct);
        Keep(_cache, key, new Refreshing<T>(value, readAt), tokens, freshFor * 2);
        return value;
    }

    /// <summary>Reads <paramref name="copy"/> again in a scope of its own and keeps the result; on failure the copy stays.</summary>
    private async Task RefreshAsync<T>(string key, Refreshing<T> copy, TimeSpan freshFor, Microsoft.Extensions.DependencyInjection.IServiceScopeFactory scopes, Func<Data.MarketplaceDbContext, CancellationToken, Task<T>> read)
    {
        try
        {
            var tokens = TokensFor([]);
            var readAt = _clock.GetUtcNow();
            await using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateAsyncScope(scopes);
            var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Data.MarketplaceDbContext>(scope.ServiceProvider);
            Keep(_cache, key, new Refreshing<T>(await read(db, CancellationToken.None), readAt), tokens, freshFor * 2);
        }
        catch (Exception e)
        {
            // The database is away or the app is stopping: the copy stays, and the next caller tries again.
            if (log is not null)
            {
                Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(log, e, "Reading {Key} again in the background failed; the copy read before is kept", key);
            }

            copy.Release();
        }
    }

    /// <summary>Not a standby's read, nor one inside a transaction (its rows may be rolled back, which evicts nothing).</summary>
    private bool MayKeep(DbContext db) => (mayCache is null || mayCache(db)) && db.Database.CurrentTransaction is null;

    private static void Keep(Microsoft.Extensions.Caching.Memory.MemoryCache cache, string key, object value, IReadOnlyList<CancellationToken> tokens, TimeSpan lifetime)
    {
        using var entry = cache.CreateEntry(key);
        entry.Value = value;
        entry.AbsoluteExpirationRelativeToNow = lifetime;
        entry.Size = 1;
        foreach (var token in tokens)
        {
            entry.ExpirationTokens.Add(new Microsoft.Extensions.Primitives.CancellationChangeToken(token));
        }
    }

    /// <summary>
    /// Tokens that are cancelled when any of <paramref name="tags"/> (or every copy) is evicted; taken before a read, they
    /// tell whether what was read may be kept. The table of tags is bounded: past <see cref="MaxTags"/> (ids nobody
    /// changes, made-up ids), everything is evicted and it starts again.
    /// </summary>
    public IReadOnlyList<CancellationToken> TokensFor(IEnumerable<string> tags)
    {
        if (_tags.Count > MaxTags)
        {
            Evict(CatalogTags.All);
        }

        return tags.Append(CatalogTags.All).Distinct(StringComparer.Ordinal).Select(t => _tags.GetOrAdd(t, _ => new CancellationTokenSource()).Token).ToList();
    }

    /// <summary>Evicts the copies tagged <paramref name="tag"/>; evicting <see cref="CatalogTags.All"/> evicts every copy and tag.</summary>
    public void Evict(string tag)
    {
        // Not disposed: a read in flight may still register on its token (it is cancelled, so its copy expires at once).
        if (tag == CatalogTags.All)
        {
            foreach (var key in _tags.Keys)
            {
                if (_tags.TryRemove(key, out var any))
                {
                    any.Cancel();
                }
            }

            return;
        }

        if (_tags.TryRemove(tag, out var source))
        {
            source.Cancel();
        }
    }

    public void Dispose()
    {
        _cache.Dispose();
        _searches.Dispose();
    }

    private sealed record Box<T>(T Value);

    /// <summary>A copy, when it was read, and whether a caller is reading it again.</summary>
    private sealed class Refreshing<T>(T value, DateTimeOffset readAt)
    {
        private int _claimed;

        public T Value { get; } = value;

        public DateTimeOffset ReadAt { get; } = readAt;

        public bool Claim() => Interlocked.CompareExchange(ref _claimed, 1, 0) == 0;

        public void Release() => Volatile.Write(ref _claimed, 0);
    }
}

using Marketplace.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Core.Api;

/// <summary>
/// A request sent with an <c>Idempotency-Key</c> and the answer it got, kept for <see cref="IdempotencyKeys.Lifetime"/>:
/// the same key sent again gets the same answer instead of doing the work twice. Keys are per store.
/// </summary>
public sealed class IdempotencyRecord
{
    private IdempotencyRecord()
    {
        Key = string.Empty;
        RequestHash = string.Empty;
    }

    internal IdempotencyRecord(Guid sellerId, string key, string requestHash, DateTimeOffset now)
    {
        SellerId = sellerId;
        Key = key;
        RequestHash = requestHash;
        CreatedAt = now;
    }

    public Guid SellerId { get; private set; }

    public string Key { get; private set; }

    /// <summary>SHA-256 of the method, path and body: the same key with another request is refused, not replayed.</summary>
    public string RequestHash { get; private set; }

    /// <summary>Null while the first request is still being answered.</summary>
    public int? StatusCode { get; private set; }

    public string? ContentType { get; private set; }

    public string? Location { get; private set; }

    public byte[]? Body { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    internal void Complete(int statusCode, string? contentType, string? location, byte[] body)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Location = location;
        Body = body;
    }
}

public enum IdempotencyState
{
    /// <summary>First time: go ahead, then <see cref="IdempotencyKeys.CompleteAsync"/> or <see cref="IdempotencyKeys.AbandonAsync"/>.</summary>
    Started,

    /// <summary>Answered before: send <see cref="IdempotencyStart.Record"/>'s answer again.</summary>
    Replay,

    /// <summary>The first request with this key is still running.</summary>
    InProgress,

    /// <summary>The key was used for a different request.</summary>
    Mismatch,
}

public sealed record IdempotencyStart(IdempotencyState State, IdempotencyRecord? Record = null);

/// <summary>
/// Claims keys with a unique (store, key) row, so two copies of one request sent at once can't both run; each call uses a
/// database context of its own, apart from the request's.
/// </summary>
public sealed class IdempotencyKeys(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const int MaxKeyLength = 255;

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>A key still unanswered after this long belongs to a request that died with its instance.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether an answer is kept for replay: successes and the request's own mistakes are; a conflict (the object changed
    /// meanwhile, a key in use) and our failures (5xx) aren't, so a retry with the same key runs again.
    /// </summary>
    public static bool Keeps(int statusCode) => statusCode < 500 && statusCode != 409 && statusCode != 429;

    public async Task<IdempotencyStart> BeginAsync(Guid sellerId, string key, string requestHash, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var now = clock.GetUtcNow();
        var existing = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.SellerId == sellerId && r.Key == key, ct);
        if (existing is not null && (now - existing.CreatedAt >= Lifetime || (existing.StatusCode is null && now - existing.CreatedAt >= Abandoned)))
        {
            // Expired, or claimed by a request that never finished (its instance stopped): the key is free again. A copy of
            // this request doing the same at once is sorted out by the insert below.
            var createdAt = existing.CreatedAt;
            await db.IdempotencyRecords.Where(r => r.SellerId == sellerId && r.Key == key && r.CreatedAt == createdAt).ExecuteDeleteAsync(ct);
            existing = null;
        }

        if (existing is null)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord(sellerId, key, requestHash, now));
            try
            {
                await db.SaveChangesAsync(ct);
                return new IdempotencyStart(IdempotencyState.Started);
            }
            catch (DbUpdateException)
            {
                // Another copy of the request claimed the key first.
                db.ChangeTracker.Clear();
                existing = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.SellerId == sellerId && r.Key == key, ct);
                if (existing is null)
                {
                    return new IdempotencyStart(IdempotencyState.InProgress);
                }
            }
        }

        return existing.RequestHash != requestHash ? new IdempotencyStart(IdempotencyState.Mismatch)
            : existing.StatusCode is null ? new IdempotencyStart(IdempotencyState.InProgress)
            : new IdempotencyStart(IdempotencyState.Replay, existing);
    }

    public async Task CompleteAsync(Guid sellerId, string key, int statusCode, string? contentType, string? location, byte[] body, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        if (await db.IdempotencyRecords.FirstOrDefaultAsync(r => r.SellerId == sellerId && r.Key == key, ct) is { } record)
        {
            record.Complete(statusCode, contentType, location, body);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The request failed on our side (or was cut off): the key is free again so a retry can do the work.</summary>
    public async Task AbandonAsync(Guid sellerId, string key, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        await db.IdempotencyRecords.Where(r => r.SellerId == sellerId && r.Key == key && r.StatusCode == null).ExecuteDeleteAsync(ct);
    }

    /// <summary>Deletes records older than <see cref="Lifetime"/>; returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var before = clock.GetUtcNow() - Lifetime;
        return await db.IdempotencyRecords.Where(r => r.CreatedAt < before).ExecuteDeleteAsync(ct);
    }
}

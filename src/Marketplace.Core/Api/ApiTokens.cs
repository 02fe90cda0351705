using System.Security.Cryptography;
using System.Text;
using Marketplace.Core.Data;
using Marketplace.Domain.Common;
using Marketplace.Domain.Sellers;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Api;

/// <summary>What a personal access token may do. A token holds one or more; each endpoint of the seller API needs one.</summary>
public static class ApiScopes
{
    public const string ListingsRead = "listings:read";
    public const string ListingsWrite = "listings:write";

    /// <summary>Orders, and the disputes and conversations about them, read.</summary>
    public const string OrdersRead = "orders:read";

    /// <summary>Ship, add tracking, accept cancellations, reply to buyers.</summary>
    public const string OrdersWrite = "orders:write";

    /// <summary>Accept, counter or reject disputes and upload evidence.</summary>
    public const string DisputesWrite = "disputes:write";
    public const string PayoutsRead = "payouts:read";

    public static IReadOnlyList<string> All { get; } = [ListingsRead, ListingsWrite, OrdersRead, OrdersWrite, DisputesWrite, PayoutsRead];
}

/// <summary>
/// A seller's personal access token for the API: named, scoped, expiring, revocable. Only a SHA-256 hash of the secret is
/// kept (the secret is random, 256 bits: no slow hash is needed), so the secret is shown once, when it is made.
/// </summary>
public sealed class ApiToken
{
    private ApiToken()
    {
        Name = string.Empty;
        Prefix = string.Empty;
        Hash = string.Empty;
        Scopes = string.Empty;
    }

    internal ApiToken(Guid sellerId, string name, string prefix, string hash, IEnumerable<string> scopes, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        Id = Ids.New();
        SellerId = sellerId;
        Name = name;
        Prefix = prefix;
        Hash = hash;
        Scopes = string.Join(' ', scopes);
        CreatedAt = now;
        ExpiresAt = expiresAt;
    }

    public const int MaxNameLength = 80;

    public Guid Id { get; private set; }

    public Guid SellerId { get; private set; }

    public string Name { get; private set; }

    /// <summary>The secret's first characters ("mp_3fK9xQ"), to tell tokens apart on the settings page.</summary>
    public string Prefix { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the whole secret.</summary>
    public string Hash { get; private set; }

    /// <summary>Space-separated <see cref="ApiScopes"/>.</summary>
    public string Scopes { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    /// <summary>The address the last request came from (as the trusted proxy saw it).</summary>
    public string? LastUsedIp { get; private set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Expired at <see cref="ExpiresAt"/> exactly.</summary>
    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && !IsExpired(now);

    internal void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}

/// <summary>A token's secret, shown once, with the token it belongs to.</summary>
public sealed record NewApiToken(ApiToken Token, string Secret);

/// <summary>Who is calling the API: the token and the seller it acts for.</summary>
public sealed record ApiCaller(Guid TokenId, Guid SellerId, IReadOnlyList<string> Scopes);

public static class ApiTokenErrors
{
    public static readonly DomainError NameRequired = DomainError.Of("api_token.name", "Name the token (up to {0} characters), e.g. “Warehouse sync”.", ApiToken.MaxNameLength);
    public static readonly DomainError ScopesRequired = new("api_token.scopes", "Choose at least one permission for the token.");
    public static readonly DomainError Lifetime = DomainError.Of("api_token.lifetime", "A token lasts from {0} to {1} days.", ApiTokens.MinDays, ApiTokens.MaxDays);
    public static readonly DomainError TooMany = DomainError.Of("api_token.too_many", "A store can have at most {0} active tokens. Revoke one you no longer use.", ApiTokens.MaxActive);
    public static readonly DomainError NotFound = new("api_token.not_found", "That token does not exist.", ErrorKind.NotFound);

    /// <summary>Why a secret was refused: deliberately the same for unknown, revoked and expired secrets.</summary>
    public static readonly DomainError Invalid = new("api_token.invalid", "The access token is missing, unknown, revoked or expired.", ErrorKind.Forbidden);
    public static readonly DomainError StoreNotActive = new("api_token.store_not_active", "The store this token belongs to is suspended or closed: its tokens don't work.", ErrorKind.Forbidden);
}

/// <summary>Makes, lists, revokes and checks personal access tokens.</summary>
public sealed class ApiTokens(MarketplaceDbContext db, TimeProvider clock)
{
    public const string SecretPrefix = "mp_";
    public const int MinDays = 1;
    public const int MaxDays = 366;
    public const int MaxActive = 20;

    /// <summary>Uses closer together than this from one address aren't written again (one write per token per minute at most under load).</summary>
    public static readonly TimeSpan UseRecordedEvery = TimeSpan.FromSeconds(60);

    public async Task<Result<NewApiToken>> CreateAsync(Seller seller, string? name, IEnumerable<string>? scopes, int days, CancellationToken ct = default)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > ApiToken.MaxNameLength)
        {
            return ApiTokenErrors.NameRequired;
        }

        var chosen = ApiScopes.All.Where(s => scopes?.Contains(s, StringComparer.Ordinal) == true).ToList();
        if (chosen.Count == 0)
        {
            return ApiTokenErrors.ScopesRequired;
        }

        if (days is < MinDays or > MaxDays)
        {
            return ApiTokenErrors.Lifetime;
        }

        var now = clock.GetUtcNow();
        if (await db.ApiTokens.CountAsync(t => t.SellerId == seller.Id && t.RevokedAt == null && t.ExpiresAt > now, ct) >= MaxActive)
        {
            return ApiTokenErrors.TooMany;
        }

        var secret = SecretPrefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken(seller.Id, name, secret[..(SecretPrefix.Length + 6)], HashOf(secret), chosen, now, now.AddDays(days));
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return Result<NewApiToken>.Ok(new NewApiToken(token, secret));
    }

    /// <summary>The store's tokens, active first, newest first.</summary>
    public async Task<IReadOnlyList<ApiToken>> ListAsync(Guid sellerId, CancellationToken ct = default)
    {
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.SellerId == sellerId).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return tokens.OrderByDescending(t => t.IsActive(now)).ThenByDescending(t => t.CreatedAt).ToList();
    }

    /// <summary>Revokes one of the store's own tokens at once; another store's token is "not found".</summary>
    public async Task<Result<ApiToken>> RevokeAsync(Guid sellerId, Guid tokenId, CancellationToken ct = default)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.SellerId == sellerId, ct);
        if (token is null)
        {
            return ApiTokenErrors.NotFound;
        }

        token.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Result<ApiToken>.Ok(token);
    }

    /// <summary>
    /// The caller a secret stands for, checked on every request: unknown, revoked and expired secrets are refused alike, and
    /// so is every token of a store that isn't active (suspended at once, with no cache in between). Records the use.
    /// </summary>
    public async Task<Result<ApiCaller>> AuthenticateAsync(string? secret, string? address, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret) || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 200)
        {
            return ApiTokenErrors.Invalid;
        }

        var hash = HashOf(secret);
        var row = await (
                from t in db.ApiTokens.AsNoTracking()
                where t.Hash == hash
                join s in db.Sellers on t.SellerId equals s.Id
                select new { Token = t, s.Status })
            .FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        if (row is null || !row.Token.IsActive(now))
        {
            return ApiTokenErrors.Invalid;
        }

        if (row.Status != SellerStatus.Active)
        {
            return ApiTokenErrors.StoreNotActive;
        }

        var token = row.Token;
        if (token.LastUsedAt is not { } last || now - last >= UseRecordedEvery || last > now || token.LastUsedIp != address)
        {
            await db.ApiTokens.Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAt, now).SetProperty(t => t.LastUsedIp, address), ct);
        }

        return Result<ApiCaller>.Ok(new ApiCaller(token.Id, token.SellerId, token.ScopeList));
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

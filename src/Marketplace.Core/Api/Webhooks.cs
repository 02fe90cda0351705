using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marketplace.Core.Data;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Payments;
using Marketplace.Domain.Sellers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Core.Api;

/// <summary>The events a seller's endpoint can receive. <see cref="Ping"/> is the settings page's "send test event".</summary>
public static class WebhookEventTypes
{
    public const string OrderPaid = "order.paid";
    public const string OrderCancelled = "order.cancelled";
    public const string DisputeOpened = "dispute.opened";
    public const string DisputeUpdated = "dispute.updated";
    public const string HoldReleased = "hold.released";
    public const string PayoutSent = "payout.sent";
    public const string ListingHeldForReview = "listing.held_for_review";
    public const string Ping = "ping";

    public static IReadOnlyList<string> All { get; } = [OrderPaid, OrderCancelled, DisputeOpened, DisputeUpdated, HoldReleased, PayoutSent, ListingHeldForReview];
}

/// <summary>Where a store wants its events sent, and the secret they are signed with.</summary>
public sealed class WebhookEndpoint
{
    private WebhookEndpoint()
    {
        Url = string.Empty;
        Secret = string.Empty;
        Events = string.Empty;
    }

    internal WebhookEndpoint(Guid sellerId, string url, string secret, IEnumerable<string> events, DateTimeOffset now)
    {
        Id = Ids.New();
        SellerId = sellerId;
        Url = url;
        Secret = secret;
        Events = string.Join(' ', events);
        CreatedAt = now;
    }

    public const int MaxUrlLength = 500;

    public Guid Id { get; private set; }

    public Guid SellerId { get; private set; }

    public string Url { get; private set; }

    /// <summary>The signing secret ("whsec_…"). Kept as is: signing needs it (like the payment provider's own webhook secrets).</summary>
    public string Secret { get; private set; }

    /// <summary>Space-separated <see cref="WebhookEventTypes"/>.</summary>
    public string Events { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Removed by the seller: nothing more is sent; its delivery log stays.</summary>
    public DateTimeOffset? RemovedAt { get; private set; }

    public IReadOnlyList<string> EventList => Events.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool Wants(string type) => RemovedAt is null && (type == WebhookEventTypes.Ping || EventList.Contains(type, StringComparer.Ordinal));

    internal void Remove(DateTimeOffset now) => RemovedAt ??= now;
}

/// <summary>
/// Something that happened to a store, written in the same transaction as the change itself (the outbox), with the exact
/// JSON every endpoint receives. Its id is the receiver's replay guard: the same event may arrive more than once.
/// </summary>
public sealed class WebhookEvent
{
    private WebhookEvent()
    {
        Type = string.Empty;
        Payload = string.Empty;
    }

    internal WebhookEvent(Guid sellerId, string type, object data, DateTimeOffset now, Guid? onlyEndpoint = null)
    {
        Id = Ids.New();
        SellerId = sellerId;
        Type = type;
        CreatedAt = now;
        OnlyEndpointId = onlyEndpoint;
        Payload = JsonSerializer.Serialize(new { id = PublicId(Id), type, created = now, data }, WebhookJson.Options);
    }

    public Guid Id { get; private set; }

    public Guid SellerId { get; private set; }

    public string Type { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string Payload { get; private set; }

    /// <summary>A test event goes to one endpoint only.</summary>
    public Guid? OnlyEndpointId { get; private set; }

    /// <summary>Deliveries were made for every endpoint that wanted it.</summary>
    public bool FannedOut { get; private set; }

    internal void MarkFannedOut() => FannedOut = true;

    /// <summary>"evt_…", as receivers see it.</summary>
    public static string PublicId(Guid id) => "evt_" + id.ToString("N");
}

public enum WebhookDeliveryStatus
{
    Pending,
    Delivered,

    /// <summary>Gave up after <see cref="WebhookDelivery.MaxAttempts"/> tries, or the endpoint was removed.</summary>
    Failed,
}

/// <summary>One event for one endpoint: tried until a 2xx answer, with backoff; the delivery log shows each one's last answer.</summary>
public sealed class WebhookDelivery : IVersioned
{
    private WebhookDelivery()
    {
    }

    internal WebhookDelivery(WebhookEvent e, WebhookEndpoint endpoint, DateTimeOffset now)
    {
        Id = Ids.New();
        EventId = e.Id;
        EndpointId = endpoint.Id;
        SellerId = e.SellerId;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    /// <summary>About 9 hours of tries: 30 s, 1, 2, 4, 8, 16, 32 minutes, then hourly.</summary>
    public const int MaxAttempts = 12;

    public Guid Id { get; private set; }

    public Guid EventId { get; private set; }

    public Guid EndpointId { get; private set; }

    public Guid SellerId { get; private set; }

    public WebhookDeliveryStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }

    /// <summary>The HTTP status of the last answer; null when there was none (refused, timed out).</summary>
    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>Leases the delivery to one sender (others skip it until the lease runs out).</summary>
    internal void Claim(DateTimeOffset until) => NextAttemptAt = until;

    internal void Record(DateTimeOffset now, int? statusCode, string? error)
    {
        Attempts++;
        LastAttemptAt = now;
        LastStatusCode = statusCode;
        LastError = error is { Length: > 500 } ? error[..500] : error;
        if (statusCode is >= 200 and < 300)
        {
            Status = WebhookDeliveryStatus.Delivered;
            DeliveredAt = now;
        }
        else if (Attempts >= MaxAttempts)
        {
            Status = WebhookDeliveryStatus.Failed;
        }
        else
        {
            NextAttemptAt = now + Backoff.After(Attempts);
        }
    }

    internal void GiveUpIfPending() => Status = Status == WebhookDeliveryStatus.Pending ? WebhookDeliveryStatus.Failed : Status;

    internal void Abandon(DateTimeOffset now, string why)
    {
        Status = WebhookDeliveryStatus.Failed;
        LastAttemptAt = now;
        LastError = why;
    }
}

/// <summary>
/// <c>Webhooks:*</c>. Receivers must be public HTTPS addresses: <see cref="AllowPrivateNetworks"/> (development and tests
/// only) also lets plain HTTP and this machine's or the local network's addresses through.
/// </summary>
public sealed class WebhookOptions
{
    public bool AllowPrivateNetworks { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

public static class WebhookJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}

/// <summary>
/// Turns changes being saved into store events, in the same save (so an event exists exactly when its change does):
/// an order paid or cancelled after payment, a dispute opened or moved to another step, a hold released, a payout sent,
/// a listing held for review. The data is small; receivers read the rest through the API.
/// </summary>
public sealed class WebhookEventsInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Collect(DbContext? context)
    {
        if (context is not MarketplaceDbContext db)
        {
            return;
        }

        if (db.ChangeTracker.AutoDetectChangesEnabled)
        {
            db.ChangeTracker.DetectChanges();
        }

        var now = clock.GetUtcNow();
        var events = new List<WebhookEvent>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (Describe(entry) is { } e)
            {
                events.Add(new WebhookEvent(e.SellerId, e.Type, e.Data, now));
            }
        }

        db.WebhookEvents.AddRange(events);
    }

    private static (Guid SellerId, string Type, object Data)? Describe(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        if (entry.State == EntityState.Added && entry.Entity is Dispute opened)
        {
            return (opened.SellerId, WebhookEventTypes.DisputeOpened, DisputeData(opened));
        }

        if (entry.State != EntityState.Modified || entry.Metadata.FindProperty("Status") is null || !entry.Property("Status").IsModified
            || Equals(entry.Property("Status").OriginalValue, entry.Property("Status").CurrentValue))
        {
            return null;
        }

        var before = entry.Property("Status").OriginalValue;
        return entry.Entity switch
        {
            Order { Status: OrderStatus.Paid } o when before is OrderStatus.PendingPayment => (o.SellerId, WebhookEventTypes.OrderPaid, OrderData(o)),
            Order { Status: OrderStatus.Cancelled or OrderStatus.AutoCancelled } o when before is not OrderStatus.PendingPayment => (o.SellerId, WebhookEventTypes.OrderCancelled, OrderData(o)),
            Dispute d => (d.SellerId, WebhookEventTypes.DisputeUpdated, DisputeData(d)),
            EscrowHold { Status: HoldStatus.Released } h => (h.SellerId, WebhookEventTypes.HoldReleased, new { orderId = h.OrderId, payout = MoneyData(h.Payout), releasedAt = h.ReleasedAt }),
            ProviderCommand { Kind: ProviderCommandKind.Transfer, Status: ProviderCommandStatus.Succeeded } c => (c.SellerId, WebhookEventTypes.PayoutSent, new { orderId = c.OrderId, amount = MoneyData(c.Amount) }),
            Listing { Status: ListingStatus.PendingReview } l => (l.SellerId, WebhookEventTypes.ListingHeldForReview, new { id = l.Id, title = l.Title, status = l.Status, reason = l.ModerationNote }),
            _ => null,
        };
    }

    private static object OrderData(Order o) => new { id = o.Id, number = o.Number, status = o.Status, total = MoneyData(o.SellerTotal), shipBy = o.ShipBy };

    private static object DisputeData(Dispute d) => new { id = d.Id, orderId = d.OrderId, status = d.Status, issue = d.Issue, request = d.Request, nextDeadline = d.NextDeadlineAt };

    private static object MoneyData(Money m) => new { amount = m.Amount, currency = m.Currency };
}

public static class WebhookErrors
{
    public static readonly DomainError Url = DomainError.Of("webhook.url", "Give a full https:// address (up to {0} characters) that your server answers on.", WebhookEndpoint.MaxUrlLength);
    public static readonly DomainError Events = new("webhook.events", "Choose at least one event to receive.");
    public static readonly DomainError TooMany = DomainError.Of("webhook.too_many", "A store can have at most {0} webhook endpoints.", WebhookEndpoints.MaxEndpoints);
    public static readonly DomainError NotFound = new("webhook.not_found", "That webhook endpoint does not exist.", ErrorKind.NotFound);
}

/// <summary>A new endpoint and its signing secret, shown once.</summary>
public sealed record NewWebhookEndpoint(WebhookEndpoint Endpoint, string Secret);

/// <summary>One line of the delivery log.</summary>
public sealed record WebhookLogRow(Guid DeliveryId, string EventId, string EventType, string Url, WebhookDeliveryStatus Status, int Attempts, int? LastStatusCode, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt);

/// <summary>The settings page's webhook actions: add, remove, list, send a test event, read the delivery log.</summary>
public sealed class WebhookEndpoints(MarketplaceDbContext db, WebhookSender sender, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const int MaxEndpoints = 5;

    public async Task<Result<NewWebhookEndpoint>> AddAsync(Seller seller, string? url, IEnumerable<string>? events, CancellationToken ct = default)
    {
        url = url?.Trim();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || url.Length > WebhookEndpoint.MaxUrlLength || !string.IsNullOrEmpty(address.UserInfo) || !string.IsNullOrEmpty(address.Fragment)
            || !(address.Scheme == Uri.UriSchemeHttps || (address.Scheme == Uri.UriSchemeHttp && options.Value.AllowPrivateNetworks)))
        {
            return WebhookErrors.Url;
        }

        var chosen = WebhookEventTypes.All.Where(t => events?.Contains(t, StringComparer.Ordinal) == true).ToList();
        if (chosen.Count == 0)
        {
            return WebhookErrors.Events;
        }

        if (await db.WebhookEndpoints.CountAsync(e => e.SellerId == seller.Id && e.RemovedAt == null, ct) >= MaxEndpoints)
        {
            return WebhookErrors.TooMany;
        }

        var secret = "whsec_" + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
        var endpoint = new WebhookEndpoint(seller.Id, address.AbsoluteUri, secret, chosen, clock.GetUtcNow());
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(ct);
        return Result<NewWebhookEndpoint>.Ok(new NewWebhookEndpoint(endpoint, secret));
    }

    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(Guid sellerId, CancellationToken ct = default) =>
        await db.WebhookEndpoints.AsNoTracking().Where(e => e.SellerId == sellerId && e.RemovedAt == null).OrderBy(e => e.CreatedAt).ToListAsync(ct);

    public async Task<Result<WebhookEndpoint>> RemoveAsync(Guid sellerId, Guid endpointId, CancellationToken ct = default)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == endpointId && e.SellerId == sellerId && e.RemovedAt == null, ct);
        if (endpoint is null)
        {
            return WebhookErrors.NotFound;
        }

        endpoint.Remove(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Result<WebhookEndpoint>.Ok(endpoint);
    }

    /// <summary>Sends a "ping" event to one endpoint now (and logs it like any other delivery); returns the delivery as it ended.</summary>
    public async Task<Result<WebhookLogRow>> SendTestAsync(Guid sellerId, Guid endpointId, CancellationToken ct = default)
    {
        var endpoint = await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == endpointId && e.SellerId == sellerId && e.RemovedAt == null, ct);
        if (endpoint is null)
        {
            return WebhookErrors.NotFound;
        }

        var now = clock.GetUtcNow();
        var ping = new WebhookEvent(sellerId, WebhookEventTypes.Ping, new { message = "A test event from Marketplace: your endpoint receives and verifies events." }, now, endpoint.Id);
        ping.MarkFannedOut();
        var delivery = new WebhookDelivery(ping, endpoint, now);
        delivery.Claim(now + DeliverWebhooks.Lease);
        db.WebhookEvents.Add(ping);
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(ct);
        var (status, error) = await sender.SendAsync(endpoint, ping, ct);
        delivery.Record(clock.GetUtcNow(), status, error);
        delivery.GiveUpIfPending(); // A test is tried once: its answer is the point.
        await db.SaveChangesAsync(ct);
        return Result<WebhookLogRow>.Ok((await LogAsync(sellerId, 1, delivery.Id, ct))[0]);
    }

    /// <summary>The store's latest deliveries, newest first.</summary>
    public Task<List<WebhookLogRow>> LogAsync(Guid sellerId, int take = 30, CancellationToken ct = default) => LogAsync(sellerId, take, null, ct);

    private async Task<List<WebhookLogRow>> LogAsync(Guid sellerId, int take, Guid? deliveryId, CancellationToken ct)
    {
        var rows = await (
                from d in db.WebhookDeliveries.AsNoTracking()
                where d.SellerId == sellerId && (deliveryId == null || d.Id == deliveryId)
                join e in db.WebhookEvents on d.EventId equals e.Id
                join p in db.WebhookEndpoints on d.EndpointId equals p.Id
                orderby d.CreatedAt descending, d.Id descending
                select new { Delivery = d, e.Type, p.Url })
            .Take(take)
            .ToListAsync(ct);
        return rows.Select(r => new WebhookLogRow(
            r.Delivery.Id,
            WebhookEvent.PublicId(r.Delivery.EventId),
            r.Type,
            r.Url,
            r.Delivery.Status,
            r.Delivery.Attempts,
            r.Delivery.LastStatusCode,
            r.Delivery.LastError,
            r.Delivery.CreatedAt,
            r.Delivery.LastAttemptAt,
            r.Delivery.Status == WebhookDeliveryStatus.Pending ? r.Delivery.NextAttemptAt : null)).ToList();
    }
}

/// <summary>
/// POSTs an event to an endpoint, signed: <c>Marketplace-Signature: t={unix seconds},v1={hex HMAC-SHA256 of "{t}.{body}" with
/// the endpoint's secret}</c>. Never follows redirects, and connects only to public addresses (checked on the address
/// actually connected to, so a name that resolves to an internal address later is refused too).
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const string SignatureHeader = "Marketplace-Signature";
    public const string EventIdHeader = "Marketplace-Event-Id";
    public const string EventTypeHeader = "Marketplace-Event-Type";

    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly ILogger<WebhookSender> _logger;

    public WebhookSender(IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookSender> logger)
    {
        var allowPrivate = options.Value.AllowPrivateNetworks;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,

            // A proxy (HTTPS_PROXY in the environment) would be the address checked below, not the receiver's.
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.Value.Timeout,
            ConnectCallback = async (context, ct) =>
            {
                var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
                var allowed = addresses.Where(a => allowPrivate || IsPublic(a)).ToArray();
                if (allowed.Length == 0)
                {
                    throw new HttpRequestException("The address is on a private or local network; webhooks go to public addresses only.");
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { Timeout = options.Value.Timeout };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Marketplace-Webhooks/1");
        _clock = clock;
        _logger = logger;
    }

    /// <summary>The answer's status code (null when there was none) and what went wrong, if anything.</summary>
    public async Task<(int? StatusCode, string? Error)> SendAsync(WebhookEndpoint endpoint, WebhookEvent e, CancellationToken ct)
    {
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(e.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(SignatureHeader, $"t={timestamp},v1={Sign(endpoint.Secret, timestamp, e.Payload)}");
        request.Headers.Add(EventIdHeader, WebhookEvent.PublicId(e.Id));
        request.Headers.Add(EventTypeHeader, e.Type);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var code = (int)response.StatusCode;
            return (code, code is >= 200 and < 300 ? null : $"HTTP {code} {response.ReasonPhrase}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
        {
            _logger.LogInformation("Webhook {EventId} to {Url} failed: {Error}", e.Id, endpoint.Url, ex.Message);
            return (null, ex is TaskCanceledException ? "No answer in time." : ex.InnerException?.Message ?? ex.Message);
        }
    }

    /// <summary>Lower-case hex HMAC-SHA256 of "{timestamp}.{body}".</summary>
    public static string Sign(string secret, long timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    /// <summary>False for loopback, private, link-local, shared (CGNAT), multicast, unspecified and documentation-only ranges.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] < 128)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
                || (b[0] == 198 && b[1] is 18 or 19)
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113));
        }

        var bytes = address.GetAddressBytes();
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
            || (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8)
            || (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b));
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>
/// The outbox worker: makes a delivery per event and endpoint that wants it, then sends what is due, each delivery leased
/// to one instance at a time, retried with backoff until a 2xx answer or <see cref="WebhookDelivery.MaxAttempts"/> tries.
/// </summary>
public sealed class DeliverWebhooks(MarketplaceDbContext db, WebhookSender sender, TimeProvider clock)
{
    public const int BatchSize = 50;

    /// <summary>How long a claimed delivery is left to its sender before another instance may try it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan KeepEventsFor = TimeSpan.FromDays(30);

    /// <summary>At most this many deliveries to one endpoint per pass, so one slow or failing receiver can't hold up the others.</summary>
    public const int PerEndpoint = 10;

    /// <summary>Requests in flight at once.</summary>
    public const int Parallel = 8;

    /// <summary>
    /// One pass: fan out new events, then claim the due deliveries (each leased to this instance) and send them, several at
    /// once; returns how many were sent (delivered or not).
    /// </summary>
    public async Task<int> ExecuteAsync(CancellationToken ct = default)
    {
        await FanOutAsync(ct);
        var now = clock.GetUtcNow();
        var due = (await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
                .OrderBy(d => d.NextAttemptAt)
                .Select(d => new { d.Id, d.EndpointId })
                .Take(BatchSize * 4)
                .ToListAsync(ct))
            .GroupBy(d => d.EndpointId)
            .SelectMany(g => g.Take(PerEndpoint))
            .Take(BatchSize)
            .Select(d => d.Id)
            .ToList();
        var claimed = new List<WebhookDelivery>();
        var stillDue = clock.GetUtcNow();
        foreach (var delivery in await db.WebhookDeliveries.Where(d => due.Contains(d.Id) && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= stillDue).ToListAsync(ct))
        {
            delivery.Claim(clock.GetUtcNow() + Lease);
            try
            {
                await db.SaveChangesAsync(ct);
                claimed.Add(delivery);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.Entry(delivery).State = EntityState.Detached; // Another instance claimed it.
            }
        }

        if (claimed.Count == 0)
        {
            return 0;
        }

        var endpointIds = claimed.Select(d => d.EndpointId).Distinct().ToList();
        var eventIds = claimed.Select(d => d.EventId).Distinct().ToList();
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => endpointIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var events = await db.WebhookEvents.AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var results = new System.Collections.Concurrent.ConcurrentDictionary<Guid, (int? Status, string? Error)>();
        await System.Threading.Tasks.Parallel.ForEachAsync(
            claimed.Where(d => endpoints[d.EndpointId].RemovedAt is null),
            new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = ct },
            async (delivery, token) => results[delivery.Id] = await sender.SendAsync(endpoints[delivery.EndpointId], events[delivery.EventId], token));
        foreach (var delivery in claimed)
        {
            if (results.TryGetValue(delivery.Id, out var result))
            {
                delivery.Record(clock.GetUtcNow(), result.Status, result.Error);
            }
            else
            {
                delivery.Abandon(clock.GetUtcNow(), "The endpoint was removed.");
            }
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return results.Count;
    }

    /// <summary>Deletes events (and their deliveries) older than <see cref="KeepEventsFor"/>; returns how many events.</summary>
    public async Task<int> PruneAsync(CancellationToken ct = default)
    {
        var before = clock.GetUtcNow() - KeepEventsFor;
        var old = db.WebhookEvents.Where(e => e.CreatedAt < before);
        await db.WebhookDeliveries.Where(d => old.Any(e => e.Id == d.EventId) && d.Status != WebhookDeliveryStatus.Pending).ExecuteDeleteAsync(ct);
        return await old.Where(e => !db.WebhookDeliveries.Any(d => d.EventId == e.Id)).ExecuteDeleteAsync(ct);
    }

    private async Task FanOutAsync(CancellationToken ct)
    {
        var events = await db.WebhookEvents.Where(e => !e.FannedOut).OrderBy(e => e.CreatedAt).Take(200).ToListAsync(ct);
        if (events.Count == 0)
        {
            return;
        }

        var sellers = events.Select(e => e.SellerId).Distinct().ToList();
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => sellers.Contains(e.SellerId) && e.RemovedAt == null).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var e in events)
        {
            foreach (var endpoint in endpoints.Where(p => p.SellerId == e.SellerId && p.Wants(e.Type) && (e.OnlyEndpointId is null || e.OnlyEndpointId == p.Id)))
            {
                db.WebhookDeliveries.Add(new WebhookDelivery(e, endpoint, now));
            }

            e.MarkFannedOut();
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another instance fanned these out at the same moment (the unique event-endpoint pair refused the copies).
        }
        catch (DbUpdateException)
        {
            // As above, seen as a unique-key clash.
        }

        db.ChangeTracker.Clear();
    }
}

using System.Net;
using System.Threading.RateLimiting;
using Marketplace.Core.RateLimits;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Infrastructure;

/// <summary><c>RateLimits:Enabled</c> (on by default; the test suite turns it off except in the tests of the limits).</summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// <c>RateLimits:SearchesPerMinute</c>: search and category pages one client may have rendered in a minute, by each
    /// instance (<see cref="RateLimits.SearchOverLimit"/>). Copies the page cache serves don't count.
    /// </summary>
    public int SearchesPerMinute { get; set; } = 120;
}

/// <summary>The clock the windows run on: real time, like sign-in sessions (the business clock's fast-forward doesn't touch it).</summary>
public sealed class RateLimitClock(TimeProvider time)
{
    public TimeProvider Time => time;
}

/// <summary>At most <paramref name="Limit"/> uses per <paramref name="Window"/> for one key.</summary>
public sealed record RateRule(int Limit, TimeSpan Window);

/// <summary>
/// The limits on what costs us or others something: sign-in, registration, account e-mails, disputes, messages, uploads.
/// Each is an ASP.NET Core rate-limiting policy on the pages that do it, counting POSTs only, per client (the IP address
/// the trusted proxy saw, IPv6 by /64) and per account (the address typed in, or the signed-in user). The counts live in
/// the database (<see cref="RateLimitStore"/>), so every instance sees the same attempts. Over a limit: 429 and a page
/// that says when to try again.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Register = "register";
    public const string AccountMail = "account-mail";
    public const string Disputes = "disputes";
    public const string Messages = "messages";
    public const string Uploads = "uploads";
    public const string Searches = "searches";

    /// <summary>Where the 429 page finds how long to wait (the request is re-executed, its headers aren't).</summary>
    public const string RetryAfterItem = "RateLimit.RetryAfter";

    /// <summary>
    /// One address can't lock an account: it gets 5 tries per 15 minutes on an account (10 a day) while lockout needs
    /// 20 wrong passwords in a row, so locking someone out takes four addresses within the window.
    /// </summary>
    public static readonly RateRule SignInPerClient = new(20, TimeSpan.FromMinutes(15));
    public static readonly RateRule SignInPerClientAndAccount = new(5, TimeSpan.FromMinutes(15));
    public static readonly RateRule SignInPerClientAndAccountDaily = new(10, TimeSpan.FromDays(1));
    public static readonly RateRule RegisterPerClient = new(10, TimeSpan.FromHours(1));
    public static readonly RateRule AccountMailPerClient = new(10, TimeSpan.FromHours(1));
    public static readonly RateRule AccountMailPerAccount = new(3, TimeSpan.FromHours(1));
    public static readonly RateRule DisputesPerUser = new(10, TimeSpan.FromHours(1));
    public static readonly RateRule DisputesPerClient = new(30, TimeSpan.FromHours(1));
    public static readonly RateRule MessagesPerUser = new(30, TimeSpan.FromMinutes(10));
    public static readonly RateRule MessagesPerClient = new(60, TimeSpan.FromMinutes(10));
    public static readonly RateRule UploadsPerUser = new(60, TimeSpan.FromHours(1));
    public static readonly RateRule UploadsPerClient = new(120, TimeSpan.FromHours(1));

    /// <summary>Policies that key on an address typed into the form: the form is read before the limiter runs.</summary>
    private static readonly HashSet<string> _formKeyed = [SignIn, Register, AccountMail];

    public static IServiceCollection AddMarketplaceRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection("RateLimits"));
        services.AddSingleton<RateLimitStore>();
        services.AddSingleton<LocalRateLimit>();
        services.AddSingleton(new RateLimitClock(TimeProvider.System));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    context.HttpContext.Items[RetryAfterItem] = wait;
                }

                return ValueTask.CompletedTask;
            };
            Add(options, SignIn, context =>
            [
                ($"{SignIn}:client:{Client(context)}", SignInPerClient),
                ($"{SignIn}:client+account:{Client(context)}|{Account(context, "Input.Email")}", SignInPerClientAndAccount),
                ($"{SignIn}:client+account:{Client(context)}|{Account(context, "Input.Email")}", SignInPerClientAndAccountDaily),
            ]);
            Add(options, Register, context =>
            [
                ($"{Register}:client:{Client(context)}", RegisterPerClient),
                ($"{AccountMail}:account:{Account(context, "Input.Email")}", AccountMailPerAccount),
            ]);
            Add(options, AccountMail, context =>
            [
                ($"{AccountMail}:client:{Client(context)}", AccountMailPerClient),
                ($"{AccountMail}:account:{Account(context, "Email")}", AccountMailPerAccount),
            ]);
            Add(options, Disputes, context => [.. PerUserAndClient(context, Disputes, DisputesPerUser, DisputesPerClient), .. UploadCounters(context)]);
            Add(options, Messages, context => [.. IsMessage(context) ? PerUserAndClient(context, Messages, MessagesPerUser, MessagesPerClient) : [], .. UploadCounters(context)]);
            Add(options, Uploads, UploadCounters);
        });
        return services;
    }

    /// <summary>After authentication (per-user keys) and routing (the page's policy); reads the form first where a policy keys on it.</summary>
    public static WebApplication UseMarketplaceRateLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType
                && context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is { PolicyName: { } policy } && _formKeyed.Contains(policy))
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }

            await next();
        });
        app.UseRateLimiter();
        return app;
    }

    private static IEnumerable<(string Key, RateRule Rule)> PerUserAndClient(HttpContext context, string name, RateRule perUser, RateRule perClient)
    {
        if (context.User.UserId() is { } user)
        {
            yield return ($"{name}:user:{user:N}", perUser);
        }

        yield return ($"{name}:client:{Client(context)}", perClient);
    }

    /// <summary>Pages with a message form post it to the Message (or, on a listing, Ask) handler; their other buttons aren't messages.</summary>
    private static bool IsMessage(HttpContext context) =>
        context.Request.Query["handler"].FirstOrDefault() is { } handler // Razor Pages runs the first handler named
        && (handler.Equals("Message", StringComparison.OrdinalIgnoreCase) || handler.Equals("Ask", StringComparison.OrdinalIgnoreCase));

    /// <summary>Multipart posts carry files: counted as uploads, whatever else the page limits.</summary>
    private static IReadOnlyList<(string Key, RateRule Rule)> UploadCounters(HttpContext context) =>
        context.Request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true
            ? [.. PerUserAndClient(context, Uploads, UploadsPerUser, UploadsPerClient)]
            : [];

    private static void Add(Microsoft.AspNetCore.RateLimiting.RateLimiterOptions options, string name, Func<HttpContext, IReadOnlyList<(string Key, RateRule Rule)>> counters) =>
        options.AddPolicy(name, context =>
        {
            var services = context.RequestServices;
            if (!HttpMethods.IsPost(context.Request.Method) || !services.GetRequiredService<IOptions<RateLimitOptions>>().Value.Enabled)
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            var list = counters(context);
            if (list.Count == 0)
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            var store = services.GetRequiredService<RateLimitStore>();
            var clock = services.GetRequiredService<RateLimitClock>().Time;
            return RateLimitPartition.Get(string.Join('\n', list.Select(c => $"{c.Key}/{c.Rule.Window.TotalSeconds}")), _ => new CountingLimiter(store, clock, list));
        });

    /// <summary>
    /// One use of <paramref name="key"/> in <paramref name="rule"/>'s current fixed window: the window's count so far (null
    /// once over the limit) and the seconds until the window ends. The one place the windows are reckoned.
    /// </summary>
    public static async Task<(int? Count, long Reset)> HitAsync(RateLimitStore store, TimeProvider clock, string key, RateRule rule, CancellationToken ct)
    {
        var (window, ends, now) = WindowOf(clock, rule);
        var count = await store.HitAsync($"{key}/{(long)rule.Window.TotalSeconds}", window, ends, rule.Limit, ct);
        return (count is { } c && c <= rule.Limit ? c : null, ends - now);
    }

    /// <summary>The fixed window of <paramref name="rule"/> that holds now: its number and when it ends, in Unix seconds.</summary>
    public static (long Window, long Ends, long Now) WindowOf(TimeProvider clock, RateRule rule)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var seconds = (long)rule.Window.TotalSeconds;
        var window = now / seconds;
        return (window, (window + 1) * seconds, now);
    }

    /// <summary>
    /// Counts a search or category page this instance is about to render for the client, and says how long to wait when
    /// that is over <see cref="RateLimitOptions.SearchesPerMinute"/> (null: go ahead). A search no copy serves costs
    /// milliseconds of CPU, so one client asking for new ones without pause could keep an instance busy. Counted in
    /// memory (<see cref="LocalRateLimit"/>): it guards the instance's own CPU, on pages read far more often than forms
    /// are posted, where a count in the database would cost each of them a write.
    /// </summary>
    public static TimeSpan? SearchOverLimit(HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        return options.Enabled
            ? services.GetRequiredService<LocalRateLimit>().Hit($"{Searches}:client:{Client(context)}", new RateRule(options.SearchesPerMinute, TimeSpan.FromMinutes(1)))
            : null;
    }

    /// <summary>The 429 a page returns itself: the wait in <c>Retry-After</c> and for the status page that says it.</summary>
    public static IActionResult TooMany(HttpContext context, TimeSpan wait)
    {
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Items[RetryAfterItem] = wait;
        return new StatusCodeResult(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>The client's address as the trusted proxy saw it; IPv6 by its /64 (one household or server gets a whole /64).</summary>
    public static string Client(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    /// <summary>
    /// The e-mail address typed into the form as Identity compares them (trimmed, upper case), hashed so any length fits
    /// the key. The first value, as model binding takes it: repeating the field can't make a fresh key for the same account.
    /// </summary>
    private static string Account(HttpContext context, string field)
    {
        var typed = context.Request.HasFormContentType && context.Request.Form.TryGetValue(field, out var values) && values.Count > 0
            ? values[0]?.Trim().ToUpperInvariant() ?? string.Empty
            : string.Empty;
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(typed)))[..32];
    }

    /// <summary>
    /// Counts one use on each key, shortest window first (one database round trip each), and refuses at the first key
    /// over its limit, without counting the refused request on the longer windows. A key's count stops at its limit + 1,
    /// so pressing "try again" on the 429 page doesn't push the wait further. No permits are held: it only counts.
    /// </summary>
    private sealed class CountingLimiter(RateLimitStore store, TimeProvider clock, IReadOnlyList<(string Key, RateRule Rule)> counters) : RateLimiter
    {
        private long _lastUsed = clock.GetTimestamp();

        public override TimeSpan? IdleDuration => clock.GetElapsedTime(_lastUsed);

        public override RateLimiterStatistics? GetStatistics() => null;

        /// <summary>Counting needs the database: the middleware then awaits <see cref="AcquireAsyncCore"/>.</summary>
        protected override RateLimitLease AttemptAcquireCore(int permitCount) => new Lease(false, null);

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            _lastUsed = clock.GetTimestamp();
            foreach (var (key, rule) in counters.OrderBy(c => c.Rule.Window))
            {
                if (await HitAsync(store, clock, key, rule, cancellationToken) is { Count: null } refused)
                {
                    return new Lease(false, TimeSpan.FromSeconds(refused.Reset));
                }
            }

            return new Lease(true, null);
        }
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}

/// <summary>
/// Fixed-window counts kept in this instance's memory, for limits that guard the instance itself
/// (<see cref="RateLimits.SearchOverLimit"/>); the windows are <see cref="RateLimits.WindowOf"/>'s, on the rate-limit clock.
/// The counts of a window are dropped when the next one starts. One window length at a time: every rule counted here
/// has the same one (a minute).
/// </summary>
public sealed class LocalRateLimit(RateLimitClock clock)
{
    private Counts _current = new(long.MinValue, 0, new());

    /// <summary>Counts one use of <paramref name="key"/>; null while within <paramref name="rule"/>, else the wait until its window ends.</summary>
    public TimeSpan? Hit(string key, RateRule rule)
    {
        var (window, ends, now) = RateLimits.WindowOf(clock.Time, rule);
        var seconds = (long)rule.Window.TotalSeconds;
        var current = Volatile.Read(ref _current);

        // Only ever forward: a request that read the clock just before the minute turned, arriving after another started the
        // new window, counts in the new one (it must not put an old window back and wipe the new one's counts).
        while (current.Seconds != seconds || current.Window < window)
        {
            var next = new Counts(window, seconds, new());
            var seen = Interlocked.CompareExchange(ref _current, next, current);
            current = ReferenceEquals(seen, current) ? next : seen;
        }

        // A count stops at the limit + 1, as the database's do.
        var count = current.ByKey.AddOrUpdate(key, 1, (_, c) => Math.Min(c + 1, rule.Limit + 1));
        return count <= rule.Limit ? null : TimeSpan.FromSeconds(ends - now);
    }

    private sealed record Counts(long Window, long Seconds, System.Collections.Concurrent.ConcurrentDictionary<string, int> ByKey);
}

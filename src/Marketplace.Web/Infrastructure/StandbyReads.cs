namespace Marketplace.Web.Infrastructure;

/// <summary>A page whose GETs may read from the PostgreSQL standby for visitors (slightly stale is fine: search, category, storefront, home, listing).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReadsFromStandbyAttribute : Attribute;

/// <summary>
/// Read routing (issue 14): with <c>ConnectionStrings:MarketplaceStandby</c> set, a GET or HEAD of a page marked
/// <see cref="ReadsFromStandbyAttribute"/> by a visitor who isn't signed in reads from the standby; everything else —
/// every write, signed-in people (their session checks must see a sign-out or suspension at once), every page not
/// marked, background jobs, start-up — uses the primary. Read-your-writes: any request that may write (not
/// GET/HEAD/OPTIONS/TRACE) gives its browser a cookie that keeps its reads on the primary for
/// <c>Database:ReadYourWritesSeconds</c>, longer than replication normally lags, so nobody misses their own change
/// (a seller who publishes and signs out still finds the listing).
/// </summary>
public static class StandbyReads
{
    public const string WroteCookie = ".Marketplace.Wrote";

    /// <summary>
    /// After routing (the page's metadata) and before authentication: the sign-in cookie's handler already makes the request's
    /// database context (Identity's stores), so the choice is made first, from the cookie's presence. Does nothing without a standby.
    /// </summary>
    public static WebApplication UseStandbyReads(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        if (options.StandbyConnectionString is null)
        {
            return app;
        }

        var clock = app.Services.GetRequiredService<TimeProvider>();
        var signInCookie = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme).Cookie.Name!;
        app.Logger.LogInformation("Stale-tolerant page reads go to the PostgreSQL standby; a client's own writes keep it on the primary for {Seconds} s", options.ReadYourWritesWindow.TotalSeconds);
        app.Use((context, next) =>
        {
            var now = clock.GetUtcNow();
            if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            {
                // Set or cleared each time: a status page re-executed in the same request decides again.
                context.Features.Set(MayReadStale(context, signInCookie, now) ? new StandbyRead() : null);
            }
            else if (!HttpMethods.IsOptions(context.Request.Method) && !HttpMethods.IsTrace(context.Request.Method))
            {
                UntilCookie.AppendOnStart(context, WroteCookie, now + options.ReadYourWritesWindow);
            }

            return next(context);
        });
        return app;
    }

    /// <summary>
    /// Whether a request scope's context reads from the standby: only inside the request that was marked for it (a context
    /// made in another scope during the request — the key ring's, a job's — stays on the primary).
    /// </summary>
    public static bool UsesStandby(IServiceProvider scope, DatabaseOptions options) =>
        options.StandbyConnectionString is not null
        && scope.GetService<IHttpContextAccessor>()?.HttpContext is { } context
        && ReferenceEquals(context.RequestServices, scope)
        && context.Features.Get<StandbyRead>() is not null;

    private static bool MayReadStale(HttpContext context, string signInCookie, DateTimeOffset now) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ReadsFromStandbyAttribute>() is not null
        && !context.Request.Cookies.ContainsKey(signInCookie)
        && !WroteRecently(context.Request, now);

    /// <summary>Whether this browser wrote within the read-your-writes window (its pages must show its own changes: no stale copy either).</summary>
    public static bool WroteRecently(HttpRequest request, DateTimeOffset now) => UntilCookie.IsBefore(request, WroteCookie, now);

    private sealed class StandbyRead;
}

/// <summary>A session cookie holding a moment by the server's clock (its time decides, not the browser's expiry): "until then".</summary>
public static class UntilCookie
{
    /// <summary>Sets the cookie when the response starts (after the handler, which may still be writing).</summary>
    public static void AppendOnStart(HttpContext context, string name, DateTimeOffset until) =>
        context.Response.OnStarting(() =>
        {
            context.Response.Cookies.Append(name, until.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), new CookieOptions
            {
                HttpOnly = true,
                Secure = context.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
            });
            return Task.CompletedTask;
        });

    /// <summary>Whether the request's cookie holds a moment still ahead of <paramref name="now"/>.</summary>
    public static bool IsBefore(HttpRequest request, string name, DateTimeOffset now) =>
        request.Cookies.TryGetValue(name, out var value)
        && long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var until)
        && now.ToUnixTimeMilliseconds() < until;
}

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// Several instances on PostgreSQL: a signed-in person's post (add to cart, read a notification, send a message) marks
/// their browser for <see cref="Marketplace.Core.Identity.HeaderCountCache.Lifetime"/> with a cookie every instance reads,
/// and their pages in that time count the header afresh (<see cref="Marketplace.Core.Identity.HeaderCountQueries.ReadFresh"/>):
/// the page after the post may come from an instance that hasn't heard of the change yet (its NOTIFY still on the way).
/// One instance on SQLite needs none of this: its own writes end its kept counts at once.
/// </summary>
public static class HeaderCountsFreshness
{
    public const string Cookie = ".Marketplace.Counts";

    public static WebApplication UseHeaderCountsFreshness(this WebApplication app)
    {
        if (app.Services.GetRequiredService<DatabaseOptions>().Provider != DatabaseProvider.Postgres)
        {
            return app;
        }

        var clock = app.Services.GetRequiredService<TimeProvider>();
        var signInCookie = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme).Cookie.Name!;
        app.Use((context, next) =>
        {
            var method = context.Request.Method;
            if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method) && !HttpMethods.IsTrace(method)
                && context.Request.Cookies.ContainsKey(signInCookie))
            {
                UntilCookie.AppendOnStart(context, Cookie, clock.GetUtcNow() + Marketplace.Core.Identity.HeaderCountCache.Lifetime);
            }

            return next(context);
        });
        return app;
    }

    /// <summary>Whether this browser posted as a signed-in person within the last <see cref="Marketplace.Core.Identity.HeaderCountCache.Lifetime"/>.</summary>
    public static bool PostedRecently(HttpRequest request, DateTimeOffset now) => UntilCookie.IsBefore(request, Cookie, now);
}

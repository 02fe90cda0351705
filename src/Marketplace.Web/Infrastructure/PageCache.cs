using Marketplace.Core.Catalog;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.OutputCaching;

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// The catalog's public pages (home, category, search, listing, storefront) for visitors who aren't signed in and have
/// no cart, from ASP.NET Core output caching: one copy per path and query (<see cref="QueryKeys"/>), language, ship-to country and display
/// currency, and per minute of the business clock. A copy goes when what it shows changes (<see cref="OutputCachedPages"/>,
/// told by the database's commit) and after <c>PageCache:Seconds</c> (60) at most, which bounds what isn't evicted: trust
/// figures, rates growing stale.
/// Nothing personal is in these pages for such visitors: no name, no cart count, no antiforgery token (their forms only
/// set preferences or fill a guest cart, see <see cref="AntiforgeryWhenSignedInAttribute"/>).
/// </summary>
public sealed class PageCache(TimeSpan lifetime) : IOutputCachePolicy
{
    public const string PolicyName = "catalog-pages";

    /// <summary>On every cached page: evicted when every page may have changed (a seller, a category, the rules, the rates).</summary>
    public const string AllTag = CatalogTags.All;

    /// <summary>On the pages that list listings (home, category, search, storefront): evicted when any listing changes.</summary>
    public const string ListsTag = CatalogTags.Lists;

    public static string ListingTag(Guid id) => CatalogTags.Listing(id);

    private const string TokensItem = "PageCache.Tokens";

    private const string QueryItem = "PageCache.Query";

    /// <summary>
    /// The query keys these pages read (the list pages' filters and page number, the listing's variant, photo and review
    /// choices, a handler name). A copy is kept per their values only, in any order: a link carrying tracking parameters
    /// (<c>utm_source</c>, <c>fbclid</c>, a new value per click) or junk keys gets the same copy instead of a page rendered
    /// and stored for it alone. A page that reads another key must add it here (a test checks the bound ones).
    /// </summary>
    public static readonly string[] QueryKeys = ["q", "category", "min", "max", "ships", "free", "rating", "sort", "page", "variant", "image", "stars", "photos", "handler"];

    /// <summary>
    /// This page's address for the forms that come back to it (ship-to, currency, language): on a cached page with only the
    /// keys the copy is kept by, since the copy is served to every address that differs in the others.
    /// </summary>
    public static string ReturnUrl(HttpContext http) => http.Request.Path + (http.Items.ContainsKey(QueryItem)
        ? QueryString.Create(http.Request.Query.Where(p => QueryKeys.Contains(p.Key, StringComparer.OrdinalIgnoreCase)))
        : http.Request.QueryString);

    /// <summary>
    /// Whether this request may be answered from (and stored in) the cache: nobody signed in, no guest cart, no pending
    /// message, and no write of its own within the read-your-writes window (<see cref="StandbyReads"/>: it must see it).
    /// </summary>
    private static bool IsAnonymousVisit(HttpContext http) =>
        (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        && http.User.Identity?.IsAuthenticated != true
        && !http.Request.Cookies.ContainsKey(Buyers.CartCookie)
        && !http.Request.Cookies.ContainsKey(CookieTempDataProvider.CookieName)
        && !StandbyReads.WroteRecently(http.Request, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        if (!IsAnonymousVisit(http))
        {
            return ValueTask.CompletedTask;
        }

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = lifetime;
        context.CacheVaryByRules.QueryKeys = QueryKeys;
        http.Items[QueryItem] = null; // marks a cacheable visit: its forms' return address is built from the kept keys when it renders
        // Both cultures: texts follow the UI culture, numbers and dates the other (a cookie may set them apart).
        var culture = http.Features.Get<IRequestCultureFeature>()?.RequestCulture;
        context.CacheVaryByRules.VaryByValues["lang"] = culture is null ? string.Empty : culture.UICulture.Name + "|" + culture.Culture.Name;
        context.CacheVaryByRules.VaryByValues["ship"] = http.RequestServices.GetRequiredService<DestinationCountry>().Code;
        context.CacheVaryByRules.VaryByValues["cur"] = http.RequestServices.GetRequiredService<DisplayCurrency>().Code;
        // The business clock's minute: dates and "n days" on these pages move with it (and with a test's or admin's fast-forward).
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        context.CacheVaryByRules.VaryByValues["min"] = (now.ToUnixTimeSeconds() / 60).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Tags.Add(AllTag);
        if (http.Request.RouteValues.TryGetValue("id", out var id) && Guid.TryParse(id?.ToString(), out var listing) && http.Request.Path.StartsWithSegments("/Listing"))
        {
            context.Tags.Add(ListingTag(listing));
        }
        else
        {
            context.Tags.Add(ListsTag);
        }

        // A page rendered from rows read before an eviction mustn't be stored after it (see ServeResponseAsync).
        http.Items[TokensItem] = http.RequestServices.GetRequiredService<CatalogDataCache>().TokensFor(context.Tags);

        // These pages hold no secret (no token, nothing personal): compressing them over HTTPS gives BREACH nothing to find.
        if (http.Features.Get<IHttpsCompressionFeature>() is { } compression)
        {
            compression.Mode = HttpsCompressionMode.Compress;
        }

        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || !Microsoft.Extensions.Primitives.StringValues.IsNullOrEmpty(response.Headers.SetCookie)
            || (context.HttpContext.Items[TokensItem] is IReadOnlyList<CancellationToken> tokens && tokens.Any(t => t.IsCancellationRequested)))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}

public static class PageCacheRegistration
{
    public static IServiceCollection AddMarketplacePageCache(this IServiceCollection services, IConfiguration configuration)
    {
        var seconds = configuration.GetValue("PageCache:Seconds", 60);
        services.AddOutputCache(options =>
        {
            options.AddPolicy(PageCache.PolicyName, new PageCache(TimeSpan.FromSeconds(Math.Max(1, seconds))));
            options.SizeLimit = configuration.GetValue("PageCache:SizeLimitBytes", 100L * 1024 * 1024);
        });
        services.AddSingleton<OutputCachedPages>();
        services.AddSingleton<CatalogChangeInterceptor>();
        var database = services.Select(d => d.ImplementationInstance).OfType<DatabaseOptions>().Single();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // Several instances may share the database: each change is announced to the others (PageCacheBroadcast).
            services.AddSingleton<BroadcastCatalogPages>();
            services.AddSingleton<ICatalogPages>(provider => provider.GetRequiredService<BroadcastCatalogPages>());
            services.AddHostedService<PageCacheListener>();
        }
        else
        {
            services.AddSingleton<ICatalogPages>(provider => provider.GetRequiredService<OutputCachedPages>());
        }

        return services;
    }
}

/// <summary>Evicts the cached pages and data a committed catalog change makes wrong.</summary>
public sealed class OutputCachedPages(IOutputCacheStore store, CatalogDataCache data) : ICatalogPages
{
    public async Task ChangedAsync(IReadOnlyCollection<Guid>? listings)
    {
        foreach (var tag in listings is null ? [CatalogTags.All] : listings.Select(CatalogTags.Listing).Prepend(CatalogTags.Lists))
        {
            data.Evict(tag);
            await store.EvictByTagAsync(tag, CancellationToken.None);
        }
    }
}

/// <summary>
/// Forms on cached pages (add to cart, ship-to and currency, language) carry no antiforgery token for a visitor who isn't
/// signed in: a token is personal and would be served to the next visitor. Signed-in people's pages aren't cached, so
/// their posts are checked against the token as everywhere else, except a visitor's form (<see cref="VisitorHandler"/>)
/// posted without a valid token that the browser says comes from this site (<c>Sec-Fetch-Site: same-origin</c>: a page
/// loaded before signing in, in this tab or another). Visitors' posts must come from this site's own pages by the
/// browser's word (<c>Sec-Fetch-Site: same-origin</c>, else a matching <c>Origin</c>): a browser signed in here doesn't send
/// its Lax sign-in cookie with another site's post, so without this check a page elsewhere could still set the currency a
/// signed-in buyer's checkout charges. A client that sends neither header (not a browser) isn't refused.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AntiforgeryWhenSignedInAttribute : Attribute, IAsyncAuthorizationFilter, IAntiforgeryPolicy, IOrderedFilter
{
    /// <summary>After the framework's own (1000, like IgnoreAntiforgeryToken), so this is the policy in effect.</summary>
    public int Order => 1000;

    /// <summary>
    /// The handler of the form a visitor's copy carries (e.g. "AddToCart"), when the page has other posts: only that one
    /// is taken without a token from a signed-in person. Null: the page's one post is that form.
    /// </summary>
    public string? VisitorHandler { get; init; }

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (!context.IsEffectivePolicy<IAntiforgeryPolicy>(this)
            || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method) || HttpMethods.IsTrace(http.Request.Method))
        {
            return;
        }

        if (http.User.Identity?.IsAuthenticated != true)
        {
            if (IsFromAnotherSite(http.Request))
            {
                context.Result = new Microsoft.AspNetCore.Mvc.BadRequestResult();
            }

            return;
        }

        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException) when (http.Request.Headers["Sec-Fetch-Site"] == "same-origin" && IsVisitorForm(http))
        {
            // A visitor's form on a page rendered before this person signed in (a visitor's copy has no token): the browser
            // says the post comes from this site's own page, which a forged post can't say. Only Sec-Fetch-Site counts here
            // (an Origin compared with the Host header isn't as sure); a browser without it gets the 400 as before.
        }
        catch (AntiforgeryValidationException)
        {
            context.Result = new Microsoft.AspNetCore.Mvc.BadRequestResult();
        }
    }

    private bool IsVisitorForm(HttpContext http) =>
        VisitorHandler is null
        || string.Equals(http.Request.Query["handler"].FirstOrDefault() ?? http.Request.RouteValues["handler"]?.ToString(), VisitorHandler, StringComparison.OrdinalIgnoreCase);

    internal static bool IsFromAnotherSite(HttpRequest request) => FetchSite(request) is { } site && site is not ("same-origin" or "none");

    /// <summary>
    /// Where the browser says a request comes from: its <c>Sec-Fetch-Site</c>, else "same-origin" or "cross-site" from its
    /// <c>Origin</c>; null when it sent neither (not a browser, or a very old one).
    /// </summary>
    private static string? FetchSite(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site)
        {
            return site;
        }

        if (request.Headers.Origin.ToString() is { Length: > 0 } origin)
        {
            return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
                ? "same-origin"
                : "cross-site";
        }

        return null;
    }
}

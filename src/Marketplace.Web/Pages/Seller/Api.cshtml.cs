using Marketplace.Core.Api;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Seller;

/// <summary>The store's personal access tokens for the seller API: make one (its secret shown once), see when each was last used, revoke.</summary>
public sealed class ApiModel(ApiTokens tokens, WebhookEndpoints webhooks, TimeProvider clock, Core.RateLimits.RateLimitStore limits, RateLimitClock limitClock, Microsoft.Extensions.Options.IOptions<RateLimitOptions> limitOptions) : SellerPageModel
{
    /// <summary>Test events a store may send: each is a request from our servers to an address the seller chose.</summary>
    public static readonly RateRule TestEvents = new(10, TimeSpan.FromMinutes(10));

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    public IReadOnlyList<WebhookEndpoint> Endpoints { get; private set; } = [];

    public IReadOnlyList<WebhookLogRow> Deliveries { get; private set; } = [];

    public string? WebhookUrl { get; private set; }

    public IReadOnlyList<string> WebhookEvents { get; private set; } = WebhookEventTypes.All;

    /// <summary>A new endpoint's signing secret, shown once.</summary>
    public string? NewWebhookSecret { get; private set; }

    /// <summary>The outcome of "send test event".</summary>
    public WebhookLogRow? TestResult { get; private set; }

    public DateTimeOffset Now => clock.GetUtcNow();

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public List<string> Scopes { get; set; } = [];

    [BindProperty]
    public int Days { get; set; } = 90;

    /// <summary>The new token's secret: on the page that made it and nowhere else, ever.</summary>
    public string? NewSecret { get; private set; }

    public static IReadOnlyList<int> Lifetimes { get; } = [7, 30, 90, 180, 366];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadSellerAsync(ct))
        {
            return Redirect("/Sell");
        }

        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!await LoadSellerAsync(ct))
        {
            return Redirect("/Sell");
        }

        var made = await tokens.CreateAsync(Store, Name, Scopes, Days, ct);
        if (made.Succeeded)
        {
            NewSecret = made.Value!.Secret;
            Name = null;
            Scopes = [];
            Response.Headers.CacheControl = "no-store";
        }
        else
        {
            var error = made.Error!;
            error.AddTo(ModelState, error.Code switch
            {
                "api_token.name" => nameof(Name),
                "api_token.scopes" => nameof(Scopes),
                _ => string.Empty,
            });
        }

        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid tokenId, CancellationToken ct)
    {
        if (!await LoadSellerAsync(ct))
        {
            return Redirect("/Sell");
        }

        var revoked = await tokens.RevokeAsync(Store.Id, tokenId, ct);
        if (revoked.Error?.AsHttpResult() is { } http)
        {
            return http;
        }

        TempData["Message"] = Localization.Texts["Token revoked: it stopped working at once."].Value;
        return Redirect("/Seller/Api");
    }

    public async Task<IActionResult> OnPostAddWebhookAsync(string? webhookUrl, List<string>? webhookEvents, CancellationToken ct)
    {
        if (!await LoadSellerAsync(ct))
        {
            return Redirect("/Sell");
        }

        (WebhookUrl, WebhookEvents) = (webhookUrl, webhookEvents ?? []);
        var added = await webhooks.AddAsync(Store, WebhookUrl, WebhookEvents, ct);
        if (added.Succeeded)
        {
            NewWebhookSecret = added.Value!.Secret;
            (WebhookUrl, WebhookEvents) = (null, WebhookEventTypes.All);
            Response.Headers.CacheControl = "no-store";
        }
        else
        {
            var error = added.Error!;
            error.AddTo(ModelState, error.Code == "webhook.events" ? nameof(WebhookEvents) : nameof(WebhookUrl));
        }

        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostRemoveWebhookAsync(Guid endpointId, CancellationToken ct)
    {
        if (!await LoadSellerAsync(ct))
        {
            return Redirect("/Sell");
        }

        var removed = await webhooks.RemoveAsync(Store.Id, endpointId, ct);
        if (removed.Error?.AsHttpResult() is { } http)
        {
            return http;
        }

        TempData["Message"] = Localization.Texts["Endpoint removed: nothing more is sent to it."].Value;
        return Redirect("/Seller/Api");
    }

    public async Task<IActionResult> OnPostTestWebhookAsync(Guid endpointId, CancellationToken ct)
    {
        if (!await LoadSellerAsync(ct))
        {
            return Redirect("/Sell");
        }

        if (limitOptions.Value.Enabled)
        {
            if (await RateLimits.HitAsync(limits, limitClock.Time, $"webhook-test:seller:{Store.Id:N}", TestEvents, ct) is { Count: null })
            {
                ModelState.AddModelError("WebhookTest", Localization.Texts["You sent {0} test events in the last minutes: wait a few minutes and try again.", TestEvents.Limit].Value);
                return await ShowAsync(ct);
            }
        }

        var sent = await webhooks.SendTestAsync(Store.Id, endpointId, ct);
        if (sent.Error?.AsHttpResult() is { } http)
        {
            return http;
        }

        TestResult = sent.Value;
        return await ShowAsync(ct);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Tokens = await tokens.ListAsync(Store.Id, ct);
        Endpoints = await webhooks.ListAsync(Store.Id, ct);
        Deliveries = await webhooks.LogAsync(Store.Id, 30, ct);
        return Page();
    }
}

using Marketplace.Core.Api;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Seller;

/// <summary>The store's personal access tokens for the seller API: make one (its secret shown once), see when each was last used, revoke.</summary>
public sealed class ApiModel(ApiTokens tokens, TimeProvider clock) : SellerPageModel
{
    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

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

        Tokens = await tokens.ListAsync(Store.Id, ct);
        return Page();
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

        Tokens = await tokens.ListAsync(Store.Id, ct);
        return Page();
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
}

using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

/// <summary>
/// Remembers the currency the buyer sees prices in (or "seller" for the sellers' own) and goes back to where they were.
/// The display currency is also what a checkout charges, so only "show sellers' prices" may be set by a plain link (one
/// click from a listing); any other currency takes a form post with its antiforgery token.
/// </summary>
public sealed class CurrencyModel : PageModel
{
    public IActionResult OnGet(string? code, string? returnUrl) => Remember(code == DisplayCurrency.SellersOwn ? code : null, returnUrl);

    public IActionResult OnPost(string? code, string? returnUrl) => Remember(code, returnUrl);

    public static string LinkTo(string code, string returnUrl) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Currency", new Dictionary<string, string?> { ["code"] = code, ["returnUrl"] = returnUrl });

    private LocalRedirectResult Remember(string? code, string? returnUrl)
    {
        if (DisplayCurrency.IsChoice(code))
        {
            DisplayCurrency.Remember(Response, code!);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}

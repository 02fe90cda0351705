using Marketplace.Domain.Common;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

/// <summary>
/// Remembers the currency the buyer sees prices in (or "seller" for the sellers' own) and goes back to where they were.
/// A display preference only, so a plain link may set it too ("show sellers' prices" is one click).
/// </summary>
public sealed class CurrencyModel : PageModel
{
    public IActionResult OnGet(string? code, string? returnUrl) => Remember(code, returnUrl);

    public IActionResult OnPost(string? code, string? returnUrl) => Remember(code, returnUrl);

    public static string LinkTo(string code, string returnUrl) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Currency", new Dictionary<string, string?> { ["code"] = code, ["returnUrl"] = returnUrl });

    private LocalRedirectResult Remember(string? code, string? returnUrl)
    {
        if (code == DisplayCurrency.SellersOwn || Currencies.IsEnabled(code))
        {
            DisplayCurrency.Remember(Response, code!);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}

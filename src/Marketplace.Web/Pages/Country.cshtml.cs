using Marketplace.Domain.Common;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

/// <summary>Remembers the buyer's destination country (and the currency picked beside it) and goes back to where they were.</summary>
[AntiforgeryWhenSignedIn]
public sealed class CountryModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    /// <param name="shownCurrency">The currency the page showed: posted unchanged, the currency keeps following the country.</param>
    /// <param name="shownCode">
    /// The country the page showed: posted unchanged, it isn't remembered, so changing only the currency on a page loaded
    /// before signing in (or before a change in another tab) doesn't put back the country that page showed.
    /// </param>
    public IActionResult OnPost(string? code, string? currency, string? shownCurrency, string? shownCode, string? returnUrl)
    {
        if (Countries.IsKnown(code) && code != shownCode)
        {
            DestinationCountry.Remember(Response, code!);
        }

        if (currency != shownCurrency && DisplayCurrency.IsChoice(currency))
        {
            DisplayCurrency.Remember(Response, currency!);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}

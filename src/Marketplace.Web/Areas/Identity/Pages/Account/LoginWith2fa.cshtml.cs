using System.ComponentModel.DataAnnotations;
using Marketplace.Core.Identity;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>The second step of signing in: a code from the authenticator app (guessed like a password, so limited like one).</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimits.SignIn)]
[AllowAnonymous]
public sealed class LoginWith2faModel(SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the 6-digit code from your app.")]
    [Display(Name = "Code from your app")]
    public string Code { get; set; } = string.Empty;

    [BindProperty]
    [Display(Name = "Don't ask again on this browser")]
    public bool RememberBrowser { get; set; }

    public string ReturnUrl { get; private set; } = "/";

    public bool RememberMe { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool rememberMe = false, string? returnUrl = null)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("./Login", new { returnUrl });
        }

        (RememberMe, ReturnUrl) = (rememberMe, Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(bool rememberMe = false, string? returnUrl = null)
    {
        (RememberMe, ReturnUrl) = (rememberMe, Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("./Login", new { returnUrl = ReturnUrl });
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = Code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, RememberBrowser);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl);
        }

        if (result.IsLockedOut)
        {
            return RedirectToPage("./Lockout");
        }

        ModelState.AddModelError(nameof(Code), Localization.Texts["That code isn't right. Check that your phone's clock is correct and enter the newest code."]);
        return Page();
    }
}

using System.ComponentModel.DataAnnotations;
using Marketplace.Core.Identity;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>The second step of signing in without the phone: one of the recovery codes, each good once.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimits.SignIn)]
[AllowAnonymous]
public sealed class LoginWithRecoveryCodeModel(SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter one of your recovery codes.")]
    [Display(Name = "Recovery code")]
    public string Code { get; set; } = string.Empty;

    public string ReturnUrl { get; private set; } = "/";

    public async Task<IActionResult> OnGetAsync(string? returnUrl = null)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("./Login", new { returnUrl });
        }

        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("./Login", new { returnUrl = ReturnUrl });
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Code.Replace(" ", string.Empty, StringComparison.Ordinal));
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl);
        }

        if (result.IsLockedOut)
        {
            return RedirectToPage("./Lockout");
        }

        ModelState.AddModelError(nameof(Code), Localization.Texts["That recovery code isn't right, or it has been used already."]);
        return Page();
    }
}

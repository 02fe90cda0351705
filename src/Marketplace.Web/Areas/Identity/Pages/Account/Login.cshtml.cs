using System.ComponentModel.DataAnnotations;
using Marketplace.Core.Identity;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Replaces Identity UI's login page for one reason: its page signs in with lockoutOnFailure: false,
/// and SPEC §6 wants lockout after repeated wrong passwords.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Marketplace.Web.Infrastructure.RateLimits.SignIn)]
[AllowAnonymous]
public sealed class LoginModel(SignInManager<AppUser> signInManager, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = "/";

    public async Task OnGetAsync(string? returnUrl = null)
    {
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signInManager.PasswordSignInAsync(Input.Email, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl, Input.RememberMe });
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Account locked out after failed logins");
            return RedirectToPage("./Lockout");
        }

        // Said only to whoever knows the password: a stranger can't learn that an account is suspended.
        if (result.IsNotAllowed && await signInManager.UserManager.FindByEmailAsync(Input.Email) is { SuspendedAt: not null } suspended
            && await signInManager.UserManager.CheckPasswordAsync(suspended, Input.Password))
        {
            ModelState.AddModelError(string.Empty, Localization.Texts["This account is suspended. Your open orders stay protected; reply to the e-mail we sent you to appeal."]);
            return Page();
        }

        ModelState.AddModelError(string.Empty, Localization.Texts["Invalid login attempt."]);
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = string.Empty;

        [Display(Name = "Remember me")]
        public bool RememberMe { get; set; }
    }
}

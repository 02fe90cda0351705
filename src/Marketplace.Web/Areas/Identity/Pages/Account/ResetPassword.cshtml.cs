using System.ComponentModel.DataAnnotations;
using Marketplace.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>
/// The link in the password-reset e-mail: the address and a new password. The answer for an address without an account is the
/// same as for a wrong or used link, so the page can't be used to find out who is registered.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Marketplace.Web.Infrastructure.RateLimits.SignIn)]
[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<AppUser> users) : PageModel
{
    [BindProperty]
    public ResetInput Input { get; set; } = new();

    public bool Done { get; private set; }

    public IActionResult OnGet(string? code = null)
    {
        Input.Code = code ?? string.Empty;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // An address without an account gets the answer a wrong link gets: no link can be valid for it, and the page
        // can't be used to find out who is registered.
        var result = await users.FindByEmailAsync(Input.Email) is { } user && ConfirmEmailModel.Token(Input.Code) is { } token
            ? await users.ResetPasswordAsync(user, token, Input.Password)
            : IdentityResult.Failed(users.ErrorDescriber.InvalidToken());
        if (result.Succeeded)
        {
            Done = true;
            return Page();
        }

        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.InvalidToken) ? string.Empty : "Input.Password", error.Description);
        }

        return Page();
    }

    public sealed class ResetInput
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Choose a password.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string Password { get; set; } = string.Empty;

        [DataType(DataType.Password)]
        [Display(Name = "Confirm new password")]
        [Compare(nameof(Password), ErrorMessage = "The passwords don't match.")]
        public string ConfirmPassword { get; set; } = string.Empty;

        /// <summary>The token from the e-mail's link; a missing or altered one is answered like an expired one.</summary>
        public string Code { get; set; } = string.Empty;
    }
}

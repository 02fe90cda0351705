using System.ComponentModel.DataAnnotations;
using Marketplace.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Changing the password (Identity's rules and messages, translated); other sessions end within a minute.</summary>
public sealed class ChangePasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public bool Changed { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool changed = false)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!await users.HasPasswordAsync(user))
        {
            return Redirect("/Identity/Account/ForgotPassword");
        }

        Changed = changed;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, Input.OldPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.OldPassword" : "Input.NewPassword", error.Description);
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        return RedirectToPage(new { changed = true });
    }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string OldPassword { get; set; } = string.Empty;

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(100, ErrorMessage = "The {0} must be at least {2} characters long.", MinimumLength = 8)]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string NewPassword { get; set; } = string.Empty;

        [DataType(DataType.Password)]
        [Display(Name = "Confirm new password")]
        [Compare(nameof(NewPassword), ErrorMessage = "The passwords don't match.")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}

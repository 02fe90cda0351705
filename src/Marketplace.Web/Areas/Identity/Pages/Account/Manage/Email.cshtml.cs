using System.ComponentModel.DataAnnotations;
using Marketplace.Core.Identity;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Moving the account to another address: a confirmation link goes to the new one, nothing changes until it is opened.</summary>
public sealed class EmailModel(UserManager<AppUser> users, AccountMail mail) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [Display(Name = "New e-mail address")]
    public string NewEmail { get; set; } = string.Empty;

    public string Email { get; private set; } = string.Empty;

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool sent = false)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Email = user.Email ?? string.Empty;
        Sent = sent;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Email = user.Email ?? string.Empty;
        if (string.Equals(NewEmail.Trim(), Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(NewEmail), Localization.Texts["That is already your address."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // The same answer whether or not another account has the address (nobody learns who is registered); the
        // confirmation fails then, at the link.
        await mail.SendChangeEmailAsync(Url, user, NewEmail.Trim());
        return RedirectToPage(new { sent = true });
    }
}

using System.ComponentModel.DataAnnotations;
using Marketplace.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>Sends the confirmation link again to an unconfirmed account; the answer is the same for every address.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Marketplace.Web.Infrastructure.RateLimits.AccountMail)]
[AllowAnonymous]
public sealed class ResendEmailConfirmationModel(UserManager<AppUser> users, AccountMail mail) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [Display(Name = "Email")]
    public string Email { get; set; } = string.Empty;

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Email.Trim());
        if (user is not null && !await users.IsEmailConfirmedAsync(user))
        {
            await mail.SendConfirmationAsync(Url, user);
        }

        Sent = true;
        return Page();
    }
}

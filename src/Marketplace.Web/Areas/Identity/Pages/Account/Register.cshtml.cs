using System.ComponentModel.DataAnnotations;
using Marketplace.Core.Identity;
using Marketplace.Domain.Common;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>Sign-up with a name and a home country (the default shipping destination), then e-mail confirmation.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Marketplace.Web.Infrastructure.RateLimits.Register)]
[AllowAnonymous]
public sealed class RegisterModel(
    UserManager<AppUser> userManager,
    AccountMail mail,
    DestinationCountry destination,
    TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl = null)
    {
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
        Input.Country = destination.Code;
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
        if (!Countries.IsKnown(Input.Country))
        {
            ModelState.AddModelError("Input.Country", Localization.Texts["Choose your country from the list."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = new AppUser
        {
            UserName = Input.Email,
            Email = Input.Email,
            DisplayName = Input.Name.Trim(),
            CountryCode = Input.Country.ToUpperInvariant(),
            Language = System.Globalization.CultureInfo.CurrentUICulture.Name,
            CreatedAt = clock.GetUtcNow(),
        };
        // An address that already has an account gets the same answer as a new one (no enumeration); its owner gets an e-mail.
        if (await userManager.FindByEmailAsync(Input.Email) is { } existing)
        {
            await mail.SendAlreadyRegisteredAsync(existing);
            return RedirectToPage("RegisterConfirmation", new { email = Input.Email, returnUrl = ReturnUrl });
        }

        var created = await userManager.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            // Password rules are about what was typed, never about who exists; a racing duplicate answers like the check above.
            if (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
            {
                return RedirectToPage("RegisterConfirmation", new { email = Input.Email, returnUrl = ReturnUrl });
            }

            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            return Page();
        }

        await mail.SendConfirmationAsync(Url, user, ReturnUrl);
        return RedirectToPage("RegisterConfirmation", new { email = Input.Email, returnUrl = ReturnUrl });
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Tell us your name.")]
        [StringLength(100, ErrorMessage = "Your name can be at most {1} characters long.")]
        [Display(Name = "Your name")]
        public string Name { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Choose your country.")]
        [Display(Name = "Country")]
        public string Country { get; set; } = string.Empty;

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(100, ErrorMessage = "The {0} must be at least {2} characters long.", MinimumLength = 8)]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = string.Empty;

        [DataType(DataType.Password)]
        [Display(Name = "Confirm password")]
        [Compare(nameof(Password), ErrorMessage = "The passwords don't match.")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}

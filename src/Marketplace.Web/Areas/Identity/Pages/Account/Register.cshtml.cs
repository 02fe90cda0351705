using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Encodings.Web;
using Marketplace.Core.Identity;
using Marketplace.Domain.Common;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>Sign-up with a name and a home country (the default shipping destination), then e-mail confirmation.</summary>
[AllowAnonymous]
public sealed class RegisterModel(
    UserManager<AppUser> userManager,
    IEmailSender emailSender,
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
            ModelState.AddModelError("Input.Country", "Choose your country from the list.");
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
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await userManager.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            return Page();
        }

        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await userManager.GenerateEmailConfirmationTokenAsync(user)));
        var link = Url.Page("/Account/ConfirmEmail", pageHandler: null, values: new { area = "Identity", userId = user.Id, code = token, returnUrl = ReturnUrl }, protocol: Request.Scheme)!;
        await emailSender.SendEmailAsync(
            Input.Email,
            "Confirm your email",
            $"<p>Hi {HtmlEncoder.Default.Encode(user.DisplayName)},</p><p>Please confirm your Marketplace account by <a href='{HtmlEncoder.Default.Encode(link)}'>clicking here</a>.</p>");
        return RedirectToPage("RegisterConfirmation", new { email = Input.Email, returnUrl = ReturnUrl });
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Tell us your name.")]
        [StringLength(100)]
        [Display(Name = "Your name")]
        public string Name { get; set; } = string.Empty;

        [Required]
        [EmailAddress]
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;

        [Required]
        [Display(Name = "Country")]
        public string Country { get; set; } = string.Empty;

        [Required]
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

using System.ComponentModel.DataAnnotations;
using Marketplace.Core.Identity;
using Marketplace.Domain.Common;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>The account's name, country (where prices and shipping start) and language (pages, notices and e-mails).</summary>
public sealed class IndexModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    public string Email { get; private set; } = string.Empty;

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool saved = false)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Email = user.Email ?? string.Empty;
        Input = new ProfileInput
        {
            Name = user.DisplayName,
            Country = user.CountryCode ?? string.Empty,
            Language = user.Language ?? System.Globalization.CultureInfo.CurrentUICulture.Name,
        };
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Email = user.Email ?? string.Empty;
        if (!Countries.IsKnown(Input.Country))
        {
            ModelState.AddModelError("Input.Country", Localization.Texts["Choose your country."]);
        }

        var language = Localization.Supported.FirstOrDefault(c => c.Name == Input.Language);
        if (language is null)
        {
            ModelState.AddModelError("Input.Language", Localization.Texts["Choose a language."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        user.DisplayName = Input.Name.Trim();
        user.CountryCode = Input.Country;
        user.Language = language!.Name;
        await users.UpdateAsync(user);
        await signIn.RefreshSignInAsync(user);

        // This browser follows the new language at once (its culture cookie would otherwise keep the old one).
        Localization.Remember(Response, language);
        return RedirectToPage(new { saved = true });
    }

    public sealed class ProfileInput
    {
        [Required(ErrorMessage = "Tell us your name.")]
        [StringLength(100, ErrorMessage = "Use at most 100 characters.")]
        [Display(Name = "Your name")]
        public string Name { get; set; } = string.Empty;

        [Required(ErrorMessage = "Choose your country.")]
        [Display(Name = "Country")]
        public string Country { get; set; } = string.Empty;

        [Required(ErrorMessage = "Choose a language.")]
        [Display(Name = "Language")]
        public string Language { get; set; } = "en";
    }
}

using Marketplace.Core.Identity;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

/// <summary>
/// Remembers the language picked in the footer: in this browser (the standard culture cookie, read before Accept-Language)
/// and, when signed in, on the account, so the person's other devices use it too.
/// </summary>
[AntiforgeryWhenSignedIn]
public sealed class LanguageModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(string? culture, string? returnUrl)
    {
        if (Localization.Supported.FirstOrDefault(c => c.Name == culture) is { } picked)
        {
            Localization.Remember(Response, picked);
            if (await users.GetUserAsync(User) is { } user && user.Language != picked.Name)
            {
                user.Language = picked.Name;
                await users.UpdateAsync(user);
                await signIn.RefreshSignInAsync(user);
            }
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}

using Marketplace.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Two-factor sign-in with an authenticator app: its state, recovery codes (shown once, right after they are made), turning it
/// off, starting again with another app, and forgetting this browser.
/// </summary>
public sealed class TwoFactorAuthenticationModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    /// <summary>How many recovery codes a person gets at a time.</summary>
    public const int RecoveryCodeCount = 10;

    public bool Enabled { get; private set; }

    public bool BrowserRemembered { get; private set; }

    public int CodesLeft { get; private set; }

    /// <summary>What the last action did: "enabled", "disabled", "codes" or "forgotten" (the page says it in the person's language).</summary>
    [TempData]
    public string? Done { get; set; }

    /// <summary>Recovery codes just made: shown on this one page view, never stored readable.</summary>
    [TempData]
    public string[]? NewCodes { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        // Recovery codes may be on this page: no cache keeps a copy.
        Response.Headers.CacheControl = "no-store";
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        BrowserRemembered = await signIn.IsTwoFactorClientRememberedAsync(user);
        CodesLeft = await users.CountRecoveryCodesAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostForgetBrowserAsync()
    {
        if (await users.GetUserAsync(User) is null)
        {
            return Challenge();
        }

        await signIn.ForgetTwoFactorClientAsync();
        Done = "forgotten";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await signIn.RefreshSignInAsync(user);
        Done = "disabled";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToPage();
        }

        NewCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        Done = "codes";
        return RedirectToPage();
    }

    /// <summary>Another app (a new phone): the old key stops working and two-factor is off until the new app is set up.</summary>
    public async Task<IActionResult> OnPostResetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage("./EnableAuthenticator");
    }
}

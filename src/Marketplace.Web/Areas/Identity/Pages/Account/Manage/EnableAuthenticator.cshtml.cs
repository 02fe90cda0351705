using System.ComponentModel.DataAnnotations;
using System.Text;
using Marketplace.Core.Identity;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace Marketplace.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Setting up an authenticator app: the key as a QR code and as text, then one code from the app to prove it works. The first
/// time, recovery codes are made and shown on the two-factor page.
/// </summary>
public sealed class EnableAuthenticatorModel(UserManager<AppUser> users) : PageModel
{
    /// <summary>The name authenticator apps show for the account.</summary>
    public const string Issuer = "Marketplace";

    [BindProperty]
    [Required(ErrorMessage = "Enter the 6-digit code from your app.")]
    [Display(Name = "Code from your app")]
    public string Code { get; set; } = string.Empty;

    /// <summary>The key in groups of four, for typing into an app by hand.</summary>
    public string Key { get; private set; } = string.Empty;

    public string Uri { get; private set; } = string.Empty;

    /// <summary>The <see cref="Uri"/> as a PNG QR code, in a data URI.</summary>
    public string QrCode { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        // With two-factor on, the key in use is not shown again (a borrowed session must not copy it): "Set up a
        // different app" makes a new one.
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToPage("./TwoFactorAuthentication");
        }

        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var code = (Code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (ModelState.IsValid && !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), Localization.Texts["That code isn't right. Check that your phone's clock is correct and enter the newest code."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadKeyAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        TempData[nameof(TwoFactorAuthenticationModel.Done)] = "enabled";
        if (await users.CountRecoveryCodesAsync(user) == 0)
        {
            TempData[nameof(TwoFactorAuthenticationModel.NewCodes)] = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorAuthenticationModel.RecoveryCodeCount) ?? []).ToArray();
        }

        return RedirectToPage("./TwoFactorAuthentication");
    }

    private async Task LoadKeyAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? string.Empty;
        }

        Key = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var issuer = System.Uri.EscapeDataString(Issuer);
        Uri = $"otpauth://totp/{issuer}:{System.Uri.EscapeDataString(user.Email ?? string.Empty)}?secret={key}&issuer={issuer}&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(Encoding.UTF8.GetBytes(Uri), QRCodeGenerator.ECCLevel.M);
        QrCode = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }
}

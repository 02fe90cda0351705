using System.Text;
using System.Text.Encodings.Web;
using Marketplace.Core.Identity;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>
/// The account e-mails (confirm, reset, "you already have an account"), with links on the public URL, in the account's
/// language (else the language of the page that sends them). The pages that send them answer the same whether or not the
/// address has an account, so nobody can find out who is registered.
/// </summary>
public sealed class AccountMail(UserManager<AppUser> users, IEmailSender email, PublicLinks links)
{
    public async Task SendConfirmationAsync(IUrlHelper url, AppUser user, string returnUrl = "/")
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = links.To(url.Page("/Account/ConfirmEmail", pageHandler: null, values: new { area = "Identity", userId = user.Id, code, returnUrl })!);
        var t = In(user);
        await email.SendEmailAsync(
            user.Email!,
            t("Confirm your email"),
            Greeting(t, user) + $"<p>{Html(t("Please confirm your Marketplace account."))}</p><p><a href='{Html(link)}'>{Html(t("Confirm my e-mail address"))}</a></p>");
    }

    public async Task SendResetAsync(IUrlHelper url, AppUser user)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = links.To(url.Page("/Account/ResetPassword", pageHandler: null, values: new { area = "Identity", code })!);
        var t = In(user);
        await email.SendEmailAsync(
            user.Email!,
            t("Reset your password"),
            Greeting(t, user) + $"<p><a href='{Html(link)}'>{Html(t("Choose a new password"))}</a></p><p>{Html(t("If you didn't ask for this, ignore this e-mail: your password stays as it is."))}</p>");
    }

    /// <summary>Confirms a new address before the account moves to it (the link goes to the new address).</summary>
    public async Task SendChangeEmailAsync(IUrlHelper url, AppUser user, string newEmail)
    {
        var code = Encode(await users.GenerateChangeEmailTokenAsync(user, newEmail));
        var link = links.To(url.Page("/Account/ConfirmEmailChange", pageHandler: null, values: new { area = "Identity", userId = user.Id, email = newEmail, code })!);
        var t = In(user);
        await email.SendEmailAsync(
            newEmail,
            t("Confirm your new e-mail address"),
            Greeting(t, user) + $"<p>{Html(t("Your Marketplace account will use this address once you confirm it."))}</p><p><a href='{Html(link)}'>{Html(t("Confirm my e-mail address"))}</a></p>");
    }

    /// <summary>Someone tried to register an address that already has an account: its owner is told, the visitor isn't.</summary>
    public async Task SendAlreadyRegisteredAsync(AppUser user)
    {
        var login = links.To("/Identity/Account/Login");
        var forgot = links.To("/Identity/Account/ForgotPassword");
        var t = In(user);
        await email.SendEmailAsync(
            user.Email!,
            t("You already have a Marketplace account"),
            Greeting(t, user) + $"<p>{Html(t("Someone (maybe you) tried to create a Marketplace account with this address, which already has one. If it wasn't you, there is nothing to do."))}</p>" +
            $"<p><a href='{Html(login)}'>{Html(t("Log in"))}</a> · <a href='{Html(forgot)}'>{Html(t("Forgot your password?"))}</a></p>");
    }

    /// <summary>Translates into the account's language (the texts are looked up in English, so <c>Texts[…]</c> marks them for translation).</summary>
    private static Func<string, string> In(AppUser user)
    {
        var culture = user.Language is { } language ? System.Globalization.CultureInfo.GetCultureInfo(language) : System.Globalization.CultureInfo.CurrentUICulture;
        return english => Localization.Translate(english, culture) ?? english;
    }

    private static string Greeting(Func<string, string> t, AppUser user) =>
        $"<p>{Html(string.Format(System.Globalization.CultureInfo.InvariantCulture, t("Hi {0},"), user.DisplayName))}</p>";

    private static string Html(string text) => HtmlEncoder.Default.Encode(text);

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
}

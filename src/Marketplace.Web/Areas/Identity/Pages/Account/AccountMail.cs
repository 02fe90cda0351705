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
/// The account e-mails (confirm, reset, "you already have an account"), with links on the public URL. The pages that send
/// them answer the same whether or not the address has an account, so nobody can find out who is registered.
/// </summary>
public sealed class AccountMail(UserManager<AppUser> users, IEmailSender email, PublicLinks links)
{
    public async Task SendConfirmationAsync(IUrlHelper url, AppUser user, string returnUrl = "/")
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = links.To(url.Page("/Account/ConfirmEmail", pageHandler: null, values: new { area = "Identity", userId = user.Id, code, returnUrl })!);
        await email.SendEmailAsync(
            user.Email!,
            "Confirm your email",
            $"<p>Hi {HtmlEncoder.Default.Encode(user.DisplayName)},</p><p>Please confirm your Marketplace account by <a href='{HtmlEncoder.Default.Encode(link)}'>clicking here</a>.</p>");
    }

    public async Task SendResetAsync(IUrlHelper url, AppUser user)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = links.To(url.Page("/Account/ResetPassword", pageHandler: null, values: new { area = "Identity", code })!);
        await email.SendEmailAsync(
            user.Email!,
            "Reset your password",
            $"<p>Hi {HtmlEncoder.Default.Encode(user.DisplayName)},</p><p>Reset your Marketplace password by <a href='{HtmlEncoder.Default.Encode(link)}'>clicking here</a>. If you didn't ask for this, ignore this e-mail: your password stays as it is.</p>");
    }

    /// <summary>Someone tried to register an address that already has an account: its owner is told, the visitor isn't.</summary>
    public async Task SendAlreadyRegisteredAsync(AppUser user)
    {
        var login = links.To("/Identity/Account/Login");
        var forgot = links.To("/Identity/Account/ForgotPassword");
        await email.SendEmailAsync(
            user.Email!,
            "You already have a Marketplace account",
            $"<p>Hi {HtmlEncoder.Default.Encode(user.DisplayName)},</p><p>Someone (maybe you) tried to create a Marketplace account with this address, which already has one. " +
            $"<a href='{HtmlEncoder.Default.Encode(login)}'>Sign in</a>, or <a href='{HtmlEncoder.Default.Encode(forgot)}'>reset your password</a> if you forgot it. If it wasn't you, there is nothing to do.</p>");
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
}

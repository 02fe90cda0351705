using System.Text;
using Marketplace.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>The link in the registration e-mail. A wrong, used or expired link says so and offers a new one.</summary>
[AllowAnonymous]
public sealed class ConfirmEmailModel(UserManager<AppUser> users) : PageModel
{
    public bool Confirmed { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    public async Task OnGetAsync(string? userId = null, string? code = null, string? returnUrl = null)
    {
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
        if (await UserAsync(users, userId) is { } user && Token(code) is { } token)
        {
            Confirmed = (await users.ConfirmEmailAsync(user, token)).Succeeded;
        }
    }

    /// <summary>The account a link names, or null when the link was cut or altered (an id that isn't one is not an error).</summary>
    public static async Task<AppUser?> UserAsync(UserManager<AppUser> users, string? userId) =>
        Guid.TryParse(userId, out var id) ? await users.FindByIdAsync(id.ToString()) : null;

    /// <summary>The token as the e-mail carried it (base64url), or null when the link was cut or altered.</summary>
    public static string? Token(string? code)
    {
        try
        {
            return string.IsNullOrEmpty(code) ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

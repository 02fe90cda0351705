using Marketplace.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>The link sent to a new address: the account moves to it (and signs in with it from now on) only when it is opened.</summary>
[AllowAnonymous]
public sealed class ConfirmEmailChangeModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public enum Outcome
    {
        Changed,
        Taken,
        Invalid,
    }

    public Outcome Result { get; private set; } = Outcome.Invalid;

    public string Email { get; private set; } = string.Empty;

    public async Task OnGetAsync(string? userId = null, string? email = null, string? code = null)
    {
        Email = email ?? string.Empty;
        if (await ConfirmEmailModel.UserAsync(users, userId) is not { } user || string.IsNullOrEmpty(email) || ConfirmEmailModel.Token(code) is not { } token)
        {
            return;
        }

        if (await users.FindByEmailAsync(email) is { } owner && owner.Id != user.Id)
        {
            Result = Outcome.Taken;
            return;
        }

        if (!(await users.ChangeEmailAsync(user, email, token)).Succeeded)
        {
            return;
        }

        // The e-mail address is also the sign-in name.
        await users.SetUserNameAsync(user, email);
        if (signIn.IsSignedIn(User) && users.GetUserId(User) == user.Id.ToString())
        {
            await signIn.RefreshSignInAsync(user);
        }

        Result = Outcome.Changed;
    }
}

using Marketplace.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>The link sent to a new address: the account moves to it (and signs in with it from now on) only when it is opened.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Marketplace.Web.Infrastructure.RateLimits.SignIn)]
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

        // The link is checked before anything about the address is said, so the page can't tell a stranger who is registered.
        if (!await users.VerifyUserTokenAsync(user, users.Options.Tokens.ChangeEmailTokenProvider, UserManager<AppUser>.GetChangeEmailTokenPurpose(email), token))
        {
            return;
        }

        if (await users.FindByEmailAsync(email) is { } owner && owner.Id != user.Id)
        {
            Result = Outcome.Taken;
            return;
        }

        // The e-mail address is also the sign-in name: an address Identity can't take as a name (a character it doesn't
        // allow, or another account's name) leaves the account as it was, instead of moving its e-mail but not its sign-in.
        var allowed = users.Options.User.AllowedUserNameCharacters;
        if ((!string.IsNullOrEmpty(allowed) && email.Any(c => !allowed.Contains(c, StringComparison.Ordinal)))
            || (await users.FindByNameAsync(email) is { } named && named.Id != user.Id))
        {
            return;
        }

        if (!(await users.ChangeEmailAsync(user, email, token)).Succeeded || !(await users.SetUserNameAsync(user, email)).Succeeded)
        {
            return;
        }

        if (signIn.IsSignedIn(User) && users.GetUserId(User) == user.Id.ToString())
        {
            await signIn.RefreshSignInAsync(user);
        }

        Result = Outcome.Changed;
    }
}

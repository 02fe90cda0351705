using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>Shown after too many wrong passwords or codes: the account waits, and a password reset is offered.</summary>
[AllowAnonymous]
public sealed class LockoutModel(IOptions<IdentityOptions> identity) : PageModel
{
    /// <summary>How long the account waits, in words.</summary>
    public string Wait { get; } = Words.Duration(identity.Value.Lockout.DefaultLockoutTimeSpan);

    public void OnGet()
    {
    }
}

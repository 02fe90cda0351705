using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>"Check your inbox", the same for every address (Identity's own page answers 404 for unknown ones).</summary>
[AllowAnonymous]
public sealed class RegisterConfirmationModel : PageModel
{
    public string? Email { get; private set; }

    public void OnGet(string? email = null) => Email = email;
}

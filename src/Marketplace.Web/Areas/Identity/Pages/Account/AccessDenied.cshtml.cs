using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>A signed-in person opened a page for another role (a buyer on a seller page, a seller on an admin page).</summary>
public sealed class AccessDeniedModel : PageModel
{
    public void OnGet()
    {
    }
}

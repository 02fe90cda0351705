using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Download or delete what the account holds (the download is Identity's own page handler).</summary>
public sealed class PersonalDataModel : PageModel
{
    public void OnGet()
    {
    }
}

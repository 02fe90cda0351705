using Marketplace.Core.Identity;
using Marketplace.Core.Trust;
using Marketplace.Domain.Common;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin.Users;

/// <summary>One account: who it is, its store, its flagged messages, what admins did to it; suspend or reinstate with a reason.</summary>
public sealed class DetailsModel(TrustQueries queries, Suspensions suspensions, GrantRightsHolder grantRightsHolder) : PageModel
{
    public UserDetails Details { get; private set; } = null!;

    [TempData]
    public string? UserMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await queries.UserAsync(id, ct) is not { } details)
        {
            return NotFound();
        }

        Details = details;
        return Page();
    }

    public async Task<IActionResult> OnPostSuspendAsync(Guid id, string? reason, CancellationToken ct) =>
        Done(id, await suspensions.SuspendAsync(User.UserId()!.Value, id, reason, ct), Localization.Texts["Suspended. They can't sign in, and their store is hidden; their open orders stay protected."]);

    public async Task<IActionResult> OnPostReinstateAsync(Guid id, string? reason, CancellationToken ct) =>
        Done(id, await suspensions.ReinstateAsync(User.UserId()!.Value, id, reason, ct), Localization.Texts["Reinstated."]);

    public async Task<IActionResult> OnPostRightsHolderAsync(Guid id, string? reason, CancellationToken ct) =>
        Done(id, await grantRightsHolder.ExecuteAsync(User.UserId()!.Value, id, reason, ct), Localization.Texts["They can now file takedown notices at {0}.", "/RightsHolder"]);

    private IActionResult Done(Guid id, Result<AppUser> result, string success)
    {
        if (result.Error?.AsHttpResult() is { } http)
        {
            return http;
        }

        UserMessage = result.Succeeded ? success : result.Error!.Text();
        return Redirect($"/Admin/Users/{id}");
    }
}

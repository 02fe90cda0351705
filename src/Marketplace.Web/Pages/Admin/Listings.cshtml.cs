using Marketplace.Core.Trust;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin;

/// <summary>Listings held back by counterfeit signals (approve or reject with a reason), and takedowns of any listing.</summary>
public sealed class ListingsModel(ListingModeration moderation) : PageModel
{
    public IReadOnlyList<ListingForReview> Queue { get; private set; } = [];

    [TempData]
    public string? ListingMessage { get; set; }

    /// <summary>How many wait in all (the queue shows the first <see cref="ListingModeration.QueueSize"/>).</summary>
    public int Waiting { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Queue = await moderation.QueueAsync(ct);
        Waiting = Queue.Count < ListingModeration.QueueSize ? Queue.Count : await moderation.WaitingAsync(ct);
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid listingId, CancellationToken ct) =>
        Done(await moderation.ApproveAsync(User.UserId()!.Value, listingId, ct), Localization.Texts["Approved: the listing is live."]);

    public async Task<IActionResult> OnPostRejectAsync(Guid listingId, string? reason, CancellationToken ct) =>
        Done(await moderation.RejectAsync(User.UserId()!.Value, listingId, reason, ct), Localization.Texts["Rejected: the seller sees your reason."]);

    /// <summary>Takes down a listing given by its address or id (e.g. from a report), with the statement of reasons.</summary>
    public async Task<IActionResult> OnPostTakeDownAsync(string? listing, string? statement, CancellationToken ct)
    {
        if (Marketplace.Core.Catalog.ListingAddress.IdIn(listing) is not { } id)
        {
            ListingMessage = Localization.Texts["Paste the listing's address or id."];
            return Redirect("/Admin/Listings");
        }

        return Done(await moderation.TakeDownAsync(User.UserId()!.Value, id, statement, ct), Localization.Texts["Taken down: it has left the shop and the seller has the statement of reasons."]);
    }

    private RedirectResult Done(Result<ListingStatus> result, string success)
    {
        ListingMessage = result.Succeeded ? success : result.Error!.Kind == ErrorKind.NotFound ? Localization.Texts["No such listing."] : result.Error.Text();
        return Redirect("/Admin/Listings");
    }
}

using Marketplace.Core.Trust;
using Marketplace.Domain.Common;
using Marketplace.Domain.Trust;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin;

/// <summary>Rights holders' notices and sellers' counter-notices waiting for a decision.</summary>
public sealed class TakedownsModel(Takedowns takedowns) : PageModel
{
    public IReadOnlyList<TakedownView> Queue { get; private set; } = [];

    [TempData]
    public string? TakedownMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Queue = await takedowns.AdminQueueAsync(ct);

    public async Task<IActionResult> OnPostReviewAsync(Guid requestId, CancellationToken ct) =>
        Done(await takedowns.StartReviewAsync(User.UserId()!.Value, requestId, ct), Localization.Texts["Marked as under review."]);

    public async Task<IActionResult> OnPostDecideAsync(Guid requestId, bool remove, string? reason, CancellationToken ct) =>
        Done(await takedowns.DecideAsync(User.UserId()!.Value, requestId, remove, reason, ct), remove ? Localization.Texts["Listing removed; the seller has the statement of reasons."] : Localization.Texts["Notice rejected."]);

    public async Task<IActionResult> OnPostCounterAsync(Guid requestId, bool restore, string? reason, CancellationToken ct) =>
        Done(await takedowns.DecideCounterNoticeAsync(User.UserId()!.Value, requestId, restore, reason, ct), restore ? Localization.Texts["Counter-notice upheld: the listing is restored."] : Localization.Texts["Counter-notice dismissed."]);

    private RedirectResult Done(Result<TakedownRequest> result, string success)
    {
        TakedownMessage = result.Succeeded ? success : result.Error!.Text();
        return Redirect("/Admin/Takedowns");
    }
}

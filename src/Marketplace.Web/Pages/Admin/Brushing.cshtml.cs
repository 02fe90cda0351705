using Marketplace.Core.Trust;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin;

/// <summary>Unordered-package reports with the shipment and seller they match; reviewed with a note.</summary>
public sealed class BrushingModel(BrushingReports reports) : PageModel
{
    public IReadOnlyList<BrushingView> Queue { get; private set; } = [];

    [TempData]
    public string? BrushingMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Queue = await reports.AdminQueueAsync(ct);

    public async Task<IActionResult> OnPostAsync(Guid reportId, string? note, CancellationToken ct)
    {
        var reviewed = await reports.ReviewAsync(User.UserId()!.Value, reportId, note, ct);
        BrushingMessage = reviewed.Succeeded ? Localization.Texts["Reviewed."] : reviewed.Error!.Text();
        return Redirect("/Admin/Brushing");
    }
}

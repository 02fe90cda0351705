using Marketplace.Core.Trust;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Reports;

/// <summary>A buyer reports a package they never ordered; we match it to the seller who shipped it.</summary>
[Authorize]
public sealed class BrushingModel(BrushingReports reports) : PageModel
{
    public IReadOnlyList<BrushingView> Reports { get; private set; } = [];

    [BindProperty]
    public string? TrackingNumber { get; set; }

    [BindProperty]
    public string? WhatArrived { get; set; }

    [TempData]
    public string? ReportMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Reports = await reports.ForReporterAsync(User.UserId()!.Value, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var submitted = await reports.SubmitAsync(User.UserId()!.Value, TrackingNumber, WhatArrived, ct);
        if (submitted.Succeeded)
        {
            ReportMessage = Localization.Texts["Thanks. Our team looks into it; you don't need to pay for or send back anything you didn't order."];
            return Redirect("/Reports/Brushing");
        }

        ModelState.AddModelError(string.Empty, submitted.Error!.Text());
        await OnGetAsync(ct);
        return Page();
    }
}

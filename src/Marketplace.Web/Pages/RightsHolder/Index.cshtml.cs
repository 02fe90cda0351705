using Marketplace.Core.Trust;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.RightsHolder;

/// <summary>A rights holder files takedown notices and follows them: submitted → under review → removed / rejected.</summary>
public sealed class IndexModel(Takedowns takedowns) : PageModel
{
    public IReadOnlyList<TakedownView> Requests { get; private set; } = [];

    [BindProperty]
    public string? Listing { get; set; }

    [BindProperty]
    public string? Brand { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string? Evidence { get; set; }

    [TempData]
    public string? TakedownMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Requests = await takedowns.ForRightsHolderAsync(User.UserId()!.Value, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var submitted = await takedowns.SubmitAsync(User.UserId()!.Value, Listing, Brand, Description, Evidence, ct);
        if (submitted.Succeeded)
        {
            TakedownMessage = Localization.Texts["Notice submitted. We review it and tell you the outcome here and by e-mail."];
            return Redirect("/RightsHolder");
        }

        ModelState.AddModelError(string.Empty, submitted.Error!.Text());
        await OnGetAsync(ct);
        return Page();
    }
}

using System.ComponentModel.DataAnnotations;
using Marketplace.Core.Time;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin;

/// <summary>Development and Testing only: fast-forward the app's clock so timers can be watched.</summary>
public sealed class ClockModel(IServiceProvider services, IWebHostEnvironment environment, TimeProvider clock) : PageModel
{
    [BindProperty]
    [Range(1, 365, ErrorMessage = "Fast-forward between 1 and 365 days.")]
    [Display(Name = "Days")]
    public int Days { get; set; } = 1;

    public DateTimeOffset Now { get; private set; }

    public TimeSpan Offset { get; private set; }

    public IActionResult OnGet() => Load() ? Page() : NotFound();

    public IActionResult OnPost()
    {
        if (!Load())
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        services.GetRequiredService<OffsetTimeProvider>().Advance(TimeSpan.FromDays(Days));
        TempData["Message"] = (Days == 1 ? Localization.Texts["The clock moved forward 1 day."] : Localization.Texts["The clock moved forward {0} days.", Days]).Value;
        return RedirectToPage();
    }

    private bool Load()
    {
        var offsetClock = services.GetService<OffsetTimeProvider>();
        if (!ServiceRegistration.ClockOffsetAllowed(environment) || offsetClock is null)
        {
            return false;
        }

        Now = clock.GetUtcNow();
        Offset = offsetClock.Offset;
        return true;
    }
}

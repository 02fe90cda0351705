using Marketplace.Core.Exchange;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin;

/// <summary>The exchange rates in force: source, date, whether buyers see them; upload a file in the ECB's format.</summary>
[RequestFormLimits(MultipartBodyLengthLimit = 1024 * 1024)]
public sealed class RatesModel(ExchangeRatesStore rates, TimeProvider clock) : PageModel
{
    public RatesInForce InForce { get; private set; } = null!;

    public DateTimeOffset Now => clock.GetUtcNow();

    public TimeSpan MaxAge => rates.Options.MaxAge;

    public bool SourceConfigured => !string.IsNullOrWhiteSpace(rates.Options.SourceUrl);

    [TempData]
    public string? RatesNotice { get; set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => InForce = await rates.CurrentAsync(ct);

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Problem = Localization.Texts["Choose a rates file (the ECB's eurofxref-daily.xml format)."];
        }
        else
        {
            await using var stream = file.OpenReadStream();
            Problem = await rates.UploadAsync(User.UserId()!.Value, stream, ct) is { } refused ? Words.Render(refused) : null;
        }

        if (Problem is not null)
        {
            InForce = await rates.CurrentAsync(ct);
            return Page();
        }

        RatesNotice = Localization.Texts["Rates imported: they are in force now."];
        return Redirect("/Admin/Rates");
    }
}

using Marketplace.Core.Sellers;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin;

/// <summary>The admin's desk: stores waiting for approval and listings with quality warnings.</summary>
public sealed class IndexModel(SellerQueries sellers, ApproveSeller approve, Marketplace.Core.Exchange.ExchangeRatesStore rates) : PageModel
{
    /// <summary>The exchange rates can't be shown to buyers (stale or none): admins are told on their home page.</summary>
    public bool RatesStale { get; private set; }

    public IReadOnlyList<Domain.Sellers.Seller> Pending { get; private set; } = [];

    public IReadOnlyList<(SellerListingRow Row, string StoreName)> Flagged { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Pending = await sellers.PendingAsync(ct);
        Flagged = await sellers.FlaggedListingsAsync(50, ct);
        RatesStale = !(await rates.CurrentAsync(ct)).Usable;
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid sellerId, CancellationToken ct)
    {
        var result = await approve.ExecuteAsync(User.UserId()!.Value, sellerId, ct);
        if (result.Error?.AsHttpResult() is { } http)
        {
            return http;
        }

        TempData["Message"] = Localization.Texts["{0} is open.", result.Value!.StoreName].Value;
        return RedirectToPage();
    }
}

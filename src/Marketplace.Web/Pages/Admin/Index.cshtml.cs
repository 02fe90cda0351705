using Marketplace.Core.Reporting;
using Marketplace.Core.Sellers;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin;

/// <summary>The admin's desk: every queue's size and oldest item, money through escrow per week, stores waiting for approval and listings with quality warnings.</summary>
public sealed class IndexModel(SellerQueries sellers, ApproveSeller approve, Marketplace.Core.Exchange.ExchangeRatesStore rates, AdminDesk desk, TimeProvider clock) : PageModel
{
    /// <summary>How many weeks the money charts show.</summary>
    public const int ChartWeeks = 12;

    public IReadOnlyList<AdminQueue> Queues { get; private set; } = [];

    /// <summary>One chart per currency that moved, the busiest first.</summary>
    public IReadOnlyList<ChartView> Money { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>The exchange rates can't be shown to buyers (stale or none): admins are told on their home page.</summary>
    public bool RatesStale { get; private set; }

    public IReadOnlyList<Domain.Sellers.Seller> Pending { get; private set; } = [];

    public IReadOnlyList<(SellerListingRow Row, string StoreName)> Flagged { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Queues = await desk.QueuesAsync(ct);
        Money = (await desk.MoneyAsync(new WeeklyBuckets(Now, ChartWeeks), ct))
            .Select(chart => new ChartView($"money-{chart.Currency.ToLowerInvariant()}", Localization.Texts["Money through escrow per week"], chart))
            .ToList();
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

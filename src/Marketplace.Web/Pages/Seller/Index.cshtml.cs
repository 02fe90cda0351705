using Marketplace.Core.Reporting;
using Marketplace.Core.Sellers;
using Marketplace.Domain.Catalog;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Seller;

/// <summary>The seller's desk: what needs doing first (orders to ship, disputes, questions, listings out of stock or with warnings), then sales and payouts per week, then the listings.</summary>
public sealed class IndexModel(SellerQueries sellers, SellerDesk desk, SetUpPayouts payouts, TimeProvider clock) : SellerPageModel
{
    /// <summary>How many weeks the sales chart shows.</summary>
    public const int ChartWeeks = 12;

    public IReadOnlyList<SellerListingRow> Listings { get; private set; } = [];

    public bool PayoutsReady { get; private set; }

    public SellerTodo Todo { get; private set; } = null!;

    public ChartView Sales { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    /// <summary>Published listings nobody can buy: every variant's stock is gone.</summary>
    public IReadOnlyList<SellerListingRow> OutOfStock => Listings.Where(l => l.Status == ListingStatus.Published && l.Stock == 0).ToList();

    public int WithWarnings => Listings.Count(l => l.Status != ListingStatus.Archived && l.Warnings.Count > 0);

    public bool NothingToDo => Todo.Nothing && OutOfStock.Count == 0 && WithWarnings == 0;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadSellerAsync(ct))
        {
            return Redirect("/Sell");
        }

        if (Store.PayoutAccountId is not null && !Store.PayoutsEnabled)
        {
            // Back from the provider's onboarding pages: ask whether it finished.
            PayoutsReady = await payouts.RefreshAsync(Store.Id, ct);
        }
        else
        {
            PayoutsReady = Store.PayoutsEnabled;
        }

        Now = clock.GetUtcNow();
        Listings = await sellers.ListingsAsync(Store.Id, ct);
        Todo = await desk.TodoAsync(Store.Id, ct);
        Sales = new ChartView("sales-chart", Localization.Texts["Sales and payouts per week"], await desk.SalesAsync(Store.Id, Store.Currency, new WeeklyBuckets(Now, ChartWeeks), ct));
        return Page();
    }
}

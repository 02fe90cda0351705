using Marketplace.Core.Sellers;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Seller;

public sealed class IndexModel(SellerQueries sellers, SetUpPayouts payouts) : SellerPageModel
{
    public IReadOnlyList<SellerListingRow> Listings { get; private set; } = [];

    public bool PayoutsReady { get; private set; }

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

        Listings = await sellers.ListingsAsync(Store.Id, ct);
        return Page();
    }
}

using Marketplace.Core.Sellers;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Seller;

public sealed class IndexModel(SellerQueries sellers) : SellerPageModel
{
    public IReadOnlyList<SellerListingRow> Listings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadSellerAsync(ct))
        {
            return Redirect("/Sell");
        }

        Listings = await sellers.ListingsAsync(Store.Id, ct);
        return Page();
    }
}

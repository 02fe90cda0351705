using Marketplace.Core.Disputes;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Seller.Disputes;

/// <summary>The seller's disputes, the ones waiting for an answer first, with their deadlines.</summary>
public sealed class IndexModel(DisputeQueries disputes) : SellerPageModel
{
    public IReadOnlyList<DisputeSummary> Disputes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadSellerAsync(ct))
        {
            return Redirect("/Sell");
        }

        Disputes = await disputes.ListAsync(DisputeParty.Seller(Store.Id), ct);
        return Page();
    }
}

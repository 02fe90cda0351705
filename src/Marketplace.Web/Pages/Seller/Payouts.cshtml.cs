using Marketplace.Core.Sellers;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Seller;

/// <summary>Starts the payment provider's onboarding for the seller's payout account.</summary>
public sealed class PayoutsModel(SetUpPayouts payouts) : SellerPageModel
{
    public IActionResult OnGet() => Redirect("/Seller");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadSellerAsync(ct))
        {
            return Redirect("/Sell");
        }

        var here = new Uri($"{Request.Scheme}://{Request.Host}/Seller");
        var link = await payouts.StartAsync(Store.Id, User.Identity!.Name!, here, ct);
        return Redirect(link.ToString());
    }
}

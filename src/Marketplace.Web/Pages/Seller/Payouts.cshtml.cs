using Marketplace.Core.Escrow;
using Marketplace.Core.Sellers;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Seller;

/// <summary>The seller's money per order (held, released) and the payment provider's onboarding for the payout account.</summary>
public sealed class PayoutsModel(SetUpPayouts payouts, EscrowQueries escrow, PublicLinks links) : SellerPageModel
{
    public SellerPayouts Money { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadSellerAsync(ct))
        {
            return Redirect("/Sell");
        }

        Money = await escrow.ForSellerAsync(Store.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadSellerAsync(ct))
        {
            return Redirect("/Sell");
        }

        var here = new Uri(links.To("/Seller"));
        var link = await payouts.StartAsync(Store.Id, User.Identity!.Name!, here, ct);
        return Redirect(link.ToString());
    }
}

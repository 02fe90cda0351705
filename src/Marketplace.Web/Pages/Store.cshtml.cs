using Marketplace.Core.Sellers;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

/// <summary>A seller's public storefront: who they are, where from, since when, and what they sell.</summary>
[ReadsFromStandby]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PageCache.PolicyName)]
public sealed class StoreModel(SellerQueries sellers, Marketplace.Core.Trust.SellerTrust trust, DestinationCountry destination, TimeProvider clock) : PageModel
{
    public Storefront Storefront { get; private set; } = null!;

    public Marketplace.Core.Trust.TrustProfile? Trust { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        var storefront = await sellers.StorefrontAsync(slug, destination.Code, pageNumber, ct);
        if (storefront is null)
        {
            return NotFound();
        }

        Storefront = storefront;
        Trust = await trust.ProfileAsync(storefront.Seller.Id, ct);
        Now = clock.GetUtcNow();
        return Page();
    }
}

using Marketplace.Core.Sellers;
using Marketplace.Domain.Sellers;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Seller;

/// <summary>Seller pages act for the signed-in user's own store, and only that store.</summary>
public abstract class SellerPageModel : PageModel
{
    private Domain.Sellers.Seller? _seller;

    public Domain.Sellers.Seller Store => _seller ?? throw new InvalidOperationException("Call LoadSellerAsync first.");

    protected Guid UserId => User.UserId()!.Value;

    /// <summary>False when the user has no active store (the page then sends them to open one).</summary>
    protected async Task<bool> LoadSellerAsync(CancellationToken ct)
    {
        _seller = await HttpContext.RequestServices.GetRequiredService<SellerQueries>().ForUserAsync(UserId, ct);
        return _seller is { Status: SellerStatus.Active };
    }
}

using Marketplace.Core.Orders;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Seller.Orders;

public sealed class IndexModel(OrderQueries orders, TimeProvider clock) : SellerPageModel
{
    public IReadOnlyList<OrderSummary> Orders { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadSellerAsync(ct))
        {
            return Redirect("/Sell");
        }

        Orders = await orders.ForSellerAsync(Store.Id, ct);
        Now = clock.GetUtcNow();
        return Page();
    }
}

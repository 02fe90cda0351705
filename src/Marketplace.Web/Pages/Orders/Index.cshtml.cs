using Marketplace.Core.Orders;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Orders;

[Authorize]
public sealed class IndexModel(OrderQueries orders) : PageModel
{
    public IReadOnlyList<OrderSummary> Orders { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Orders = await orders.ForBuyerAsync(User.UserId()!.Value, ct);
}

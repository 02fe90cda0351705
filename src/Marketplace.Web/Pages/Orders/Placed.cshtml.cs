using Marketplace.Core.Orders;
using Marketplace.Domain.Orders;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Orders;

/// <summary>
/// Where a buyer lands after paying: what they bought from whom, when it should arrive, where their money is, and what
/// happens next. Only for the checkout's own buyer; an unpaid checkout goes back to its pay page.
/// </summary>
[Authorize]
public sealed class PlacedModel(OrderQueries orders) : PageModel
{
    public IReadOnlyList<(Order Order, string StoreName)> Orders { get; private set; } = [];

    public Domain.Common.Money Total { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var buyer = User.UserId()!.Value;
        if (await orders.PaymentAsync(buyer, id, ct) is not { } payment)
        {
            return NotFound();
        }

        if (payment.Payment.Status != PaymentStatus.Paid)
        {
            return Redirect($"/Pay/{id}");
        }

        Orders = await orders.ForCheckoutAsync(buyer, id, ct);
        Total = payment.Payment.Amount;
        return Page();
    }
}

using Marketplace.Core.Orders;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Orders;

[Authorize]
public sealed class DetailsModel(OrderQueries orders, ConfirmReceipt confirmReceipt, TimeProvider clock) : PageModel
{
    public OrderDetails Details { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    [TempData]
    public string? OrderMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await orders.ForBuyerAsync(User.UserId()!.Value, id, ct) is not { } details)
        {
            return NotFound();
        }

        Details = details;
        Now = clock.GetUtcNow();
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct)
    {
        var confirmed = await confirmReceipt.ExecuteAsync(User.UserId()!.Value, id, ct);
        if (confirmed.Error?.Kind == Domain.Common.ErrorKind.NotFound)
        {
            return NotFound();
        }

        OrderMessage = confirmed.Succeeded ? "Thanks! Receipt confirmed. The seller is paid when your 15 days of protection end." : confirmed.Error!.Message;
        return Redirect($"/Orders/{id}");
    }
}

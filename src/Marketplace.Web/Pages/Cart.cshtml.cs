using Marketplace.Core.Checkout;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

public sealed class CartModel(CartFinder carts, CartQueries cartQueries, UpdateCartLine updateLine, DestinationCountry destination, DisplayCurrency currency) : PageModel
{
    public CartView Cart { get; private set; } = null!;

    public string DestinationName => destination.Name;

    [TempData]
    public string? CartMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Cart = await cartQueries.ViewAsync(await carts.FindAsync(HttpContext.CartOwner(), ct), destination.Code, currency.ChargeCurrency, ct);

    public async Task<IActionResult> OnPostUpdateAsync(Guid variantId, int quantity, CancellationToken ct)
    {
        var error = await updateLine.ExecuteAsync(HttpContext.CartOwner(), variantId, quantity, ct);
        CartMessage = error?.Text() ?? (quantity == 0 ? Localization.Texts["Removed from your cart."] : Localization.Texts["Cart updated."]);
        return RedirectToPage();
    }
}

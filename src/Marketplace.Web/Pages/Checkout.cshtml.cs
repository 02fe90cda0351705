using System.ComponentModel.DataAnnotations;
using Marketplace.Core.Checkout;
using Marketplace.Domain.Common;
using Marketplace.Domain.Orders;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

[Authorize]
public sealed class CheckoutModel(CartFinder carts, CartQueries cartQueries, PlaceOrder placeOrder, DestinationCountry destination, DisplayCurrency currency, TimeProvider clock) : PageModel
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public CartView Cart { get; private set; } = null!;

    public string DestinationCode => destination.Code;

    public string DestinationName => destination.Name;

    [BindProperty]
    public AddressInput Address { get; set; } = new();

    /// <summary>Seller id → the shipping method name chosen for that seller's items.</summary>
    [BindProperty]
    public Dictionary<Guid, string> Shipping { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Cart.IsEmpty)
        {
            return Redirect("/Cart");
        }

        Address.FullName = User.FindFirst("display_name")?.Value ?? string.Empty;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var address = new ShippingAddress(Address.FullName.Trim(), Address.Line1.Trim(), Address.Line2?.Trim(), Address.City.Trim(), Address.Region?.Trim(), Address.PostalCode.Trim(), destination.Code, Address.Phone?.Trim());
        var placed = await placeOrder.ExecuteAsync(User.UserId()!.Value, new CheckoutRequest(address, Shipping, currency.ChargeCurrency), ct);
        if (!placed.Succeeded)
        {
            ModelState.AddModelError(string.Empty, placed.Error!.Text());
            await LoadAsync(ct);
            return Page();
        }

        return Redirect($"/Pay/{placed.Value!.Id}");
    }

    /// <summary>The method to show as chosen for a seller: what was posted, else the cheapest.</summary>
    public string ChosenFor(CartSellerGroup group) =>
        Shipping.TryGetValue(group.SellerId, out var method) && group.ShippingChoices.Any(c => c.Method == method) ? method : group.ShippingChoices.Count > 0 ? group.ShippingChoices[0].Method : string.Empty;

    public Money GroupTotal(CartSellerGroup group) =>
        group.Subtotal + (group.ShippingChoices.FirstOrDefault(c => c.Method == ChosenFor(group))?.Price ?? Money.Zero(group.Subtotal.Currency));

    /// <summary>What one payment charges; "" while the cart can't be charged in one currency (its groups keep their own).</summary>
    public string Total => Cart.CurrencyProblem is null
        ? Cart.Groups.Select(GroupTotal).Aggregate(Money.Zero(Cart.Currency), (a, b) => a + b).ToString()
        : string.Empty;

    private async Task LoadAsync(CancellationToken ct) =>
        Cart = await cartQueries.ViewAsync(await carts.FindAsync(HttpContext.CartOwner(), ct), destination.Code, currency.ChargeCurrency, ct);

    public sealed class AddressInput
    {
        [Display(Name = "Full name")]
        [Required(ErrorMessage = "Enter the recipient's full name.")]
        [StringLength(100, ErrorMessage = "Use at most 100 characters.")]
        public string FullName { get; set; } = string.Empty;

        [Display(Name = "Street address")]
        [Required(ErrorMessage = "Enter the street address.")]
        [StringLength(200, ErrorMessage = "Use at most 200 characters.")]
        public string Line1 { get; set; } = string.Empty;

        [Display(Name = "Apartment, suite, etc. (optional)")]
        [StringLength(200, ErrorMessage = "Use at most 200 characters.")]
        public string? Line2 { get; set; }

        [Display(Name = "City")]
        [Required(ErrorMessage = "Enter the city.")]
        [StringLength(100, ErrorMessage = "Use at most 100 characters.")]
        public string City { get; set; } = string.Empty;

        [Display(Name = "State, province or region (optional)")]
        [StringLength(100, ErrorMessage = "Use at most 100 characters.")]
        public string? Region { get; set; }

        [Display(Name = "Postal code")]
        [Required(ErrorMessage = "Enter the postal code.")]
        [StringLength(20, ErrorMessage = "Use at most 20 characters.")]
        public string PostalCode { get; set; } = string.Empty;

        [Display(Name = "Phone (optional, for the courier)")]
        [Phone(ErrorMessage = "Enter a phone number, e.g. +1 555 0100.")]
        [StringLength(40)]
        public string? Phone { get; set; }
    }
}

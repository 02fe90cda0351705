using System.ComponentModel.DataAnnotations;
using Marketplace.Core.Messaging;
using Marketplace.Core.Orders;
using Marketplace.Domain.Orders;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Pages.Messages;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Seller.Orders;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Marketplace.Web.Infrastructure.RateLimits.Messages)]
public sealed class DetailsModel(OrderQueries orders, ShipOrder shipOrder, CancelOrder cancelOrder, DeliveryExtensions extensions, AddTrackingEvent addTracking, ConversationQueries conversations, SendMessage send, TimeProvider clock) : SellerPageModel
{
    public OrderDetails Details { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    public ConversationBox Conversation { get; private set; } = null!;

    [TempData]
    public string? MessageError { get; set; }

    [BindProperty]
    public ShipmentInput Shipment { get; set; } = new();

    [TempData]
    public string? OrderMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadSellerAsync(ct))
        {
            return Redirect("/Sell");
        }

        if (await orders.ForSellerAsync(Store.Id, id, ct) is not { } details)
        {
            return NotFound();
        }

        Details = details;
        Now = clock.GetUtcNow();
        Conversation = new ConversationBox(await conversations.ForOrderAsync(UserId, id, ct), Actor.Seller, details.BuyerName, true, Localization.Texts["Messages with the buyer"]);
        if (string.IsNullOrEmpty(Shipment.Carrier))
        {
            Shipment.Carrier = details.Order.Shipping.Carrier;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostMessageAsync(Guid id, string? body, CancellationToken ct) =>
        this.AfterMessage(await send.ToOrderAsync(UserId, id, body, ct), $"/Seller/Orders/{id}");

    public async Task<IActionResult> OnPostShipAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadSellerAsync(ct))
        {
            return Redirect("/Sell");
        }

        if (ModelState.IsValid)
        {
            var shipped = await shipOrder.ExecuteAsync(Store.Id, id, Shipment.Carrier, Shipment.TrackingNumber, ct);
            if (shipped.Succeeded)
            {
                OrderMessage = Localization.Texts["Marked as shipped. The buyer can follow the parcel from their order page."];
                return Redirect($"/Seller/Orders/{id}");
            }

            if (shipped.Error!.Kind == Domain.Common.ErrorKind.NotFound)
            {
                return NotFound();
            }

            ModelState.AddModelError(string.Empty, shipped.Error.Text());
        }

        return await OnGetAsync(id, ct);
    }

    public Task<IActionResult> OnPostAcceptCancellationAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, () => cancelOrder.AcceptAsync(Store.Id, id, ct), Localization.Texts["Cancelled. The buyer is refunded in full and the items are back in stock."], ct);

    public Task<IActionResult> OnPostGrantExtensionAsync(Guid id, int days, CancellationToken ct) =>
        ActAsync(id, () => extensions.GrantAsync(Store.Id, id, days, ct), Localization.Texts["Granted {0} more days.", days], ct);

    public Task<IActionResult> OnPostTrackingAsync(Guid id, string? description, bool delivered, CancellationToken ct) =>
        ActAsync(id, () => addTracking.ExecuteAsync(Store.Id, id, description ?? string.Empty, delivered, ct), Localization.Texts["Tracking event added."], ct);

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<Domain.Common.Result<Domain.Orders.OrderStatus>>> act, string success, CancellationToken ct)
    {
        if (!await LoadSellerAsync(ct))
        {
            return Redirect("/Sell");
        }

        var result = await act();
        if (result.Error?.Kind == Domain.Common.ErrorKind.NotFound)
        {
            return NotFound();
        }

        OrderMessage = result.Succeeded ? success : result.Error!.Text();
        return Redirect($"/Seller/Orders/{id}");
    }

    public sealed class ShipmentInput
    {
        [Required(ErrorMessage = "Enter the carrier.")]
        [StringLength(60, ErrorMessage = "Use at most 60 characters.")]
        [Display(Name = "Carrier")]
        public string Carrier { get; set; } = string.Empty;

        [Display(Name = "Tracking number")]
        [Required(ErrorMessage = "Enter the tracking number.")]
        [StringLength(60, ErrorMessage = "Use at most 60 characters.")]
        public string TrackingNumber { get; set; } = string.Empty;
    }
}

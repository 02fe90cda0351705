using Marketplace.Core.Disputes;
using Marketplace.Core.Messaging;
using Marketplace.Core.Orders;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Orders;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Pages.Messages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Orders;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Marketplace.Web.Infrastructure.RateLimits.Messages)]
[Authorize]
public sealed class DetailsModel(OrderQueries orders, DisputeQueries disputes, ConfirmReceipt confirmReceipt, RequestCancellation requestCancellation, DeliveryExtensions extensions, ConversationQueries conversations, SendMessage send, Marketplace.Core.Reviews.ReviewQueries reviews, TimeProvider clock) : PageModel
{
    public OrderDetails Details { get; private set; } = null!;

    /// <summary>The order's latest dispute, if any.</summary>
    public Dispute? Dispute { get; private set; }

    /// <summary>True while the buyer may open a dispute (inside the window, none active or withdrawn).</summary>
    public bool CanDispute { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public ConversationBox Conversation { get; private set; } = null!;

    /// <summary>The lines already reviewed, with their stars.</summary>
    public IReadOnlyDictionary<Guid, int> Reviewed { get; private set; } = new Dictionary<Guid, int>();

    [TempData]
    public string? MessageError { get; set; }

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
        Conversation = new ConversationBox(await conversations.ForOrderAsync(User.UserId()!.Value, id, ct), Actor.Buyer, details.StoreName, true, Localization.Texts["Messages with the seller"]);
        Reviewed = await reviews.ReviewedLinesAsync(User.UserId()!.Value, id, ct);
        Dispute = await disputes.LatestForOrderAsync(DisputeParty.Buyer(User.UserId()!.Value), id, ct);
        CanDispute = Domain.Disputes.Dispute.CanOpen(details.Order, details.Hold?.ProtectionEndsAt, Now)
            && Dispute?.BlocksAnotherDispute != true;
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct) =>
        Done(id, await confirmReceipt.ExecuteAsync(User.UserId()!.Value, id, ct), Localization.Texts["Thanks! Receipt confirmed. The seller is paid when your protection ends (the date is below)."]);

    public async Task<IActionResult> OnPostCancelAsync(Guid id, string? reason, CancellationToken ct) =>
        Done(id, await requestCancellation.ExecuteAsync(User.UserId()!.Value, id, reason ?? string.Empty, ct), Localization.Texts["Cancellation requested. If the seller doesn't reply in time (the date is below), the order is cancelled and refunded."]);

    public async Task<IActionResult> OnPostExtendAsync(Guid id, int days, CancellationToken ct) =>
        Done(id, await extensions.RequestAsync(User.UserId()!.Value, id, days, ct), Localization.Texts["Asked the seller for more time. Your protection moves with the delivery deadline once they grant it."]);

    public async Task<IActionResult> OnPostMessageAsync(Guid id, string? body, CancellationToken ct) =>
        this.AfterMessage(await send.ToOrderAsync(User.UserId()!.Value, id, body, ct), $"/Orders/{id}");

    private IActionResult Done(Guid id, Result<OrderStatus> result, string success)
    {
        if (result.Error?.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        OrderMessage = result.Succeeded ? success : result.Error!.Text();
        return Redirect($"/Orders/{id}");
    }
}

using Marketplace.Core.Disputes;
using Marketplace.Core.Messaging;
using Marketplace.Core.Orders;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Orders;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Pages.Disputes;
using Marketplace.Web.Pages.Messages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin.Disputes;

/// <summary>The whole case for an admin: the order and what was bought, the timeline, the ledger; and the decision.</summary>
public sealed class DetailsModel(DisputeQueries disputes, OrderQueries orders, DisputeActions actions, DisputeEvidenceFiles evidence, ConversationQueries conversations, RefundAfterRelease refundAfterRelease) : PageModel
{
    public IReadOnlyList<DisputeEvidence> Evidence { get; private set; } = [];

    public DisputeDetails Details { get; private set; } = null!;

    public OrderDetails Order { get; private set; } = null!;

    public IReadOnlyList<LedgerLine> Ledger { get; private set; } = [];

    /// <summary>The buyer–seller conversation; admins see it once the dispute was escalated (null before, or when there is none).</summary>
    public ConversationBox? Conversation { get; private set; }

    [TempData]
    public string? DisputeMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await disputes.DetailsAsync(Admin, id, ct) is not { } details || await orders.ForAdminAsync(details.Dispute.OrderId, ct) is not { } order)
        {
            return NotFound();
        }

        (Details, Order) = (details, order);
        Ledger = await disputes.LedgerForOrderAsync(order.Order.Id, ct);
        Evidence = await evidence.ListAsync(id, ct);
        if (details.Dispute.EscalatedAt is not null)
        {
            Conversation = new ConversationBox(await conversations.ForAdminAsync(order.Order.Id, ct), Actor.Admin, string.Empty, false, Localization.Texts["Messages between buyer and seller"]);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid id, DisputeRemedy outcome, string? amount, string? reason, CancellationToken ct)
    {
        long? minor = null;
        if (outcome == DisputeRemedy.PartialRefund)
        {
            var currency = (await disputes.DetailsAsync(Admin, id, ct))?.Dispute.Currency ?? "USD";
            var parsed = DisputeText.Amount(amount, currency);
            if (!parsed.Succeeded)
            {
                return Done(id, parsed.Error!, string.Empty);
            }

            minor = parsed.Value;
        }

        return Done(id, await actions.DecideAsync(Admin, id, outcome, minor, reason ?? string.Empty, ct), Localization.Texts["Decision recorded; the money moves through the provider."]);
    }

    public async Task<IActionResult> OnPostReturnDeliveredAsync(Guid id, CancellationToken ct)
    {
        var result = await actions.ReturnDeliveredAsync(Admin, id, ct);
        return Done(id, result, result.Succeeded ? Localization.Texts["Return marked as delivered; the seller has {0} to confirm it.", Words.Duration(result.Value!.ReturnConfirmWindow)].Value : string.Empty);
    }

    /// <summary>A completed order (the seller already paid) refunded in full, e.g. when new evidence shows fraud.</summary>
    public async Task<IActionResult> OnPostRefundAfterReleaseAsync(Guid id, string? reason, CancellationToken ct)
    {
        if (await disputes.DetailsAsync(Admin, id, ct) is not { } details)
        {
            return NotFound();
        }

        var refunded = await refundAfterRelease.ExecuteAsync(User.UserId()!.Value, details.Dispute.OrderId, reason ?? string.Empty, ct);
        DisputeMessage = refunded.Succeeded ? Localization.Texts["Refunded in full: the buyer's refund and the seller's payout reversal are on their way through the provider."] : refunded.Error!.Text();
        return Redirect($"/Admin/Disputes/{id}");
    }

    private DisputeParty Admin => DisputeParty.Admin(User.UserId()!.Value);

    private IActionResult Done(Guid id, Result<Dispute> result, string success)
    {
        if (result.Error?.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        DisputeMessage = result.Succeeded ? success : result.Error!.Text();
        return Redirect($"/Admin/Disputes/{id}");
    }
}

using Marketplace.Core.Disputes;
using Marketplace.Core.Messaging;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Orders;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Pages.Messages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Disputes;

/// <summary>The buyer's view of one dispute: where it stands, what they can do next, and its timeline.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Marketplace.Web.Infrastructure.RateLimits.Messages)]
[Authorize]
public sealed class DetailsModel(DisputeQueries queries, DisputeActions actions, DisputeEvidenceFiles evidence, ConversationQueries conversations, SendMessage send) : PageModel
{
    public DisputeDetails Details { get; private set; } = null!;

    public IReadOnlyList<DisputeEvidence> Evidence { get; private set; } = [];

    public ConversationBox Conversation { get; private set; } = null!;

    [TempData]
    public string? DisputeMessage { get; set; }

    [TempData]
    public string? MessageError { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await queries.DetailsAsync(Buyer, id, ct) is not { } details)
        {
            return NotFound();
        }

        Details = details;
        Evidence = await evidence.ListAsync(id, ct);
        Conversation = new ConversationBox(await conversations.ForOrderAsync(User.UserId()!.Value, details.Dispute.OrderId, ct), Actor.Buyer, details.StoreName, true, Localization.Texts["Messages with the seller"]);
        return Page();
    }

    public async Task<IActionResult> OnPostEvidenceAsync(Guid id, IFormFile? file, CancellationToken ct)
    {
        if (file is null)
        {
            return Done(id, Result<DisputeEvidence>.Fail(EvidenceErrors.Empty), string.Empty);
        }

        await using var stream = file.OpenReadStream();
        return Done(id, await evidence.AddAsync(Buyer, id, file.FileName, stream, file.Length, ct), Localization.Texts["File attached."]);
    }

    public async Task<IActionResult> OnPostAcceptOfferAsync(Guid id, CancellationToken ct) =>
        Done(id, await actions.AcceptCounterAsync(Buyer, id, ct), Localization.Texts["You accepted the seller's offer."]);

    public async Task<IActionResult> OnPostRejectOfferAsync(Guid id, CancellationToken ct) =>
        Done(id, await actions.RejectCounterAsync(Buyer, id, ct), Localization.Texts["You rejected the offer. You can ask an admin to decide."]);

    public async Task<IActionResult> OnPostEscalateAsync(Guid id, CancellationToken ct) =>
        Done(id, await actions.EscalateAsync(Buyer, id, ct), Localization.Texts["An admin will look at your case and decide."]);

    public async Task<IActionResult> OnPostShipReturnAsync(Guid id, string? carrier, string? trackingNumber, CancellationToken ct) =>
        Done(id, await actions.ShipReturnAsync(Buyer, id, carrier ?? string.Empty, trackingNumber ?? string.Empty, ct), Localization.Texts["Return recorded. The seller confirms it when it arrives."]);

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) =>
        Done(id, await actions.CancelAsync(Buyer, id, ct), Localization.Texts["You withdrew the dispute. It can't be reopened."]);

    public async Task<IActionResult> OnPostMessageAsync(Guid id, string? body, CancellationToken ct) =>
        await queries.DetailsAsync(Buyer, id, ct) is { } details
            ? this.AfterMessage(await send.ToOrderAsync(User.UserId()!.Value, details.Dispute.OrderId, body, ct), $"/Disputes/{id}")
            : NotFound();

    private DisputeParty Buyer => DisputeParty.Buyer(User.UserId()!.Value);

    private IActionResult Done<T>(Guid id, Result<T> result, string success)
    {
        if (result.Error?.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        DisputeMessage = result.Succeeded ? success : result.Error!.Text();
        return Redirect($"/Disputes/{id}");
    }
}

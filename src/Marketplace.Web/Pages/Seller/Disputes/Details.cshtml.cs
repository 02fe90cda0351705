using Marketplace.Core.Disputes;
using Marketplace.Core.Messaging;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Orders;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Pages.Disputes;
using Marketplace.Web.Pages.Messages;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Seller.Disputes;

/// <summary>The seller answers a dispute: accept, counter-offer (partial refund, return, reship), reject with reasons, escalate, confirm a return.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Marketplace.Web.Infrastructure.RateLimits.Messages)]
public sealed class DetailsModel(DisputeQueries queries, DisputeActions actions, DisputeEvidenceFiles evidence, ConversationQueries conversations, SendMessage send, TimeProvider clock) : SellerPageModel
{
    /// <summary>The business clock's now: the answer forms show only while an answer is still taken (the timer job may run later).</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    public DisputeDetails Details { get; private set; } = null!;

    public IReadOnlyList<DisputeEvidence> Evidence { get; private set; } = [];

    public ConversationBox Conversation { get; private set; } = null!;

    [TempData]
    public string? DisputeMessage { get; set; }

    [TempData]
    public string? MessageError { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadSellerAsync(ct))
        {
            return Redirect("/Sell");
        }

        if (await queries.DetailsAsync(DisputeParty.Seller(Store.Id), id, ct) is not { } details)
        {
            return NotFound();
        }

        Details = details;
        Evidence = await evidence.ListAsync(id, ct);
        var thread = await conversations.ForOrderAsync(UserId, details.Dispute.OrderId, ct);
        Conversation = new ConversationBox(thread, Actor.Seller, thread?.BuyerName ?? Localization.Texts["the buyer"], true, Localization.Texts["Messages with the buyer"]);
        return Page();
    }

    public Task<IActionResult> OnPostEvidenceAsync(Guid id, IFormFile? file, CancellationToken ct) =>
        Act<DisputeEvidence>(id, async (party, a) =>
        {
            if (file is null)
            {
                return EvidenceErrors.Empty;
            }

            await using var stream = file.OpenReadStream();
            return await evidence.AddAsync(party, id, file.FileName, stream, file.Length, ct);
        }, Localization.Texts["File attached."], ct);

    public Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct) =>
        Act(id, (party, a) => a.AcceptAsync(party, id, ct), Localization.Texts["You accepted the buyer's request."], ct);

    public Task<IActionResult> OnPostCounterAsync(Guid id, DisputeRemedy offer, string? amount, string? message, CancellationToken ct) =>
        Act<Dispute>(id, async (party, a) =>
        {
            long? minor = null;
            if (offer == DisputeRemedy.PartialRefund)
            {
                var currency = (await queries.DetailsAsync(party, id, ct))?.Dispute.Currency ?? "USD";
                var parsed = DisputeText.Amount(amount, currency);
                if (!parsed.Succeeded)
                {
                    return parsed.Error!;
                }

                minor = parsed.Value;
            }

            return await a.CounterAsync(party, id, offer, minor, message ?? string.Empty, ct);
        }, Localization.Texts["Your offer was sent to the buyer."], ct);

    public Task<IActionResult> OnPostRejectAsync(Guid id, string? message, CancellationToken ct) =>
        Act(id, (party, a) => a.RejectAsync(party, id, message ?? string.Empty, ct), Localization.Texts["You rejected the request. Either of you can now ask an admin to decide."], ct);

    public Task<IActionResult> OnPostEscalateAsync(Guid id, CancellationToken ct) =>
        Act(id, (party, a) => a.EscalateAsync(party, id, ct), Localization.Texts["An admin will decide."], ct);

    public Task<IActionResult> OnPostConfirmReturnAsync(Guid id, CancellationToken ct) =>
        Act(id, (party, a) => a.ConfirmReturnAsync(party, id, ct), Localization.Texts["Return confirmed: the buyer is refunded."], ct);

    public async Task<IActionResult> OnPostMessageAsync(Guid id, string? body, CancellationToken ct)
    {
        if (!await LoadSellerAsync(ct) || await queries.DetailsAsync(DisputeParty.Seller(Store.Id), id, ct) is not { } details)
        {
            return NotFound();
        }

        return this.AfterMessage(await send.ToOrderAsync(UserId, details.Dispute.OrderId, body, ct), $"/Seller/Disputes/{id}");
    }

    private async Task<IActionResult> Act<T>(Guid id, Func<DisputeParty, DisputeActions, Task<Result<T>>> step, string success, CancellationToken ct)
    {
        if (!await LoadSellerAsync(ct))
        {
            return Redirect("/Sell");
        }

        var result = await step(DisputeParty.Seller(Store.Id), actions);
        if (result.Error?.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        DisputeMessage = result.Succeeded ? success : result.Error!.Text();
        return Redirect($"/Seller/Disputes/{id}");
    }
}

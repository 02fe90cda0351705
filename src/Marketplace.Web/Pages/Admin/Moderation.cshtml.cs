using Marketplace.Core.Trust;
using Marketplace.Domain.Messaging;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin;

/// <summary>Flagged messages waiting for review, with each sender's record; clear a false alarm or confirm a breach.</summary>
public sealed class ModerationModel(MessageModeration moderation) : PageModel
{
    public IReadOnlyList<FlaggedMessage> Queue { get; private set; } = [];

    [TempData]
    public string? ModerationMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Queue = await moderation.QueueAsync(ct);

    public async Task<IActionResult> OnPostAsync(Guid messageId, ModerationOutcome outcome, CancellationToken ct)
    {
        var reviewed = await moderation.ReviewAsync(User.UserId()!.Value, messageId, outcome, ct);
        if (reviewed.Error?.AsHttpResult() is { } http)
        {
            return http;
        }

        ModerationMessage = reviewed.Succeeded
            ? outcome == ModerationOutcome.Cleared ? "Cleared as a false alarm." : "Confirmed: it counts against the sender."
            : reviewed.Error!.Message;
        return Redirect("/Admin/Moderation");
    }
}

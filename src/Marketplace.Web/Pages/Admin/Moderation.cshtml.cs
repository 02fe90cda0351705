using Marketplace.Core.Trust;
using Marketplace.Domain.Messaging;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin;

/// <summary>Flagged messages waiting for review, with each sender's record; clear a false alarm or confirm a breach.</summary>
public sealed class ModerationModel(MessageModeration moderation, RetrainMessageModel retrain) : PageModel
{
    public IReadOnlyList<FlaggedMessage> Queue { get; private set; } = [];

    /// <summary>How many wait in all (the queue shows the first <see cref="MessageModeration.QueueSize"/>).</summary>
    public int Waiting { get; private set; }

    public ModelSummary? Model { get; private set; }

    [TempData]
    public string? ModerationMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Queue = await moderation.QueueAsync(ct);
        Waiting = Queue.Count < MessageModeration.QueueSize ? Queue.Count : await moderation.WaitingAsync(ct);
        Model = await moderation.ActiveModelAsync(ct);
    }

    /// <summary>Trains a new version of the learned scorer from the shipped examples and every moderation decision so far.</summary>
    public async Task<IActionResult> OnPostRetrainAsync(CancellationToken ct)
    {
        var model = await retrain.ExecuteAsync(User.UserId()!.Value, ct);
        ModerationMessage = Localization.Texts["Model version {0} trained on {1} messages ({2} from moderators).", model.Version, model.Examples, model.FromModerators];
        return Redirect("/Admin/Moderation");
    }

    public async Task<IActionResult> OnPostAsync(Guid messageId, ModerationOutcome outcome, CancellationToken ct)
    {
        var reviewed = await moderation.ReviewAsync(User.UserId()!.Value, messageId, outcome, ct);
        if (reviewed.Error?.AsHttpResult() is { } http)
        {
            return http;
        }

        ModerationMessage = reviewed.Succeeded
            ? outcome == ModerationOutcome.Cleared ? Localization.Texts["Cleared as a false alarm."].Value : Localization.Texts["Confirmed: it counts against the sender."].Value
            : reviewed.Error!.Text();
        return Redirect("/Admin/Moderation");
    }
}

using Marketplace.Core.Messaging;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Messages;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Marketplace.Web.Infrastructure.RateLimits.Messages)]
[Authorize]
public sealed class ConversationModel(ConversationQueries conversations, SendMessage send) : PageModel
{
    public ConversationThread Thread { get; private set; } = null!;

    [TempData]
    public string? MessageError { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await conversations.ReadAsync(User.UserId()!.Value, id, ct) is not { } thread)
        {
            return NotFound();
        }

        Thread = thread;
        return Page();
    }

    public async Task<IActionResult> OnPostMessageAsync(Guid id, string? body, CancellationToken ct) =>
        this.AfterMessage(await send.ReplyAsync(User.UserId()!.Value, id, body, ct), $"/Messages/{id}");
}

using Marketplace.Core.Messaging;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Messages;

[Authorize]
public sealed class IndexModel(ConversationQueries conversations) : PageModel
{
    public IReadOnlyList<ConversationSummary> Inbox { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Inbox = await conversations.InboxAsync(User.UserId()!.Value, ct);
}

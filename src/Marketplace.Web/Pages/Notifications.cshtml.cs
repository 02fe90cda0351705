using Marketplace.Core.Notifications;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

[Authorize]
public sealed class NotificationsModel(NotificationQueries notifications) : PageModel
{
    public IReadOnlyList<Notification> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await notifications.ReadLatestAsync(User.UserId()!.Value, ct);
}

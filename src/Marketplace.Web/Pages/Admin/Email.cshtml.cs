using Marketplace.Core.Email;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin;

/// <summary>E-mail delivery: waiting, sent, parked (with the server's answer) and "send again".</summary>
public sealed class EmailModel(EmailOutbox outbox) : PageModel
{
    public EmailOutboxView View { get; private set; } = null!;

    [TempData]
    public string? EmailNotice { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => View = await outbox.ViewAsync(ct);

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct)
    {
        EmailNotice = await outbox.RetryAsync(User.UserId()!.Value, id, ct)
            ? Localization.Texts["It will be sent again within a minute."]
            : Localization.Texts["That message isn't parked any more."];
        return Redirect("/Admin/Email");
    }
}

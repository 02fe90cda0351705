using Marketplace.Core.Data;
using Marketplace.Core.Email;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Dev;

/// <summary>
/// Development and Testing only: the e-mails the app has sent (confirmation and reset links), for admins, or for a browser
/// on the machine itself (a loopback connection that came through no proxy), never for anyone on the network.
/// </summary>
public sealed class MailboxModel(MarketplaceDbContext db, IWebHostEnvironment environment) : PageModel
{
    public IReadOnlyList<EmailMessage> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ServiceRegistration.ClockOffsetAllowed(environment))
        {
            return NotFound();
        }

        var remote = HttpContext.Connection.RemoteIpAddress;
        var onThisMachine = (remote is null || System.Net.IPAddress.IsLoopback(remote)) && !Request.Headers.ContainsKey("X-Forwarded-For");
        if (!onThisMachine && !User.IsInRole(Marketplace.Core.Identity.Roles.Admin))
        {
            return NotFound();
        }

        Messages = await db.EmailMessages.AsNoTracking().OrderByDescending(m => m.CreatedAt).Take(50).ToListAsync(ct);
        return Page();
    }
}

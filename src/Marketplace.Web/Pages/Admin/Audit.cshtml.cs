using Marketplace.Core.Trust;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin;

/// <summary>Every admin action, newest first.</summary>
public sealed class AuditModel(TrustQueries queries) : PageModel
{
    public IReadOnlyList<AuditRow> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Entries = await queries.AuditAsync(200, ct);
}

using Marketplace.Core.Trust;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin.Users;

/// <summary>Find an account by e-mail, name or store; with no search, the suspended ones.</summary>
public sealed class IndexModel(TrustQueries queries) : PageModel
{
    public string? Query { get; private set; }

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        Query = q;
        Users = await queries.FindUsersAsync(q, ct);
    }
}

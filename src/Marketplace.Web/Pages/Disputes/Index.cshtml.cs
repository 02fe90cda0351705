using Marketplace.Core.Disputes;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Disputes;

/// <summary>The buyer's "Disputes &amp; Reports": every dispute with its state and the next deadline.</summary>
[Authorize]
public sealed class IndexModel(DisputeQueries disputes) : PageModel
{
    public IReadOnlyList<DisputeSummary> Disputes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Disputes = await disputes.ListAsync(DisputeParty.Buyer(User.UserId()!.Value), ct);
}

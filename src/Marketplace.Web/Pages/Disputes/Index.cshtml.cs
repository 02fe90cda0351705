using Marketplace.Core.Disputes;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Disputes;

/// <summary>The buyer's "Disputes &amp; Reports": every dispute with its state and the next deadline.</summary>
[Authorize]
public sealed class IndexModel(DisputeQueries disputes, TimeProvider clock) : PageModel
{
    public IReadOnlyList<DisputeSummary> Disputes { get; private set; } = [];

    /// <summary>Step one of opening a dispute: the orders it can be about.</summary>
    public IReadOnlyList<DisputableOrder> Orders { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var buyerId = User.UserId()!.Value;
        Disputes = await disputes.ListAsync(DisputeParty.Buyer(buyerId), ct);
        Orders = await disputes.DisputableOrdersAsync(buyerId, clock.GetUtcNow(), ct);
    }
}

using Marketplace.Core.Disputes;
using Marketplace.Core.Escrow;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin.Disputes;

/// <summary>The admin's queue: escalated disputes by urgency, with the card networks' chargebacks beside them.</summary>
public sealed class IndexModel(DisputeQueries disputes, EscrowQueries escrow, TimeProvider clock) : PageModel
{
    public IReadOnlyList<QueuedDispute> Queue { get; private set; } = [];

    public IReadOnlyList<ChargebackRow> Chargebacks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Queue = await disputes.AdminQueueAsync(clock.GetUtcNow(), ct: ct);
        Chargebacks = (await escrow.ChargebacksAsync(ct)).Where(c => c.Status == Domain.Escrow.ChargebackStatus.Open).ToList();
    }
}

using Marketplace.Core.Escrow;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin;

/// <summary>Escrow by currency (held, due, frozen, released) and the ledger's invariants recomputed on every visit.</summary>
public sealed class EscrowModel(EscrowQueries escrow, LedgerHealth health) : PageModel
{
    public IReadOnlyList<EscrowOverviewRow> Overview { get; private set; } = [];

    public IReadOnlyList<LedgerViolation> Violations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Overview = await escrow.OverviewAsync(ct);
        Violations = await health.CheckAsync(ct);
    }
}

using Marketplace.Core.Escrow;
using Marketplace.Core.Payments;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin;

/// <summary>Escrow by currency (held, due, frozen, released), chargebacks, and the ledger's invariants recomputed on every visit.</summary>
public sealed class EscrowModel(EscrowQueries escrow, LedgerHealth health, RetryProviderCommand retry) : PageModel
{
    public IReadOnlyList<EscrowOverviewRow> Overview { get; private set; } = [];

    public IReadOnlyList<LedgerViolation> Violations { get; private set; } = [];

    public IReadOnlyList<StuckProviderCall> Stuck { get; private set; } = [];

    public IReadOnlyList<ChargebackRow> Chargebacks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Overview = await escrow.OverviewAsync(ct);
        Violations = await health.CheckAsync(ct);
        Stuck = await escrow.StuckProviderCallsAsync(ct);
        Chargebacks = await escrow.ChargebacksAsync(ct);
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct)
    {
        TempData["Message"] = await retry.ExecuteAsync(User.UserId()!.Value, id, ct) ? "Sent again with the same idempotency key." : "That call is no longer waiting for an admin.";
        return RedirectToPage();
    }
}

using Marketplace.Core.Escrow;
using Marketplace.Core.Payments;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin;

/// <summary>Escrow by currency (held, due, frozen, released), chargebacks, and the ledger's invariants recomputed on every visit.</summary>
public sealed class EscrowModel(EscrowQueries escrow, LedgerHealth health, RetryProviderCommand retry, AdminHolds holds) : PageModel
{
    public IReadOnlyList<EscrowOverviewRow> Overview { get; private set; } = [];

    public IReadOnlyList<LedgerViolation> Violations { get; private set; } = [];

    public IReadOnlyList<StuckProviderCall> Stuck { get; private set; } = [];

    public IReadOnlyList<ChargebackRow> Chargebacks { get; private set; } = [];

    public IReadOnlyList<FrozenHoldRow> Frozen { get; private set; } = [];

    public IReadOnlyList<Domain.Escrow.ProviderEvent> ParkedEvents { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Overview = await escrow.OverviewAsync(ct);
        Violations = await health.CheckAsync(ct);
        Stuck = await escrow.StuckProviderCallsAsync(ct);
        Chargebacks = await escrow.ChargebacksAsync(ct);
        Frozen = await escrow.FrozenHoldsAsync(ct: ct);
        ParkedEvents = await escrow.ParkedProviderEventsAsync(ct);
    }

    public async Task<IActionResult> OnPostHoldAsync(string? orderNumber, string? reason, CancellationToken ct)
    {
        var held = await holds.PlaceAsync(User.UserId()!.Value, orderNumber ?? string.Empty, reason ?? string.Empty, ct);
        TempData["Message"] = held.Succeeded ? Localization.Texts["The payment of order {0} is frozen until you lift your hold.", orderNumber!.Trim().ToUpperInvariant()].Value : held.Error!.Text();
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostLiftAsync(Guid orderId, string? reason, CancellationToken ct)
    {
        var lifted = await holds.LiftAsync(User.UserId()!.Value, orderId, reason ?? string.Empty, ct);
        TempData["Message"] = !lifted.Succeeded ? lifted.Error!.Text() : lifted.Value == Domain.Escrow.HoldStatus.Frozen ? Localization.Texts["Your hold is lifted; the payment stays frozen for its open dispute or chargeback."].Value : Localization.Texts["Your hold is lifted."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct)
    {
        TempData["Message"] = await retry.ExecuteAsync(User.UserId()!.Value, id, ct) ? Localization.Texts["Sent again with the same idempotency key."].Value : Localization.Texts["That call is no longer waiting for an admin."].Value;
        return RedirectToPage();
    }
}

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Marketplace.Core.Rules;
using Marketplace.Domain.Common;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin;

/// <summary>The rules form in the units an admin thinks in (minutes to pay, hours to answer a cancellation, days for the rest, a percentage).</summary>
public sealed class RulesForm
{
    public int BasedOnVersion { get; set; }

    public int? PaymentWindowMinutes { get; set; }

    public int? MaxHandlingDays { get; set; }

    public int? CancellationReplyHours { get; set; }

    public int? ProtectionDays { get; set; }

    public int? DisputeOpensAfterDays { get; set; }

    public int? SellerReplyDays { get; set; }

    public int? EscalationDays { get; set; }

    public int? ReturnShipDays { get; set; }

    public int? ReturnConfirmDays { get; set; }

    public int? HoldCeilingDays { get; set; }

    [Display(Name = "Commission (%)")]
    [Required(ErrorMessage = "Enter the commission, e.g. 8 or 7.5.")]
    public string Commission { get; set; } = string.Empty;

    [Display(Name = "Why (for the audit log)")]
    public string? Reason { get; set; }

    /// <summary>The whole-number fields in page order: form name, label, value, bounds (the rules' own bounds, for the browser).</summary>
    public IReadOnlyList<(string Name, string Label, int? Value, int Min, int Max)> Numbers =>
    [
        (nameof(PaymentWindowMinutes), "Time to pay (minutes)", PaymentWindowMinutes, 5, 1440),
        (nameof(MaxHandlingDays), "Longest handling time (days)", MaxHandlingDays, 1, 30),
        (nameof(CancellationReplyHours), "Seller's time to answer a cancellation (hours)", CancellationReplyHours, 1, 336),
        (nameof(ProtectionDays), "Buyer protection after delivery (days)", ProtectionDays, 1, 60),
        (nameof(DisputeOpensAfterDays), "Disputes open after shipping (days)", DisputeOpensAfterDays, 1, 60),
        (nameof(SellerReplyDays), "Seller's time to answer a dispute (days)", SellerReplyDays, 1, 30),
        (nameof(EscalationDays), "Escalation without agreement (days after opening)", EscalationDays, 1, 60),
        (nameof(ReturnShipDays), "Buyer's time to send a return (days)", ReturnShipDays, 1, 60),
        (nameof(ReturnConfirmDays), "Seller's time to confirm a return (days)", ReturnConfirmDays, 1, 60),
        (nameof(HoldCeilingDays), "Hold ceiling (days after capture)", HoldCeilingDays, 7, 89),
    ];

    public static RulesForm From(MarketplaceRules rules) => new()
    {
        BasedOnVersion = rules.Version,
        PaymentWindowMinutes = (int)rules.PaymentWindow.TotalMinutes,
        MaxHandlingDays = rules.MaxHandlingDays,
        CancellationReplyHours = (int)rules.CancellationReplyWindow.TotalHours,
        ProtectionDays = (int)rules.ProtectionPeriod.TotalDays,
        DisputeOpensAfterDays = (int)rules.DisputeOpensAfterShipping.TotalDays,
        SellerReplyDays = (int)rules.SellerReplyWindow.TotalDays,
        EscalationDays = (int)rules.EscalationWindow.TotalDays,
        ReturnShipDays = (int)rules.ReturnShipWindow.TotalDays,
        ReturnConfirmDays = (int)rules.ReturnConfirmWindow.TotalDays,
        HoldCeilingDays = (int)rules.HoldCeiling.TotalDays,
        Commission = (rules.CommissionBasisPoints / 100m).ToString("0.##", CultureInfo.InvariantCulture),
    };

    /// <summary>Each whole-number field that is missing or outside its bounds, with a message (checked before any value becomes a duration).</summary>
    public IEnumerable<(string Field, string Message)> NumberProblems() =>
        Numbers.Where(n => n.Value is not { } v || v < n.Min || v > n.Max)
            .Select(n => (n.Name, $"Enter a whole number from {n.Min} to {n.Max}."));

    /// <summary>The rules these values mean (call after <see cref="NumberProblems"/> found none), and a message when the commission isn't a percentage with at most two decimals.</summary>
    public MarketplaceRules ToRules(out string? commissionError)
    {
        commissionError = Percentages.TryParseBasisPoints(Commission, out var basisPoints)
            ? null
            : "Enter the commission as a percentage with at most two decimals, e.g. 8 or 7.5.";
        return new MarketplaceRules
        {
            PaymentWindow = TimeSpan.FromMinutes(PaymentWindowMinutes!.Value),
            MaxHandlingDays = MaxHandlingDays!.Value,
            CancellationReplyWindow = TimeSpan.FromHours(CancellationReplyHours!.Value),
            ProtectionPeriod = TimeSpan.FromDays(ProtectionDays!.Value),
            DisputeOpensAfterShipping = TimeSpan.FromDays(DisputeOpensAfterDays!.Value),
            SellerReplyWindow = TimeSpan.FromDays(SellerReplyDays!.Value),
            EscalationWindow = TimeSpan.FromDays(EscalationDays!.Value),
            ReturnShipWindow = TimeSpan.FromDays(ReturnShipDays!.Value),
            ReturnConfirmWindow = TimeSpan.FromDays(ReturnConfirmDays!.Value),
            HoldCeiling = TimeSpan.FromDays(HoldCeilingDays!.Value),
            CommissionBasisPoints = basisPoints,
        };
    }

    /// <summary>The form field each rule's problem belongs to.</summary>
    public static string FieldOf(string rule) => rule switch
    {
        nameof(MarketplaceRules.PaymentWindow) => nameof(PaymentWindowMinutes),
        nameof(MarketplaceRules.CancellationReplyWindow) => nameof(CancellationReplyHours),
        nameof(MarketplaceRules.ProtectionPeriod) => nameof(ProtectionDays),
        nameof(MarketplaceRules.DisputeOpensAfterShipping) => nameof(DisputeOpensAfterDays),
        nameof(MarketplaceRules.SellerReplyWindow) => nameof(SellerReplyDays),
        nameof(MarketplaceRules.EscalationWindow) => nameof(EscalationDays),
        nameof(MarketplaceRules.ReturnShipWindow) => nameof(ReturnShipDays),
        nameof(MarketplaceRules.ReturnConfirmWindow) => nameof(ReturnConfirmDays),
        nameof(MarketplaceRules.HoldCeiling) => nameof(HoldCeilingDays),
        nameof(MarketplaceRules.CommissionBasisPoints) => nameof(Commission),
        _ => rule,
    };
}

/// <summary>"7.5" → 750 basis points: a percentage from 0 to 100 with at most two decimals, either decimal mark.</summary>
public static class Percentages
{
    public static bool TryParseBasisPoints(string? text, out int basisPoints)
    {
        basisPoints = 0;
        var cleaned = (text ?? string.Empty).Trim().TrimEnd('%').Trim().Replace(',', '.');
        if (!decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            || percent > 100 || decimal.Round(percent, 2) != percent)
        {
            return false;
        }

        basisPoints = (int)(percent * 100);
        return true;
    }
}

/// <summary>Every SPEC timer and rate, changed by an admin (audited); orders keep the rules they were placed with.</summary>
public sealed class RulesModel(RulesStore store) : PageModel
{
    [BindProperty]
    public RulesForm Form { get; set; } = new();

    public MarketplaceRules Current { get; private set; } = null!;

    public MarketplaceRules Defaults => store.Defaults;

    public IReadOnlyList<RulesChange> History { get; private set; } = [];

    public IReadOnlyList<CategoryCommission> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Form = RulesForm.From(Current);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Form.NumberProblems().ToList() is { Count: > 0 } numbers)
        {
            numbers.ForEach(n => ModelState.AddModelError("Form." + n.Field, n.Message));
            await LoadAsync(ct);
            return Page();
        }

        var proposed = Form.ToRules(out var commissionError);
        if (commissionError is not null)
        {
            ModelState.AddModelError("Form.Commission", commissionError);
        }

        foreach (var (field, message) in proposed.Problems().Where(p => commissionError is null || p.Field != nameof(MarketplaceRules.CommissionBasisPoints)))
        {
            ModelState.AddModelError("Form." + RulesForm.FieldOf(field), message);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var changed = await store.ChangeAsync(User.UserId()!.Value, Form.BasedOnVersion, proposed, Form.Reason ?? string.Empty, ct);
        if (!changed.Succeeded)
        {
            ModelState.AddModelError(changed.Error == RulesStore.ReasonRequired || changed.Error == RulesStore.ReasonTooLong ? "Form.Reason" : string.Empty, changed.Error!.Message);
            await LoadAsync(ct);
            return Page();
        }

        TempData["Message"] = $"Saved as version {changed.Value!.Version}. Orders placed from now on follow it; orders already placed keep their rules.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCommissionAsync(Guid categoryId, string? percent, string? reason, CancellationToken ct)
    {
        int? basisPoints = null;
        if (!string.IsNullOrWhiteSpace(percent))
        {
            if (!Percentages.TryParseBasisPoints(percent, out var parsed))
            {
                TempData["Error"] = "Enter the category's commission as a percentage with at most two decimals, or leave it empty for the platform's rate.";
                return RedirectToPage(null, null, "categories");
            }

            basisPoints = parsed;
        }

        var result = await store.OverrideCommissionAsync(User.UserId()!.Value, categoryId, basisPoints, reason ?? string.Empty, ct);
        if (result.Error?.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        TempData[result.Succeeded ? "Message" : "Error"] = result.Succeeded
            ? "Category commission saved. Orders placed from now on pay it."
            : result.Error!.Message;
        return RedirectToPage(null, null, "categories");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Current = await store.CurrentAsync(ct);
        History = await store.HistoryAsync(ct: ct);
        Categories = await store.CategoriesAsync(ct);
    }
}

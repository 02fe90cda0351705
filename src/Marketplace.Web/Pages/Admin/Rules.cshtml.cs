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
        (nameof(PaymentWindowMinutes), Localization.Texts["Time to pay (minutes)"].Value, PaymentWindowMinutes, 5, 1440),
        (nameof(MaxHandlingDays), Localization.Texts["Longest handling time (days)"].Value, MaxHandlingDays, 1, 30),
        (nameof(CancellationReplyHours), Localization.Texts["Seller's time to answer a cancellation (hours)"].Value, CancellationReplyHours, 1, 336),
        (nameof(ProtectionDays), Localization.Texts["Buyer protection after delivery (days)"].Value, ProtectionDays, 1, 60),
        (nameof(DisputeOpensAfterDays), Localization.Texts["Disputes open after shipping (days)"].Value, DisputeOpensAfterDays, 1, 60),
        (nameof(SellerReplyDays), Localization.Texts["Seller's time to answer a dispute (days)"].Value, SellerReplyDays, 1, 30),
        (nameof(EscalationDays), Localization.Texts["Escalation without agreement (days after opening)"].Value, EscalationDays, 1, 60),
        (nameof(ReturnShipDays), Localization.Texts["Buyer's time to send a return (days)"].Value, ReturnShipDays, 1, 60),
        (nameof(ReturnConfirmDays), Localization.Texts["Seller's time to confirm a return (days)"].Value, ReturnConfirmDays, 1, 60),
        (nameof(HoldCeilingDays), Localization.Texts["Hold ceiling (days after capture)"].Value, HoldCeilingDays, 7, 89),
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
            .Select(n => (n.Name, Localization.Texts["Enter a whole number from {0} to {1}.", n.Min, n.Max].Value));

    /// <summary>The rules these values mean (call after <see cref="NumberProblems"/> found none), and a message when the commission isn't a percentage with at most two decimals.</summary>
    public MarketplaceRules ToRules(out string? commissionError)
    {
        commissionError = Percentages.TryParseBasisPoints(Commission, out var basisPoints)
            ? null
            : Localization.Texts["Enter the commission as a percentage with at most two decimals, e.g. 8 or 7.5."].Value;
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
            ModelState.AddModelError("Form." + RulesForm.FieldOf(field), Words.Render(message));
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var changed = await store.ChangeAsync(User.UserId()!.Value, Form.BasedOnVersion, proposed, Form.Reason ?? string.Empty, ct);
        if (!changed.Succeeded)
        {
            ModelState.AddModelError(changed.Error == RulesStore.ReasonRequired || changed.Error == RulesStore.ReasonTooLong ? "Form.Reason" : string.Empty, changed.Error!.Text());
            await LoadAsync(ct);
            return Page();
        }

        TempData["Message"] = Localization.Texts["Saved as version {0}. Orders placed from now on follow it; orders already placed keep their rules.", changed.Value!.Version].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCommissionAsync(Guid categoryId, string? percent, string? reason, CancellationToken ct)
    {
        int? basisPoints = null;
        if (!string.IsNullOrWhiteSpace(percent))
        {
            if (!Percentages.TryParseBasisPoints(percent, out var parsed))
            {
                TempData["Error"] = Localization.Texts["Enter the category's commission as a percentage with at most two decimals, or leave it empty for the platform's rate."].Value;
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
            ? Localization.Texts["Category commission saved. Orders placed from now on pay it."].Value
            : result.Error!.Text();
        return RedirectToPage(null, null, "categories");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Current = await store.CurrentAsync(ct);
        History = await store.HistoryAsync(ct: ct);
        Categories = await store.CategoriesAsync(ct);
    }
}

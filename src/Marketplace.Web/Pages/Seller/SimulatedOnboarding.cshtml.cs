using System.ComponentModel.DataAnnotations;
using Marketplace.Core.Sellers;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Seller;

/// <summary>The simulated provider's hosted onboarding form: a stand-in for Stripe's, so the flow works offline.</summary>
public sealed class SimulatedOnboardingModel(SetUpPayouts payouts) : SellerPageModel
{
    [BindProperty(SupportsGet = true)]
    public string Account { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Enter the account holder's name.")]
    [Display(Name = "Account holder")]
    public string Holder { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Enter a test IBAN, e.g. DE89 3704 0044 0532 0130 00.")]
    [RegularExpression(@"^[A-Za-z]{2}\d{2}[A-Za-z0-9 ]{10,32}$", ErrorMessage = "That doesn't look like an IBAN (two letters, two digits, then the account).")]
    [Display(Name = "IBAN")]
    public string Iban { get; set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadSellerAsync(ct) && Store.PayoutAccountId == Account ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadSellerAsync(ct) || Store.PayoutAccountId != Account)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await payouts.CompleteSimulatedAsync(Store.Id, Account, ct);
        TempData["Message"] = Localization.Texts["Payout account ready."].Value;
        return Redirect("/Seller");
    }
}

using System.ComponentModel.DataAnnotations;
using Marketplace.Core.Identity;
using Marketplace.Core.Sellers;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

/// <summary>Any signed-in user opens a store here.</summary>
[Authorize]
public sealed class SellModel(ApplyToSell apply, SellerQueries sellers, SignInManager<AppUser> signIn, DestinationCountry destination) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Name your store.")]
    [Display(Name = "Store name")]
    public string StoreName { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Choose the country you ship from.")]
    [Display(Name = "Country you ship from")]
    public string Country { get; set; } = string.Empty;

    /// <summary>Empty: the country's currency.</summary>
    [BindProperty]
    [Display(Name = "Currency you price in")]
    public string? Currency { get; set; }

    [BindProperty]
    [StringLength(4000)]
    [Display(Name = "About your store")]
    public string? Description { get; set; }

    public bool Pending { get; private set; }

    /// <summary>The person's store was suspended by an admin: they can't open another.</summary>
    public bool Suspended { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var seller = await sellers.ForUserAsync(UserId, ct);
        if (seller is { IsActive: true })
        {
            return Redirect("/Seller");
        }

        Suspended = seller is { Status: Marketplace.Domain.Sellers.SellerStatus.Suspended };
        Pending = seller is not null && !Suspended;
        Country = destination.Code;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await apply.ExecuteAsync(UserId, new SellerApplication(StoreName, Country, Description ?? string.Empty, Currency), ct);
        if (!result.Succeeded)
        {
            var error = result.Error!;
            error.AddTo(ModelState, error.Code == SellerErrors.UnknownCountry.Code ? nameof(Country) : error.Code == SellerErrors.UnknownCurrency.Code ? nameof(Currency) : nameof(StoreName));
            return Page();
        }

        // The new Seller role goes into the sign-in cookie now, not at the next login.
        var user = await signIn.UserManager.GetUserAsync(User);
        await signIn.RefreshSignInAsync(user!);
        return result.Value!.IsActive ? Redirect("/Seller") : RedirectToPage();
    }

    private Guid UserId => User.UserId()!.Value;
}

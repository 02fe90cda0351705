using System.ComponentModel.DataAnnotations;
using Marketplace.Core.Checkout;
using Marketplace.Core.Orders;
using Marketplace.Core.Payments;
using Marketplace.Domain.Orders;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

/// <summary>The simulated provider's hosted card page: test card numbers decide what the "bank" says.</summary>
[Authorize]
public sealed class PayModel(OrderQueries orders, PayWithCard pay, TimeProvider clock) : PageModel
{
    public PaymentDetails Details { get; private set; } = null!;

    public TimeSpan TimeLeft { get; private set; }

    [BindProperty]
    public CardInput Card { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await orders.PaymentAsync(User.UserId()!.Value, id, ct) is not { } details)
        {
            return NotFound();
        }

        if (details.Payment.Status == PaymentStatus.Paid)
        {
            return Redirect("/Orders");
        }

        Details = details;
        TimeLeft = details.Payment.PaymentDueBy - clock.GetUtcNow();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var paid = await pay.ExecuteAsync(User.UserId()!.Value, id, new CardDetails(Card.Number, Card.Expiry, Card.Cvc, Card.Name), ct);
            if (paid.Succeeded)
            {
                TempData["OrdersMessage"] = "Payment received. Your money is held safely until you confirm delivery.";
                return Redirect("/Orders");
            }

            var error = paid.Error!;
            ModelState.AddModelError(error.Code switch
            {
                "card.number" => "Card.Number",
                "card.expiry" or "card.expired" => "Card.Expiry",
                "card.cvc" => "Card.Cvc",
                _ => string.Empty,
            }, error.Message);
            if (error.Kind == Domain.Common.ErrorKind.NotFound)
            {
                return NotFound();
            }
        }

        return await OnGetAsync(id, ct);
    }

    public sealed class CardInput
    {
        [Display(Name = "Card number")]
        [Required(ErrorMessage = "Enter the card number.")]
        public string Number { get; set; } = string.Empty;

        [Display(Name = "Expiry (MM/YY)")]
        [Required(ErrorMessage = "Enter the expiry date.")]
        public string Expiry { get; set; } = string.Empty;

        [Display(Name = "Security code (CVC)")]
        [Required(ErrorMessage = "Enter the security code.")]
        public string Cvc { get; set; } = string.Empty;

        [Display(Name = "Name on card")]
        [Required(ErrorMessage = "Enter the name on the card.")]
        [StringLength(100)]
        public string Name { get; set; } = string.Empty;
    }
}

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

/// <summary>
/// The card page. With the simulated provider it is the provider's hosted form (test card numbers decide what the
/// "bank" says); with Stripe it holds Stripe Elements for the checkout's PaymentIntent, and Stripe sends the buyer
/// back to <c>?handler=Return</c>, where the server asks Stripe how it went (the webhook reports the same, once).
/// </summary>
[Authorize]
public sealed class PayModel(OrderQueries orders, PayWithCard pay, TimeProvider clock, IEmbeddedCardPayments? embedded = null) : PageModel
{
    public PaymentDetails Details { get; private set; } = null!;

    /// <summary>Stripe's payment for this checkout (null with the simulated provider).</summary>
    public ProviderPayment? Embedded { get; private set; }

    public string? PublishableKey => embedded?.PublishableKey;

    /// <summary>Set when the provider couldn't be reached to start the payment.</summary>
    public string? ProviderError { get; private set; }

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
            return Redirect($"/Orders/Placed/{id}");
        }

        Details = details;
        TimeLeft = details.Payment.PaymentDueBy - clock.GetUtcNow();
        if (embedded is not null && details.Payment.CanPay(clock.GetUtcNow()))
        {
            try
            {
                Embedded = await HttpContext.RequestServices.GetRequiredService<CardPayments>().StartAsync(User.UserId()!.Value, id, ct);
            }
            catch (PaymentProviderException)
            {
                ProviderError = Localization.Texts["The card form can't be loaded right now. Your items stay reserved; please try again in a minute."];
            }
        }

        return Page();
    }

    /// <summary>Stripe sends the buyer back here after confirming (or failing) the payment.</summary>
    public async Task<IActionResult> OnGetReturnAsync(Guid id, CancellationToken ct)
    {
        if (embedded is null)
        {
            return NotFound();
        }

        var outcome = await HttpContext.RequestServices.GetRequiredService<CardPayments>().ConfirmAsync(User.UserId()!.Value, id, ct);
        if (outcome.Succeeded)
        {
            return Redirect($"/Orders/Placed/{id}");
        }

        if (outcome.Error!.Kind == Domain.Common.ErrorKind.NotFound)
        {
            return NotFound();
        }

        ModelState.AddModelError(string.Empty, outcome.Error.Text());
        return await OnGetAsync(id, ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (embedded is not null)
        {
            // With Stripe the card never touches our server: the browser confirms with Stripe.
            return BadRequest();
        }

        if (ModelState.IsValid)
        {
            var paid = await pay.ExecuteAsync(User.UserId()!.Value, id, new CardDetails(Card.Number, Card.Expiry, Card.Cvc, Card.Name), ct);
            if (paid.Succeeded)
            {
                return Redirect($"/Orders/Placed/{id}");
            }

            var error = paid.Error!;
            ModelState.AddModelError(error.Code switch
            {
                "card.number" => "Card.Number",
                "card.expiry" or "card.expired" => "Card.Expiry",
                "card.cvc" => "Card.Cvc",
                _ => string.Empty,
            }, error.Text());
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

using System.ComponentModel.DataAnnotations;
using Marketplace.Core.Disputes;
using Marketplace.Core.Orders;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Orders;

/// <summary>The buyer opens a dispute about one of their orders: what went wrong, what they ask for, in their words.</summary>
[Authorize]
public sealed class OpenDisputeModel(OrderQueries orders, DisputeActions disputes, TimeProvider clock) : PageModel
{
    public OrderDetails Details { get; private set; } = null!;

    [BindProperty]
    public DisputeInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await orders.ForBuyerAsync(User.UserId()!.Value, id, ct) is not { } details)
        {
            return NotFound();
        }

        Details = details;
        if (!Dispute.CanOpen(details.Order, details.Hold?.ProtectionEndsAt, clock.GetUtcNow()))
        {
            ModelState.AddModelError(string.Empty, DisputeErrors.OutsideWindow.Message);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await orders.ForBuyerAsync(User.UserId()!.Value, id, ct) is not { } details)
        {
            return NotFound();
        }

        Details = details;
        long? partial = null;
        if (Input.Request == DisputeRemedy.PartialRefund)
        {
            if (Money.TryParse(Input.PartialAmount, details.Order.Currency, out var amount))
            {
                partial = amount.Amount;
            }
            else
            {
                ModelState.AddModelError("Input.PartialAmount", DisputeErrors.BadAmount.Message);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var opened = await disputes.OpenAsync(User.UserId()!.Value, id, new OpenDisputeInput(Input.Issue!.Value, Input.Request!.Value, partial, Input.Description), ct);
        if (opened.Succeeded)
        {
            return Redirect($"/Disputes/{opened.Value!.Id}");
        }

        var error = opened.Error!;
        if (error.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        ModelState.AddModelError(error.Code switch
        {
            "dispute.amount" => "Input.PartialAmount",
            "dispute.description" => "Input.Description",
            _ => string.Empty,
        }, error.Message);
        return Page();
    }

    public sealed class DisputeInput
    {
        [Required(ErrorMessage = "Choose what went wrong.")]
        public DisputeIssue? Issue { get; set; }

        [Required(ErrorMessage = "Choose what you'd like.")]
        public DisputeRemedy? Request { get; set; }

        [Display(Name = "Amount to refund")]
        public string? PartialAmount { get; set; }

        [Display(Name = "What happened?")]
        [Required(ErrorMessage = "Describe the problem.")]
        [StringLength(2000)]
        public string Description { get; set; } = string.Empty;
    }
}

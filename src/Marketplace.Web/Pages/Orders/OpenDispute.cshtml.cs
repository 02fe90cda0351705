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
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Marketplace.Web.Infrastructure.RateLimits.Disputes)]
[Authorize]
[RequestSizeLimit(MaxUpload)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUpload)]
public sealed class OpenDisputeModel(OrderQueries orders, DisputeActions disputes, DisputeEvidenceFiles evidence, TimeProvider clock) : PageModel
{
    /// <summary>All files of one form together (several photos and a video or two).</summary>
    public const long MaxUpload = 100 * 1024 * 1024;

    public OrderDetails Details { get; private set; } = null!;

    [BindProperty]
    public DisputeInput Input { get; set; } = new();

    /// <summary>Photos and videos chosen on the form; every one is checked before the dispute is opened.</summary>
    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await orders.ForBuyerAsync(User.UserId()!.Value, id, ct) is not { } details)
        {
            return NotFound();
        }

        Details = details;
        if (!Dispute.CanOpen(details.Order, details.Hold?.ProtectionEndsAt, clock.GetUtcNow()))
        {
            ModelState.AddModelError(string.Empty, DisputeErrors.OutsideWindow.Text());
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
            var amount = Marketplace.Web.Pages.Disputes.DisputeText.Amount(Input.PartialAmount, details.Order.Currency);
            if (amount.Succeeded)
            {
                partial = amount.Value;
            }
            else
            {
                ModelState.AddModelError("Input.PartialAmount", amount.Error!.Text());
            }
        }

        var files = await PrepareFilesAsync(ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var opened = await disputes.OpenAsync(User.UserId()!.Value, id, new OpenDisputeInput(Input.Issue!.Value, Input.Request!.Value, partial, Input.Description), ct);
        if (opened.Succeeded)
        {
            await evidence.StoreAsync(DisputeParty.Buyer(User.UserId()!.Value), opened.Value!.Id, files, ct);
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
        }, error.Text());
        return Page();
    }

    private async Task<List<PreparedEvidence>> PrepareFilesAsync(CancellationToken ct)
    {
        var prepared = new List<PreparedEvidence>();
        if (Files.Count > DisputeEvidenceFiles.MaxFiles)
        {
            ModelState.AddModelError(nameof(Files), EvidenceErrors.TooMany.Text());
            return prepared;
        }

        foreach (var file in Files)
        {
            await using var stream = file.OpenReadStream();
            var checkedFile = await DisputeEvidenceFiles.PrepareAsync(file.FileName, stream, file.Length, ct);
            if (checkedFile.Succeeded)
            {
                prepared.Add(checkedFile.Value!);
            }
            else
            {
                ModelState.AddModelError(nameof(Files), $"{Path.GetFileName(file.FileName)}: {checkedFile.Error!.Text()}");
            }
        }

        if (!ModelState.IsValid && Files.Count > 0)
        {
            ModelState.AddModelError(nameof(Files), Localization.Texts["Nothing was sent yet: choose your files again when you resubmit."]);
        }

        return prepared;
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

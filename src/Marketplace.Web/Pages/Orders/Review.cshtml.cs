using Marketplace.Core.Orders;
using Marketplace.Core.Reviews;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Reviews;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Orders;

/// <summary>The buyer reviews one line of a received order: stars, words, photos.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Marketplace.Web.Infrastructure.RateLimits.Uploads)]
[Authorize]
[RequestSizeLimit(40 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 40 * 1024 * 1024)]
public sealed class ReviewModel(OrderQueries orders, WriteReview write) : PageModel
{
    public OrderDetails Details { get; private set; } = null!;

    public OrderLine Line { get; private set; } = null!;

    [BindProperty]
    public int? Stars { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public List<IFormFile> Photos { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid lineId, CancellationToken ct) =>
        await LoadAsync(id, lineId, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, Guid lineId, CancellationToken ct)
    {
        if (await LoadAsync(id, lineId, ct) is { } missing)
        {
            return missing;
        }

        var uploads = Photos.Select(p => new PhotoUpload(p.FileName, p.OpenReadStream(), p.Length)).ToList();
        try
        {
            var written = await write.ExecuteAsync(User.UserId()!.Value, id, lineId, Stars ?? 0, Text, uploads, ct);
            if (written.Succeeded)
            {
                TempData["OrderMessage"] = Localization.Texts["Thanks for your review! It is on the listing now."].Value;
                return Redirect($"/Orders/{id}");
            }

            if (written.Error!.AsHttpResult() is { } http)
            {
                return http;
            }

            ModelState.AddModelError(written.Error!.Code == ReviewErrors.Stars.Code ? nameof(Stars) : string.Empty, written.Error.Text());
            return Page();
        }
        finally
        {
            foreach (var upload in uploads)
            {
                await upload.Content.DisposeAsync();
            }
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid lineId, CancellationToken ct)
    {
        if (await orders.ForBuyerAsync(User.UserId()!.Value, id, ct) is not { } details || details.Order.Lines.FirstOrDefault(l => l.Id == lineId) is not { } line)
        {
            return NotFound();
        }

        (Details, Line) = (details, line);
        return null;
    }
}

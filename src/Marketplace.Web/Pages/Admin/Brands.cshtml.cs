using Marketplace.Core.Trust;
using Marketplace.Domain.Trust;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin;

/// <summary>The brand registry: names the counterfeit check knows, and the usual lowest price of a genuine item.</summary>
public sealed class BrandsModel(BrandRegistry registry) : PageModel
{
    public IReadOnlyList<Brand> Brands { get; private set; } = [];

    [TempData]
    public string? BrandMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Brands = await registry.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(Guid? brandId, string? name, string? referencePrice, CancellationToken ct)
    {
        var saved = await registry.SaveAsync(User.UserId()!.Value, brandId, name, referencePrice, ct);
        if (saved.Error?.AsHttpResult() is { } http)
        {
            return http;
        }

        BrandMessage = saved.Succeeded ? $"Saved {saved.Value!.Name}. New and edited listings are checked against it." : saved.Error!.Message;
        return Redirect("/Admin/Brands");
    }
}

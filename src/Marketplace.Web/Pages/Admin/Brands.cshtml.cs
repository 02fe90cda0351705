using Marketplace.Core.Trust;
using Marketplace.Domain.Common;
using Marketplace.Domain.Trust;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin;

/// <summary>The brand registry: names the counterfeit check knows, their other names and categories, and per product line the usual lowest price of a genuine item.</summary>
public sealed class BrandsModel(BrandRegistry registry) : PageModel
{
    public IReadOnlyList<Brand> Brands { get; private set; } = [];

    public IReadOnlyList<string> CategorySlugs { get; private set; } = [];

    [TempData]
    public string? BrandMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Brands = await registry.ListAsync(ct);
        CategorySlugs = await registry.CategorySlugsAsync(ct);
    }

    /// <summary>Adds or edits a brand; the rows' forms also carry other names and categories (<paramref name="details"/>).</summary>
    public async Task<IActionResult> OnPostAsync(Guid? brandId, string? name, string? referencePrice, string? aliases, string? categories, bool details, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // A brandId that isn't one (a tampered form) must not add a new brand instead of editing.
            return BadRequest();
        }

        var saved = await registry.SaveAsync(User.UserId()!.Value, brandId, name, referencePrice, details ? aliases ?? string.Empty : aliases, details ? categories ?? string.Empty : categories, ct);
        return Done(saved, b => Localization.Texts["Saved {0}. New and edited listings are checked against it.", b.Name].Value);
    }

    public async Task<IActionResult> OnPostAddLineAsync(Guid brandId, string? lineName, string? keywords, string? lineCategories, string? lineReference, bool accessory, CancellationToken ct)
    {
        var added = await registry.AddLineAsync(User.UserId()!.Value, brandId, lineName, keywords, lineCategories, lineReference, accessory, ct);
        return Done(added, l => Localization.Texts["Added the product line {0}.", l.Name].Value);
    }

    public async Task<IActionResult> OnPostRemoveLineAsync(Guid brandId, Guid lineId, CancellationToken ct) =>
        Done(await registry.RemoveLineAsync(User.UserId()!.Value, brandId, lineId, ct), b => Localization.Texts["Removed a product line of {0}.", b.Name].Value);

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        var added = await registry.ImportShippedAsync(User.UserId()!.Value, ct);
        BrandMessage = added switch
        {
            < 0 => Localization.Texts["The registry changed while importing; nothing was added. Import again to add the missing brands."].Value,
            0 => Localization.Texts["Every brand of the shipped registry is already here."].Value,
            _ => Localization.Texts["Added {0} brands from the shipped registry, with their product lines.", added].Value,
        };
        return Redirect("/Admin/Brands");
    }

    private IActionResult Done<T>(Result<T> result, Func<T, string> message)
    {
        if (result.Error?.AsHttpResult() is { } http)
        {
            return http;
        }

        BrandMessage = result.Succeeded ? message(result.Value!) : result.Error!.Text();
        return Redirect("/Admin/Brands");
    }
}

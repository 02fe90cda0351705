using Marketplace.Core.Catalog;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

public sealed class CategoryModel(CatalogQueries catalog, DestinationCountry destination) : PageModel
{
    public CategoryLink Category { get; private set; } = null!;

    public Page<ListingCard> Listings { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        var result = await catalog.CategoryAsync(slug, destination.Code, pageNumber, ct);
        if (result is null)
        {
            return NotFound();
        }

        (Category, Listings) = result.Value;
        return Page();
    }
}

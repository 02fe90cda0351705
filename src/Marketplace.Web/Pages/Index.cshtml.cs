using Marketplace.Core.Catalog;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

[ReadsFromStandby]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PageCache.PolicyName)]
public sealed class IndexModel(CatalogQueries catalog, DestinationCountry destination) : PageModel
{
    public IReadOnlyList<CategoryLink> Categories { get; private set; } = [];

    public IReadOnlyList<ListingCard> Newest { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Categories = await catalog.TopCategoriesAsync(ct);
        Newest = await catalog.NewestAsync(destination.Code, 12, ct);
    }
}

using Marketplace.Core.Catalog;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

public sealed class SearchModel(CatalogQueries catalog, DestinationCountry destination) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public Page<ListingCard> Results { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        Query = Query?.Trim();
        if (Query?.Length > 200)
        {
            Query = Query[..200];
        }

        Results = await catalog.SearchAsync(Query, destination.Code, pageNumber, ct);
    }
}

using Marketplace.Core.Catalog;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages;

[ReadsFromStandby]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PageCache.PolicyName)]
public sealed class SearchModel(CatalogQueries catalog, DestinationCountry destination, DisplayCurrency currency) : BrowseModel(catalog, destination, currency)
{
    [BindProperty(SupportsGet = true, Name = "category")]
    public string? Category { get; set; }

    public override string? CategorySlug => string.IsNullOrWhiteSpace(Category) ? null : Category;

    public Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int page = 1, CancellationToken ct = default) => BrowseAsync(page, ct);
}

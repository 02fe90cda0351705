using Marketplace.Core.Catalog;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages;

[ReadsFromStandby]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PageCache.PolicyName)]
public sealed class CategoryModel(CatalogQueries catalog, DestinationCountry destination, DisplayCurrency currency) : BrowseModel(catalog, destination, currency)
{
    [FromRoute(Name = "slug")]
    public string Slug { get; set; } = string.Empty;

    public override string? CategorySlug => Slug;

    public Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int page = 1, CancellationToken ct = default) => BrowseAsync(page, ct);
}

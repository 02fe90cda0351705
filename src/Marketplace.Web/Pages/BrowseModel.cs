using Marketplace.Core.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

/// <summary>Search and category pages share one engine and one set of filters (all in the query string).</summary>
public abstract class BrowseModel(CatalogQueries catalog, DestinationCountry destination, DisplayCurrency currency) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "min")]
    public string? MinPrice { get; set; }

    [BindProperty(SupportsGet = true, Name = "max")]
    public string? MaxPrice { get; set; }

    [BindProperty(SupportsGet = true, Name = "ships")]
    public bool ShipsToMe { get; set; }

    [BindProperty(SupportsGet = true, Name = "free")]
    public bool FreeShipping { get; set; }

    /// <summary>Only listings rated at least this many stars on average (1–4).</summary>
    [BindProperty(SupportsGet = true, Name = "rating")]
    public int? MinRating { get; set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public SearchSort Sort { get; set; }

    /// <summary>From the query's "page" (bound by the handler: "page" is also Razor Pages' own route value).</summary>
    public int PageNumber { get; private set; } = 1;

    public SearchResult Result { get; private set; } = null!;

    public string DestinationName => destination.Name;

    /// <summary>The category this page is about (the category page's route), or the one picked in search.</summary>
    public virtual string? CategorySlug => null;

    protected async Task<IActionResult> BrowseAsync(int page, CancellationToken ct)
    {
        if (RateLimits.SearchOverLimit(HttpContext) is { } wait)
        {
            return RateLimits.TooMany(HttpContext, wait);
        }

        PageNumber = Math.Max(1, page);
        Query = Query?.Trim() is { Length: > 200 } tooLong ? tooLong[..200] : Query?.Trim();
        var result = await catalog.SearchAsync(
            new SearchRequest(Query, CategorySlug, Price(MinPrice, "min"), Price(MaxPrice, "max"), ShipsToMe, FreeShipping, Sort, PageNumber, MinRating is >= 1 and <= 5 ? MinRating : null),
            destination.Code,
            ct);
        if (result is null)
        {
            return NotFound();
        }

        Result = result;
        return Page();
    }

    /// <summary>The filters in use, in words (a search with no result lists them, with a link that clears them).</summary>
    public IReadOnlyList<string> ActiveFilters =>
        new[]
        {
            string.IsNullOrWhiteSpace(MinPrice) ? null : Localization.Texts["Price from {0}", MinPrice].Value,
            string.IsNullOrWhiteSpace(MaxPrice) ? null : Localization.Texts["Price up to {0}", MaxPrice].Value,
            MinRating is >= 1 and <= 5 ? Localization.Texts["{0} ★ and up", MinRating].Value : null,
            ShipsToMe ? Localization.Texts["Ships to me"].Value : null,
            FreeShipping ? Localization.Texts["Free shipping"].Value : null,
        }.OfType<string>().ToList();

    /// <summary>This page with its words, category and order, and no filters.</summary>
    public string WithoutFilters() => With(filters: false);

    /// <summary>The link to this page with one setting changed (and back to page 1).</summary>
    public string With(string? category = null, SearchSort? sort = null, int? page = null, bool clearCategory = false, bool filters = true) =>
        Link(Query, category, sort, page, clearCategory, filters);

    /// <summary>This page (filters, category and order kept) searching other words: "did you mean".</summary>
    public string WithQuery(string query) => Link(query, null, null, null, false, true);

    private string Link(string? query, string? category, SearchSort? sort, int? page, bool clearCategory, bool filters)
    {
        var values = new Dictionary<string, string?>
        {
            ["q"] = query,
            ["category"] = clearCategory ? null : category ?? (this is SearchModel ? CategorySlug : null),
            ["min"] = filters ? MinPrice : null,
            ["max"] = filters ? MaxPrice : null,
            ["ships"] = filters && ShipsToMe ? "true" : null,
            ["free"] = filters && FreeShipping ? "true" : null,
            ["rating"] = filters ? MinRating?.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            ["sort"] = (sort ?? Sort) == SearchSort.Relevance ? null : (sort ?? Sort).ToString(),
            ["page"] = page is > 1 ? page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        var path = this is SearchModel || category is not null || clearCategory ? "/Search" : $"/Category/{CategorySlug}";
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    /// <summary>The currency the price range is typed in: the buyer's display currency (US dollars for "seller's currency").</summary>
    public string PriceCurrency => currency.ChargeCurrency ?? Currencies.Fallback;

    private Money? Price(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (MoneyText.TryParse(text, PriceCurrency, System.Globalization.CultureInfo.CurrentCulture, out var money, out _) && !money.IsNegative)
        {
            return money;
        }

        ModelState.AddModelError(field, Localization.Texts["Enter a price like 25 or 19.99."]);
        return null;
    }
}

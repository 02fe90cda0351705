using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;

namespace Marketplace.Domain.Orders;

/// <summary>
/// The ways one seller can ship all of a buyer's items from that seller to one country. A method is offered
/// only when every listing offers it there (a listing's own country options win over its "all other
/// countries" ones); its price is the sum of each listing's price for it, its window the slowest listing's.
/// </summary>
public static class ShippingQuote
{
    public static IReadOnlyList<ShippingChoice> For(IReadOnlyCollection<IReadOnlyCollection<ShippingOption>> listingsOptions, string countryCode, string currency)
    {
        if (listingsOptions.Count == 0)
        {
            return [];
        }

        var perListing = listingsOptions
            .Select(options => ShippingCoverage.OptionsFor(options, countryCode)
                .GroupBy(o => o.Method)
                .ToDictionary(g => g.Key, g => g.OrderBy(o => o.Price.Amount).ThenBy(o => o.MaxDays).First()))
            .ToList();
        var methods = perListing.Skip(1).Aggregate(
            perListing[0].Keys.ToHashSet(),
            (common, next) =>
            {
                common.IntersectWith(next.Keys);
                return common;
            });

        return methods
            .Select(method =>
            {
                var chosen = perListing.Select(options => options[method]).ToList();
                return new ShippingChoice(
                    ShippingOption.MethodName(method),
                    string.Join(" / ", chosen.Select(o => o.Carrier).Distinct(StringComparer.OrdinalIgnoreCase)),
                    chosen.Aggregate(Money.Zero(currency), (sum, o) => sum + o.Price),
                    chosen.Max(o => o.MinDays),
                    chosen.Max(o => o.MaxDays));
            })
            .OrderBy(c => c.Price.Amount)
            .ThenBy(c => c.MaxDays)
            .ToList();
    }
}

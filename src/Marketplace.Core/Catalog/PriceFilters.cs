using System.Linq.Expressions;
using Marketplace.Core.Exchange;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;

namespace Marketplace.Core.Catalog;

/// <summary>
/// Price filters and sorts over listings priced in different currencies. A bound typed in the buyer's currency is converted
/// into each currency listings are priced in (one exact comparison per currency, so an index on the price still serves it);
/// the sort compares prices in euros at the rates in force. Without a usable rate, only listings in the bound's own
/// currency can be compared, and the sort falls back to the amount as priced.
/// </summary>
internal static class PriceFilters
{
    public static IQueryable<Listing> AtLeast(IQueryable<Listing> listings, Money min, RatesInForce rates) =>
        listings.Where(Bound(min, rates, atLeast: true));

    public static IQueryable<Listing> AtMost(IQueryable<Listing> listings, Money max, RatesInForce rates) =>
        listings.Where(Bound(max, rates, atLeast: false));

    /// <summary>The price in euros at the rates in force (approximate: for ordering only, never for money).</summary>
    public static Expression<Func<Listing, double>> InEuros(RatesInForce rates)
    {
        var listing = Expression.Parameter(typeof(Listing), "l");
        var price = Expression.Property(listing, nameof(Listing.PriceFrom));
        var currency = Expression.Property(price, nameof(Money.Currency));
        var amount = Expression.Convert(Expression.Property(price, nameof(Money.Amount)), typeof(double));
        Expression body = amount;
        foreach (var code in Currencies.Enabled.Where(c => rates.Between(c, RateTable.Euro) is not null))
        {
            var factor = (double)rates.Between(code, RateTable.Euro)!.Value.Rate / Math.Pow(10, Money.MinorDigits(code));
            body = Expression.Condition(Expression.Equal(currency, Expression.Constant(code)), Expression.Multiply(amount, Expression.Constant(factor)), body);
        }

        return Expression.Lambda<Func<Listing, double>>(body, listing);
    }

    private static Expression<Func<Listing, bool>> Bound(Money bound, RatesInForce rates, bool atLeast)
    {
        var listing = Expression.Parameter(typeof(Listing), "l");
        var price = Expression.Property(listing, nameof(Listing.PriceFrom));
        var currency = Expression.Property(price, nameof(Money.Currency));
        var amount = Expression.Property(price, nameof(Money.Amount));
        Expression body = Expression.Constant(false);
        foreach (var code in Currencies.Enabled.Append(bound.Currency).Distinct())
        {
            if (rates.Between(bound.Currency, code) is not { } rate)
            {
                continue;
            }

            // A parameter, as a captured variable is: a constant would make every price typed a new query for EF Core to
            // compile (~15 ms) and keep.
            var limit = Expression.Field(Expression.Constant(new Limit(rate.Convert(bound).Amount)), nameof(Limit.Value));
            var compare = atLeast ? Expression.GreaterThanOrEqual(amount, limit) : Expression.LessThanOrEqual(amount, limit);
            body = Expression.OrElse(body, Expression.AndAlso(Expression.Equal(currency, Expression.Constant(code)), compare));
        }

        return Expression.Lambda<Func<Listing, bool>>(body, listing);
    }

    /// <summary>Holds a bound's amount the way a closure holds a captured variable, so the query reads it as a parameter.</summary>
    private sealed class Limit(long value)
    {
#pragma warning disable SA1401, CA1051 // A field, as in a compiler-made closure: EF Core turns the access into a parameter.
        public readonly long Value = value;
#pragma warning restore SA1401, CA1051
    }
}

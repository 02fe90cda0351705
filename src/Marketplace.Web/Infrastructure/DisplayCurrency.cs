using Marketplace.Core.Exchange;
using Marketplace.Domain.Common;

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// The currency a buyer sees prices in: the one they picked (a cookie), else their ship-to country's (DE → EUR), else US
/// dollars. "Seller's currency" shows every price as its seller set it. Converted prices are approximate ("≈") until
/// checkout freezes the rate; with no usable rate (stale, missing) a price is shown in the seller's currency.
/// </summary>
public sealed class DisplayCurrency(IHttpContextAccessor accessor, DestinationCountry destination, ExchangeRatesStore rates)
{
    public const string CookieName = "currency";

    /// <summary>The cookie's value for "show every price in its seller's currency".</summary>
    public const string SellersOwn = "seller";

    private string? _code;

    /// <summary>An enabled currency or <see cref="SellersOwn"/>: what a picker, a link or the cookie may hold.</summary>
    public static bool IsChoice(string? code) => code == SellersOwn || Currencies.IsEnabled(code);

    /// <summary>The currency picked or defaulted: an enabled code, or <see cref="SellersOwn"/>.</summary>
    public string Code => _code ??= Resolve();

    /// <summary>The currency a checkout charges: the display currency, or null to charge the sellers' own.</summary>
    public string? ChargeCurrency => Code == SellersOwn ? null : Code;

    /// <summary>
    /// What to show for <paramref name="money"/>: converted into the display currency when a usable rate exists (approximate),
    /// else the seller's own price.
    /// </summary>
    public async Task<ShownPrice> ShowAsync(Money money, CancellationToken ct = default)
    {
        if (Code == SellersOwn || Code == money.Currency)
        {
            return new ShownPrice(money, money, false);
        }

        var rate = (await rates.CurrentAsync(ct)).Between(money.Currency, Code);
        return rate is { } r ? new ShownPrice(r.Convert(money), money, true) : new ShownPrice(money, money, false);
    }

    private string Resolve()
    {
        var http = accessor.HttpContext;
        if (http is not null && http.Request.Cookies.TryGetValue(CookieName, out var cookie) && IsChoice(cookie))
        {
            return cookie;
        }

        return Currencies.ForCountry(destination.Code);
    }

    public static void Remember(HttpResponse response, string code) => Preference.Remember(response, CookieName, code);
}

/// <summary>A person's display preference (ship-to country, currency, language): a year, essential, HttpOnly, Lax.</summary>
public static class Preference
{
    public static void Remember(HttpResponse response, string cookie, string value) =>
        response.Cookies.Append(cookie, value, new CookieOptions
        {
            MaxAge = TimeSpan.FromDays(365),
            IsEssential = true,
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
        });
}

/// <summary>A price as shown: in the buyer's currency when <see cref="Converted"/> (approximate), and as its seller set it.</summary>
public readonly record struct ShownPrice(Money Shown, Money Own, bool Converted)
{
    public string Text => Converted ? "≈ " + Shown : Shown.ToString();
}

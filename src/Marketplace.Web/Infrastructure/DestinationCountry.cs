using Marketplace.Domain.Common;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// Where the buyer wants things shipped: the country they picked (a cookie), else their account's country when signed in,
/// else the region of the browser's preferred language (en-GB → GB), else the United States.
/// </summary>
public sealed class DestinationCountry(IHttpContextAccessor accessor)
{
    public const string CookieName = "ship_to";
    public const string AccountCountryClaim = "country";
    public const string Fallback = "US";

    public string Code => _code ??= Resolve();

    public string Name => CountryOptions.Name(Code);

    private string? _code;

    private string Resolve()
    {
        var http = accessor.HttpContext;
        if (http is null)
        {
            return Fallback;
        }

        if (http.Request.Cookies.TryGetValue(CookieName, out var cookie) && Countries.IsKnown(cookie))
        {
            return cookie.ToUpperInvariant();
        }

        if (http.User.FindFirst(AccountCountryClaim)?.Value is { } account && Countries.IsKnown(account))
        {
            return account.ToUpperInvariant();
        }

        return FromAcceptLanguage(http.Request.Headers.AcceptLanguage.ToString()) ?? Fallback;
    }

    public static string? FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || !StringWithQualityHeaderValue.TryParseList(header.Split(','), out var values))
        {
            return null;
        }

        foreach (var value in values.OrderByDescending(v => v.Quality ?? 1))
        {
            var tag = value.Value.ToString();
            var dash = tag.LastIndexOf('-');
            if (dash > 0 && tag.Length - dash - 1 == 2 && Countries.IsKnown(tag[(dash + 1)..]))
            {
                return tag[(dash + 1)..].ToUpperInvariant();
            }
        }

        return null;
    }

    public static void Remember(HttpResponse response, string code) => Preference.Remember(response, CookieName, code.ToUpperInvariant());
}

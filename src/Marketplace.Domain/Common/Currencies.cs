using System.Globalization;

namespace Marketplace.Domain.Common;

/// <summary>The currencies the marketplace trades in: what sellers price in and buyers can see prices in.</summary>
public static class Currencies
{
    /// <summary>The currencies enabled out of the box (the demo's): every one has ECB reference rates.</summary>
    public static IReadOnlyList<string> Enabled { get; } = ["USD", "EUR", "GBP", "JPY", "CNY", "BRL", "AUD", "CAD", "CHF"];

    /// <summary>When a country's own currency isn't enabled (or it has none we know), prices are shown in US dollars.</summary>
    public const string Fallback = "USD";

    public static bool IsEnabled(string? code) => code is not null && Enabled.Contains(code, StringComparer.Ordinal);

    /// <summary>The currency a country pays in (DE → EUR, JP → JPY), when it is enabled; else <see cref="Fallback"/>.</summary>
    public static string ForCountry(string? countryCode)
    {
        if (!Countries.IsKnown(countryCode))
        {
            return Fallback;
        }

        try
        {
            var own = new RegionInfo(countryCode!).ISOCurrencySymbol;
            return IsEnabled(own) ? own : Fallback;
        }
        catch (ArgumentException)
        {
            return Fallback;
        }
    }

    /// <summary>"Euro (EUR)" for a picker.</summary>
    public static string NameOf(string code) => code switch
    {
        "USD" => "US dollar",
        "EUR" => "Euro",
        "GBP" => "Pound sterling",
        "JPY" => "Japanese yen",
        "CNY" => "Chinese yuan",
        "BRL" => "Brazilian real",
        "AUD" => "Australian dollar",
        "CAD" => "Canadian dollar",
        "CHF" => "Swiss franc",
        "KWD" => "Kuwaiti dinar",
        _ => code,
    };
}

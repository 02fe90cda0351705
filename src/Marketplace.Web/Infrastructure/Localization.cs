using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// The person's culture for reading and formatting numbers, dates and money: a culture picked (the standard culture cookie),
/// else the browser's Accept-Language, else English. Money typed as "24,90" reads as 24.90 in any of them; "1.299" follows
/// the culture (see MoneyText).
/// </summary>
public static class Localization
{
    private static readonly string[] _names = ["en", "de", "es", "fr", "pt-BR", "zh-Hans"];

    public static IReadOnlyList<CultureInfo> Supported { get; } = _names.Select(CultureInfo.GetCultureInfo).ToList();

    /// <summary>"Deutsch", "Português (Brasil)", "中文（简体）": each language in its own words, for the picker.</summary>
    public static string NativeName(CultureInfo culture) => culture.Name switch
    {
        "en" => "English",
        "de" => "Deutsch",
        "es" => "Español",
        "fr" => "Français",
        "pt-BR" => "Português (Brasil)",
        "zh-Hans" => "中文（简体）",
        _ => culture.NativeName,
    };

    public static RequestLocalizationOptions Options() => new()
    {
        DefaultRequestCulture = new RequestCulture("en"),
        SupportedCultures = [.. Supported],
        SupportedUICultures = [.. Supported],
        FallBackToParentCultures = true,
        FallBackToParentUICultures = true,
    };
}

using System.Globalization;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;

namespace Marketplace.Web.Infrastructure;

/// <summary>Durations and counts in the person's language ("15 Tage", "48 horas"), the way <see cref="Durations"/> writes them in English.</summary>
public static class Words
{
    public static string Duration(TimeSpan span)
    {
        var (n, unit) = Durations.Split(span);
        return unit switch
        {
            "day" => Days(n),
            "hour" => n == 1 ? Localization.Texts["1 hour"] : Localization.Texts["{0} hours", n],
            _ => n == 1 ? Localization.Texts["1 minute"] : Localization.Texts["{0} minutes", n],
        };
    }

    /// <summary>A text the domain wrote in English with its values kept apart (an error, a warning) in the person's language.</summary>
    public static string Text(string template, IReadOnlyList<object> arguments, string english)
    {
        var translated = Localization.Texts[template, [.. arguments]];
        return translated.ResourceNotFound ? english : translated.Value;
    }

    public static string Text(QualityWarning warning) => Text(warning.Template, warning.Arguments, warning.Message);

    public static string Days(long n) => n == 1 ? Localization.Texts["1 day"] : Localization.Texts["{0} days", n];

    /// <summary>"Nov 30, 2026", "30. Nov. 2026", "2026年11月30日": a day as the person's language writes it.</summary>
    public static string Date(DateTimeOffset at) => at.ToString(Pattern(CultureInfo.CurrentCulture).Date, CultureInfo.CurrentCulture);

    /// <summary>"Nov 30", "30. Nov.", "11月30日".</summary>
    public static string MonthDay(DateTimeOffset at) => at.ToString(Pattern(CultureInfo.CurrentCulture).MonthDay, CultureInfo.CurrentCulture);

    public static string MonthDay(DateOnly day) => day.ToString(Pattern(CultureInfo.CurrentCulture).MonthDay, CultureInfo.CurrentCulture);

    /// <summary>The day and the time in UTC ("Nov 30, 14:05 UTC"): deadlines are the same instant for everyone.</summary>
    public static string DateTime(DateTimeOffset at) => MonthDay(at) + ", " + at.ToUniversalTime().ToString("HH:mm", CultureInfo.InvariantCulture) + " UTC";

    private static (string Date, string MonthDay) Pattern(CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "de" => ("d. MMM yyyy", "d. MMM"),
        "es" or "fr" => ("d MMM yyyy", "d MMM"),
        "pt" => ("d 'de' MMM 'de' yyyy", "d 'de' MMM"),
        "zh" or "ja" => ("yyyy年M月d日", "M月d日"),
        _ => ("MMM d, yyyy", "MMM d"),
    };
}

using System.Globalization;
using Marketplace.Domain.Common;
using Marketplace.Domain.Orders;
using DomainText = Marketplace.Domain.Common.Text;

namespace Marketplace.Web.Infrastructure;

/// <summary>Durations, days and the domain's texts in the person's language ("15 Tage", "30. Nov. 2026"), through <see cref="DomainText"/> and <see cref="When"/>.</summary>
public static class Words
{
    /// <summary>"15 days", "48 Stunden": a rule's duration the way <see cref="Durations.InWords"/> writes it in English.</summary>
    public static string Duration(TimeSpan span) => Render(DomainText.Duration(span));

    public static string Days(long n) => Render(DomainText.Days(n));

    /// <summary>"2026-11-30T21:05:09Z": a machine-readable time for <c>&lt;time datetime&gt;</c> (whole seconds, UTC, as HTML allows).</summary>
    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static string Age(TimeSpan span) => Render(DomainText.Age(span));

    /// <summary>A rule's period in whole days when it is whole days ("2 days", not "48 hours"), else in words.</summary>
    public static string Period(TimeSpan span) => span.Ticks % TimeSpan.TicksPerDay == 0 ? Days((long)span.TotalDays) : Duration(span);

    /// <summary>Who did something in an order's or a dispute's history.</summary>
    public static string Who(Actor actor) => actor switch
    {
        Actor.Buyer => Localization.Texts["Buyer"],
        Actor.Seller => Localization.Texts["Seller"],
        Actor.Admin => Localization.Texts["Admin"],
        Actor.System => Localization.Texts["System"],
    };

    /// <summary>A text the domain wrote (a notice, an event, an error) in the person's language; English where untranslated.</summary>
    public static string Render(DomainText text) => text.Render(CultureInfo.CurrentCulture, Localization.Translate);

    /// <summary>"Euro", "Japanischer Yen": a currency's name in the person's language.</summary>
    public static string CurrencyName(string code) => Name(Currencies.NameOf(code));

    /// <summary>"November 2026", "novembre 2026", "2026年11月".</summary>
    public static string MonthYear(DateTimeOffset at) => at.ToString("Y", CultureInfo.CurrentCulture);

    /// <summary>
    /// A name in the person's language when the translations have it (currencies, the demo's and the usual top-level
    /// categories); an operator's own categories show as they were named.
    /// </summary>
    public static string Name(string name) => Localization.Translate(name, CultureInfo.CurrentUICulture) ?? name;

    /// <summary>"Nov 30, 2026", "30. Nov. 2026", "2026年11月30日": a day as the person's language writes it.</summary>
    public static string Date(DateTimeOffset at) => new When(at).Format(CultureInfo.CurrentCulture);

    /// <summary>"Nov 30", "30. Nov.", "11月30日".</summary>
    public static string MonthDay(DateTimeOffset at) => new When(at, WhenStyle.MonthDay).Format(CultureInfo.CurrentCulture);

    public static string MonthDay(DateOnly day) => MonthDay(new DateTimeOffset(day, TimeOnly.MinValue, TimeSpan.Zero));

    /// <summary>The day and the time in UTC ("Nov 30, 14:05 UTC"): deadlines are the same instant for everyone.</summary>
    public static string DateTime(DateTimeOffset at) => new When(at, WhenStyle.MonthDayTime).Format(CultureInfo.CurrentCulture);
}

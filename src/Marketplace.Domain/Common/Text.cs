using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketplace.Domain.Common;

/// <summary>
/// A sentence the platform writes to a person (a notice, an order's or a dispute's history), kept as its English template
/// with the values apart ("Order {0} has shipped", "MP-1234") so each reader gets it in their language, with amounts,
/// days and durations written their way. Values are strings, whole numbers, <see cref="Money"/>, <see cref="When"/>,
/// <see cref="TimeSpan"/> (a duration in words) or another <see cref="Text"/>. Stored as JSON (<see cref="ToJson"/>).
/// </summary>
public sealed record Text(string Template, IReadOnlyList<object> Arguments)
{
    public static Text Of(string template, params object[] arguments) => new(template, arguments);

    /// <summary>A text with nothing to fill in (and no translation: user content, a name).</summary>
    public static Text Verbatim(string text) => new("{0}", [text]);

    public static implicit operator Text(string english) => new(english, []);

    /// <summary>The English sentence, as the platform wrote it before it could translate.</summary>
    public override string ToString() => Render(CultureInfo.GetCultureInfo("en"), static (_, _) => null);

    /// <summary>
    /// The sentence in <paramref name="culture"/>: <paramref name="translate"/> gives the template's translation (null:
    /// keep the English), and values are formatted in the culture (money with its symbol, days in its order).
    /// </summary>
    public string Render(CultureInfo culture, Func<string, CultureInfo, string?> translate)
    {
        var template = translate(Template, culture) ?? Template;
        var values = Arguments.Select(a => Value(a, culture, translate)).ToArray();
        return values.Length == 0 ? template : string.Format(culture, template, values);
    }

    private static object Value(object argument, CultureInfo culture, Func<string, CultureInfo, string?> translate) => argument switch
    {
        Text text => text.Render(culture, translate),
        Money money => money.Format(culture),
        When moment => moment.Format(culture),
        decimal number => number.ToString("0.######", culture),
        TimeSpan span => Duration(span).Render(culture, translate),
        _ => argument,
    };

    /// <summary>"1 day", "3 days": a count of days (handling times), translatable.</summary>
    public static Text Days(long n) => n == 1 ? Of("1 day") : Of("{0} days", n);

    /// <summary>"15 days", "48 hours", "30 minutes" (as <see cref="Durations.InWords"/> writes them), translatable.</summary>
    public static Text Duration(TimeSpan span)
    {
        var (n, unit) = Durations.Split(span);
        return n == 1 ? Of($"1 {unit}", n) : Of($"{{0}} {unit}s", n);
    }

    /// <summary>How long something has waited, rounded down to its largest unit: "5 days", "30 hours", "12 minutes" (at least 1 minute).</summary>
    public static Text Age(TimeSpan span) =>
        span.TotalDays >= 3 ? Duration(TimeSpan.FromDays(Math.Floor(span.TotalDays)))
        : span.TotalHours >= 1 ? Duration(TimeSpan.FromHours(Math.Floor(span.TotalHours)))
        : Duration(TimeSpan.FromMinutes(Math.Max(1, Math.Floor(span.TotalMinutes))));

    public string ToJson() => Node(this).ToJsonString();

    public static Text FromJson(string json) => FromNode(JsonNode.Parse(json)!.AsObject());

    private static JsonObject Node(Text text) => new()
    {
        ["t"] = text.Template,
        ["a"] = new JsonArray([.. text.Arguments.Select(Argument)]),
    };

    private static JsonNode Argument(object value) => value switch
    {
        Text text => new JsonObject { ["text"] = Node(text) },
        Money money => new JsonObject { ["money"] = money.Amount, ["currency"] = money.Currency },
        When moment => new JsonObject { ["when"] = moment.At.ToString("O", CultureInfo.InvariantCulture), ["style"] = moment.Style.ToString() },
        TimeSpan span => new JsonObject { ["duration"] = span.Ticks },
        int or long => new JsonObject { ["number"] = Convert.ToInt64(value, CultureInfo.InvariantCulture) },
        decimal number => new JsonObject { ["decimal"] = number.ToString(CultureInfo.InvariantCulture) },
        _ => new JsonObject { ["string"] = Convert.ToString(value, CultureInfo.InvariantCulture) },
    };

    private static Text FromNode(JsonObject node) =>
        new(node["t"]!.GetValue<string>(), node["a"]!.AsArray().Select(a => FromArgument(a!.AsObject())).ToList());

    private static object FromArgument(JsonObject node) =>
        node["text"] is JsonObject text ? FromNode(text)
        : node["money"] is { } money ? new Money(money.GetValue<long>(), node["currency"]!.GetValue<string>())
        : node["when"] is { } when ? new When(DateTimeOffset.Parse(when.GetValue<string>(), CultureInfo.InvariantCulture), Enum.Parse<WhenStyle>(node["style"]!.GetValue<string>()))
        : node["duration"] is { } ticks ? TimeSpan.FromTicks(ticks.GetValue<long>())
        : node["number"] is { } number ? number.GetValue<long>()
        : node["decimal"] is { } exact ? decimal.Parse(exact.GetValue<string>(), CultureInfo.InvariantCulture)
        : node["string"]?.GetValue<string>() ?? string.Empty;
}

public enum WhenStyle
{
    /// <summary>"Nov 30, 2026".</summary>
    Day,

    /// <summary>"Nov 30".</summary>
    MonthDay,

    /// <summary>"Nov 30, 14:05 UTC": deadlines are the same instant for everyone.</summary>
    MonthDayTime,
}

/// <summary>A moment shown as a day (or a day and a UTC time) in the reader's language.</summary>
public readonly record struct When(DateTimeOffset At, WhenStyle Style = WhenStyle.Day)
{
    public string Format(CultureInfo culture) => Style switch
    {
        WhenStyle.Day => At.ToString(Pattern(culture).Date, culture),
        WhenStyle.MonthDay => At.ToString(Pattern(culture).MonthDay, culture),
        _ => At.ToString(Pattern(culture).MonthDay, culture) + ", " + At.ToUniversalTime().ToString("HH:mm", CultureInfo.InvariantCulture) + " UTC",
    };

    public override string ToString() => Format(CultureInfo.GetCultureInfo("en"));

    /// <summary>How each language writes a day: "Nov 30, 2026", "30. Nov. 2026", "30 nov 2026", "2026年11月30日".</summary>
    public static (string Date, string MonthDay) Pattern(CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "de" => ("d. MMM yyyy", "d. MMM"),
        "es" or "fr" => ("d MMM yyyy", "d MMM"),
        "pt" => ("d 'de' MMM 'de' yyyy", "d 'de' MMM"),
        "zh" or "ja" => ("yyyy年M月d日", "M月d日"),
        _ => ("MMM d, yyyy", "MMM d"),
    };
}

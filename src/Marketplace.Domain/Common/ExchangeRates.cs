using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Marketplace.Domain.Common;

/// <summary>
/// How many units of <see cref="To"/> one unit of <see cref="From"/> buys, to ten decimal places. Frozen on an order at
/// checkout so every later conversion for it (the payout included) is the same arithmetic on the same number.
/// </summary>
public readonly record struct ExchangeRate(string From, string To, decimal Rate)
{
    public const int Decimals = 10;

    public static ExchangeRate Identity(string currency) => new(currency, currency, 1m);

    public bool IsIdentity => From == To;

    public ExchangeRate Inverse => IsIdentity ? this : new(To, From, Math.Round(1m / Rate, Decimals, MidpointRounding.AwayFromZero));

    /// <summary>
    /// The amount in <see cref="To"/>, in its own minor units (JPY 0, EUR 2, KWD 3 decimals), rounded half away from
    /// zero: one rounding per conversion, never a float; a non-zero amount converts to at least one minor unit.
    /// </summary>
    public Money Convert(Money money)
    {
        if (money.Currency != From)
        {
            throw new InvalidOperationException($"This rate converts {From}, not {money.Currency}.");
        }

        if (IsIdentity)
        {
            return money;
        }

        var scaled = money.Amount * Rate * Money.Pow10(Money.MinorDigits(To)) / Money.Pow10(Money.MinorDigits(From));
        var rounded = (long)Math.Round(scaled, 0, MidpointRounding.AwayFromZero);

        // ¥1 is £0.0047: a price never becomes free (nor a refund nothing) by conversion; the smallest unit is the least.
        return new Money(rounded == 0 ? Math.Sign(money.Amount) : rounded, To);
    }
}

/// <summary>
/// A set of reference rates as published (the ECB's daily file: units of each currency per euro), with where and when
/// they came from. Rates older than the allowed age are stale: they convert nothing for buyers.
/// </summary>
public sealed record RateTable(IReadOnlyDictionary<string, decimal> PerEuro, DateOnly Date, string Source, DateTimeOffset FetchedAt)
{
    public const string Euro = "EUR";

    public static RateTable Empty { get; } = new(new Dictionary<string, decimal>(), DateOnly.MinValue, "none", DateTimeOffset.MinValue);

    public bool Has(string currency) => currency == Euro || PerEuro.ContainsKey(currency);

    /// <summary>Stale when its reference date is more than <paramref name="maxAge"/> before today (UTC), or when there is none.</summary>
    public bool IsStale(DateTimeOffset now, TimeSpan maxAge) =>
        PerEuro.Count == 0 || Date.ToDateTime(TimeOnly.MinValue) < now.UtcDateTime.Date - maxAge;

    /// <summary>The cross rate through the euro, or null when either currency has no rate.</summary>
    public ExchangeRate? Between(string from, string to)
    {
        if (from == to)
        {
            return ExchangeRate.Identity(from);
        }

        if (!Has(from) || !Has(to))
        {
            return null;
        }

        var fromPerEuro = from == Euro ? 1m : PerEuro[from];
        var toPerEuro = to == Euro ? 1m : PerEuro[to];
        return new ExchangeRate(from, to, Math.Round(toPerEuro / fromPerEuro, ExchangeRate.Decimals, MidpointRounding.AwayFromZero));
    }
}

/// <summary>The ECB's euro foreign exchange reference rates file (eurofxref-daily.xml), the format rate sources use here.</summary>
public static class EcbRatesFile
{
    /// <summary>Reads the file's newest day; false with a reason for anything else (not XML, no day, a rate that isn't a positive number).</summary>
    public static bool TryParse(Stream xml, string source, DateTimeOffset fetchedAt, out RateTable table, out Text problem)
    {
        table = RateTable.Empty;
        XDocument document;
        try
        {
            document = XDocument.Load(XmlReader.Create(xml, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 10_000_000 }));
        }
        catch (XmlException exception)
        {
            problem = Text.Of("This is not an ECB rates file: {0}", Text.Verbatim(exception.Message));
            return false;
        }

        var day = document.Descendants().Where(e => e.Name.LocalName == "Cube" && e.Attribute("time") is not null)
            .Select(e => (Element: e, Date: DateOnly.TryParseExact(e.Attribute("time")!.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null))
            .Where(x => x.Date is not null)
            .OrderByDescending(x => x.Date)
            .FirstOrDefault();
        if (day.Element is null)
        {
            problem = Text.Of("The file has no dated set of rates ({0}).", "<Cube time=\"yyyy-mm-dd\">");
            return false;
        }

        var rates = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var cube in day.Element.Elements().Where(e => e.Name.LocalName == "Cube"))
        {
            var currency = cube.Attribute("currency")?.Value ?? string.Empty;
            var text = cube.Attribute("rate")?.Value;
            if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)
                || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) || rate <= 0)
            {
                problem = Text.Of("A rate on {0} is not valid: currency '{1}', rate '{2}'.", IsoDay(day.Date!.Value), currency, text ?? string.Empty);
                return false;
            }

            rates[currency] = rate;
        }

        if (rates.Count == 0)
        {
            problem = Text.Of("The set of {0} has no rates.", IsoDay(day.Date!.Value));
            return false;
        }

        table = new RateTable(rates, day.Date!.Value, source, fetchedAt);
        problem = Text.Of(string.Empty);
        return true;
    }

    /// <summary>A rates file's day as the file writes it (yyyy-mm-dd), the same in every language.</summary>
    public static string IsoDay(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

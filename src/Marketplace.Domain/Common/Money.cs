using System.Globalization;

namespace Marketplace.Domain.Common;

/// <summary>An amount in integer minor units (cents) of an ISO 4217 currency. Never a float.</summary>
public readonly record struct Money
{
    public Money(long amount, string currency)
    {
        if (currency is null || currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException($"'{currency}' is not an ISO 4217 currency code.", nameof(currency));
        }

        Amount = amount;
        Currency = currency;
    }

    public long Amount { get; }

    public string Currency { get; }

    /// <summary>The highest unit price a listing can ask (minor units: $1,000,000.00, ¥100,000,000).</summary>
    public const long MaxUnitPrice = 100_000_000;

    /// <summary>The highest shipping price of one order (minor units: $100,000.00).</summary>
    public const long MaxShippingPrice = 10_000_000;

    /// <summary>
    /// The highest total of one checkout (minor units: $100,000,000.00). With every amount bounded so, a sum over
    /// 900 million of them still fits a 64-bit integer: ledger and escrow sums can't overflow.
    /// </summary>
    public const long MaxCheckoutTotal = 10_000_000_000;

    public static Money Zero(string currency) => new(0, currency);

    public bool IsZero => Amount == 0;

    public bool IsNegative => Amount < 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Amount + b.Amount), SameCurrency(a, b));

    public static Money operator -(Money a, Money b) => new(checked(a.Amount - b.Amount), SameCurrency(a, b));

    public static bool operator <(Money a, Money b) => a.Amount < SameAmount(a, b);

    public static bool operator >(Money a, Money b) => a.Amount > SameAmount(a, b);

    public static bool operator <=(Money a, Money b) => a.Amount <= SameAmount(a, b);

    public static bool operator >=(Money a, Money b) => a.Amount >= SameAmount(a, b);

    public Money Multiply(int quantity) => new(checked(Amount * quantity), Currency);

    /// <summary>
    /// A share of this amount in basis points (1/100 of a percent), rounded half away from zero.
    /// Integer arithmetic only; the caller takes the remainder as <c>this - share</c>.
    /// </summary>
    public Money PercentBasisPoints(int basisPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(basisPoints);
        var product = checked(Amount * basisPoints);
        var share = product / 10_000;
        var remainder = product % 10_000;
        if (Math.Abs(remainder) * 2 >= 10_000)
        {
            share += Math.Sign(product);
        }

        return new Money(share, Currency);
    }

    public static int MinorDigits(string currency) => currency switch
    {
        "JPY" or "KRW" or "VND" or "CLP" or "ISK" or "HUF" or "TWD" or "UGX" => 0,
        "BHD" or "KWD" or "OMR" or "JOD" or "TND" => 3,
        _ => 2,
    };

    /// <summary>
    /// Parses an amount as typed ("12.34", "24,90", "1,299.00", "1.299,00") into minor units; refuses more decimals
    /// than the currency has. A single mark before three digits ("1,299") groups thousands, as in English
    /// (<see cref="MoneyText"/>, which also takes the person's culture and says what is wrong).
    /// </summary>
    public static bool TryParse(string? text, string currency, out Money money) =>
        MoneyText.TryParse(text, currency, CultureInfo.InvariantCulture, out money, out _);

    /// <summary>
    /// "12.99" (invariant), "1299,00" (German): the amount as a seller types it, without a symbol or grouping, with the
    /// culture's decimal mark.
    /// </summary>
    public static string FormatPlain(Money money, IFormatProvider culture)
    {
        var digits = MinorDigits(money.Currency);
        return (money.Amount / Pow10(digits)).ToString("F" + digits, culture);
    }

    /// <summary>"$1,299.00", "1.299,00 €", "R$ 1.299,00", "¥1,500": in the current culture's number format (the person's).</summary>
    public override string ToString() => Format(CultureInfo.CurrentCulture);

    /// <summary>
    /// The amount in <paramref name="culture"/>'s currency format with this currency's symbol and its own number of decimals
    /// (JPY none, KWD three), whatever the culture's own currency is. A minus sign, never accounting parentheses.
    /// </summary>
    public string Format(CultureInfo culture) => Format(culture, whole: false);

    /// <summary>"$1,300", "1.300 €": rounded to whole units, for a chart's axis.</summary>
    public string FormatWhole(CultureInfo culture) => Format(culture, whole: true);

    private string Format(CultureInfo culture, bool whole)
    {
        var format = NumberFormat(Currency, culture);
        var units = Math.Abs(Amount) / Pow10(format.CurrencyDecimalDigits);
        if (whole)
        {
            units = Math.Round(units, MidpointRounding.AwayFromZero);
            format.CurrencyDecimalDigits = 0;
        }

        var text = units.ToString("C", format);
        return (Amount < 0 ? format.NegativeSign + text : text).Trim();
    }

    /// <summary>
    /// Where the number goes in an amount of <paramref name="currency"/> written in <paramref name="culture"/> ("¥{n}",
    /// "{n} €", "R$ {n}"), for a browser script that writes amounts the way the server does.
    /// </summary>
    public static string Pattern(string currency, CultureInfo culture)
    {
        var format = NumberFormat(currency, culture);
        return 0m.ToString("C", format).Trim().Replace(0m.ToString("N" + format.CurrencyDecimalDigits.ToString(CultureInfo.InvariantCulture), format), "{n}", StringComparison.Ordinal);
    }

    private static NumberFormatInfo NumberFormat(string currency, CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = Symbol(currency);
        format.CurrencyDecimalDigits = MinorDigits(currency);
        return format;
    }

    /// <summary>The sign buyers recognise; the code where a sign would be ambiguous or there is none.</summary>
    public static string Symbol(string currency) => currency switch
    {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "CNY" => "CN¥",
        "BRL" => "R$",
        "AUD" => "A$",
        "CAD" => "CA$",
        _ => currency + " ",
    };

    internal static decimal Pow10(int digits) => digits switch
    {
        0 => 1m,
        2 => 100m,
        3 => 1000m,
        _ => throw new InvalidOperationException("Unsupported minor digits."),
    };

    private static string SameCurrency(Money a, Money b) =>
        a.Currency == b.Currency
            ? a.Currency
            : throw new InvalidOperationException($"Cannot combine {a.Currency} and {b.Currency}.");

    private static long SameAmount(Money a, Money b)
    {
        _ = SameCurrency(a, b);
        return b.Amount;
    }
}

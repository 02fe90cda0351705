using System.Globalization;

namespace Marketplace.Domain.Common;

/// <summary>
/// An amount as people type it, in their locale: "24.90", "24,90", "1,299.00", "1.299,00", "1 299,00", "1'299.00",
/// "€24,90", "24,90 EUR". Never a silent ×100 or ×1000:
/// <list type="bullet">
/// <item>With both "," and ".", the last one is the decimal mark and the other groups thousands (in threes).</item>
/// <item>A single mark followed by other than three digits is the decimal mark ("24,90", "24.9").</item>
/// <item>A mark repeated ("1.299.000") or a space or apostrophe groups thousands.</item>
/// <item>A single mark followed by exactly three digits ("1,299", "1.299") means what the person's culture says
/// (the decimal mark of the culture passed is decimal, its group mark groups); without a culture it is
/// refused as ambiguous.</item>
/// <item>More decimals than the currency has ("1.299" dollars) are refused, naming what to write instead.</item>
/// </list>
/// </summary>
public static class MoneyText
{
    public static bool TryParse(string? text, string currency, CultureInfo? culture, out Money money, out Text? problem)
    {
        money = default;
        problem = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            problem = Text.Of("Write an amount, like 24.90.");
            return false;
        }

        var trimmed = StripCurrency(text.Trim(), currency);
        var negative = trimmed.StartsWith('-');
        var body = negative ? trimmed[1..].Trim() : trimmed;
        var groups = body.Split([' ', '\u00A0', '\u202F', '\u2009', '\'', '’'], StringSplitOptions.RemoveEmptyEntries);
        if (body.Length == 0 || body.Any(c => !char.IsAsciiDigit(c) && c is not (',' or '.' or ' ' or '\u00A0' or '\u202F' or '\u2009' or '\'' or '’')))
        {
            problem = NotAnAmount(text);
            return false;
        }

        if (!Split(string.Concat(groups), groups, culture, out var whole, out var fraction, out problem))
        {
            problem = problem is null ? NotAnAmount(text) : Text.Of("“{0}” {1}", text.Trim(), problem);
            return false;
        }

        var digits = Money.MinorDigits(currency);
        if (fraction.Length > digits)
        {
            problem = digits == 0
                ? Text.Of("{0} has no decimals: write “{1}” as a whole number.", currency, text.Trim())
                : Text.Of("“{0}” has more decimals than {1} allows ({2}). If you meant {3} {1}, write {3}.", text.Trim(), currency, digits, whole + fraction);
            return false;
        }

        var invariant = whole + (fraction.Length > 0 ? "." + fraction : string.Empty);
        if (!decimal.TryParse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            problem = Text.Of("“{0}” is too large an amount.", text.Trim());
            return false;
        }

        var scaled = value * Money.Pow10(digits);
        if (scaled > long.MaxValue)
        {
            problem = Text.Of("“{0}” is too large an amount.", text.Trim());
            return false;
        }

        money = new Money(negative ? -(long)scaled : (long)scaled, currency);
        return true;
    }

    /// <summary>The digits before and after the decimal mark, or false with why (after the quoted text).</summary>
    private static bool Split(string joined, string[] spaceGroups, CultureInfo? culture, out string whole, out string fraction, out Text? problem)
    {
        whole = joined;
        fraction = string.Empty;
        problem = null;
        var commas = joined.Count(c => c == ',');
        var dots = joined.Count(c => c == '.');
        char? decimalMark = null;
        if (commas > 0 && dots > 0)
        {
            decimalMark = joined.LastIndexOf(',') > joined.LastIndexOf('.') ? ',' : '.';
            if (joined.Count(c => c == decimalMark) > 1)
            {
                return false;
            }
        }
        else if (commas + dots == 1)
        {
            var mark = commas == 1 ? ',' : '.';
            var after = joined.Length - joined.IndexOf(mark) - 1;
            var before = joined.IndexOf(mark);
            if (after != 3 || before == 0 || joined.StartsWith('0'))
            {
                decimalMark = mark;
            }
            else if (culture is null)
            {
                problem = Text.Of("could mean {0} or {1}: write it without the mark ({0}) or with two decimals.", joined.Replace(mark.ToString(), string.Empty, StringComparison.Ordinal), joined.Replace(mark, '.'));
                return false;
            }
            else
            {
                decimalMark = culture.NumberFormat.NumberDecimalSeparator == mark.ToString() ? mark : null;
            }
        }

        var integerPart = decimalMark is { } d ? joined[..joined.LastIndexOf(d)] : joined;
        integerPart = integerPart.Length == 0 && decimalMark is not null ? "0" : integerPart;
        fraction = decimalMark is { } m ? joined[(joined.LastIndexOf(m) + 1)..] : string.Empty;
        if (fraction.Any(c => !char.IsAsciiDigit(c)) || (decimalMark is not null && fraction.Length == 0))
        {
            return false;
        }

        // Thousands: every group after the first has three digits ("1.299.000", "1 299", "12,345.6").
        var thousands = integerPart.Split([',', '.'], StringSplitOptions.None);
        var spaced = spaceGroups.Length > 1 ? spaceGroups.Skip(1).Select(g => g.Split([',', '.'])[0]).ToArray() : [];
        if (thousands.Any(g => g.Length == 0) || thousands.Skip(1).Any(g => g.Length != 3) || (thousands.Length > 1 && thousands[0].Length > 3)
            || spaced.Any(g => g.Length != 3))
        {
            return false;
        }

        whole = string.Concat(thousands).TrimStart('0');
        whole = whole.Length == 0 ? "0" : whole;
        return true;
    }

    private static string StripCurrency(string text, string currency)
    {
        var stripped = text;
        if (stripped.StartsWith(currency, StringComparison.OrdinalIgnoreCase))
        {
            stripped = stripped[currency.Length..];
        }
        else if (stripped.EndsWith(currency, StringComparison.OrdinalIgnoreCase))
        {
            stripped = stripped[..^currency.Length];
        }

        return new string(stripped.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.CurrencySymbol).ToArray()).Trim();
    }


    private static Text NotAnAmount(string text) => Text.Of("“{0}” isn't an amount: write digits with one decimal mark, like 24.90 or 24,90.", text.Trim());
}

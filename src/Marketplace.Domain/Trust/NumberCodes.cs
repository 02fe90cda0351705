using System.Text.RegularExpressions;

namespace Marketplace.Domain.Trust;

/// <summary>
/// Numbers that look like phone numbers but are something else: order, tracking, invoice and model numbers (by the
/// words before them), EAN/UPC, ISBN and IMEI (by their check digits), Brazilian CPF, dates, times, prices, sizes,
/// dimensions. And the hosts a message may link to: carriers' tracking sites and the mail providers of addresses.
/// </summary>
public static partial class NumberCodes
{
    private static readonly string[] _allowedHosts =
    [
        "17track.net", "parcelsapp.com", "aftership.com", "track24.ru", "cainiao.com", "global.cainiao.com", "correos.es", "correosexpress.com", "seur.com",
        "ctt.pt", "correios.com.br", "rastreamentocorreios.com.br", "laposte.fr", "colissimo.fr", "chronopost.fr", "mondialrelay.fr", "dhl.com", "dhl.de",
        "dhl.fr", "dhl.es", "ups.com", "fedex.com", "usps.com", "royalmail.com", "canadapost.ca", "auspost.com.au", "japanpost.jp", "pochta.ru", "cdek.ru",
        "sf-express.com", "yunexpress.com", "gls-group.eu", "dpd.com", "dpd.de", "hermesworld.com", "myhermes.de", "postnl.nl", "bpost.be", "post.ch",
        "deutschepost.de", "ems.com.cn", "4px.com", "yanwen.com",
        "gmail.com", "hotmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net", "web.de", "mail.ru", "yandex.ru",
        "qq.com", "163.com", "126.com", "orange.fr", "free.fr", "laposte.net", "t-online.de", "uol.com.br", "bol.com.br", "bk.ru", "sapo.pt",
        "marketplace.local", "marketplace.example",
    ];

    public static bool IsAllowedHost(string host) =>
        _allowedHosts.Any(allowed => host.Equals(allowed, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + allowed, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the digits at <paramref name="start"/> in <paramref name="text"/> are a code, a date or an amount, not a phone number.</summary>
    public static bool IsSomethingElse(string text, int start, string raw)
    {
        // The whole code the digits belong to ("12.345.678/0001-95", not just its tail).
        while (start > 0 && (char.IsAsciiDigit(text[start - 1]) || (text[start - 1] is '.' or '/' or '-' && start > 1 && char.IsAsciiDigit(text[start - 2]))))
        {
            raw = text[start - 1] + raw;
            start--;
        }

        var digits = new string(raw.Where(char.IsAsciiDigit).ToArray());
        var before = text[Math.Max(0, start - 32)..start];
        var after = text[Math.Min(text.Length, start + raw.Length)..Math.Min(text.Length, start + raw.Length + 12)];
        if (raw.TrimStart().StartsWith('+'))
        {
            return false; // an international number is a number to call
        }

        return CodeWords().IsMatch(before)
            || (Contiguous(raw) && (Ean(digits) || Imei(digits))) || Cpf(digits, raw)
            || LooksLikeDate().IsMatch(raw.Trim()) || LooksLikeSizes(raw) || Amount().IsMatch(after) || Amount().IsMatch(before.TrimEnd().Length > 0 ? before.TrimEnd()[^1..] : string.Empty)
            || GluedToLetters(text, start, raw.Length);
    }

    /// <summary>An IBAN by its ISO 7064 mod-97 check ("ES91 2100 0418 4502 0005 1332"), not a tracking code of the same shape.</summary>
    public static bool IsIban(string value)
    {
        var compact = new string(value.Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();
        if (compact.Length is < 15 or > 34)
        {
            return false;
        }

        var remainder = 0;
        foreach (var c in compact[4..] + compact[..4])
        {
            var digits = char.IsAsciiDigit(c) ? (c - '0').ToString(System.Globalization.CultureInfo.InvariantCulture) : (c - 'A' + 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var d in digits)
            {
                remainder = ((remainder * 10) + (d - '0')) % 97;
            }
        }

        return remainder == 1;
    }

    /// <summary>Barcodes and IMEIs are written as one run of digits; a phone number is usually grouped.</summary>
    private static bool Contiguous(string raw) => raw.Trim().All(char.IsAsciiDigit);

    /// <summary>EAN-13, UPC-A (12) and EAN-8 by their check digit; ISBN-13 is an EAN.</summary>
    public static bool Ean(string digits)
    {
        if (digits.Length is not (8 or 12 or 13))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < digits.Length - 1; i++)
        {
            var d = digits[digits.Length - 2 - i] - '0';
            sum += i % 2 == 0 ? d * 3 : d;
        }

        return (10 - (sum % 10)) % 10 == digits[^1] - '0';
    }

    /// <summary>A 15-digit IMEI by the Luhn check.</summary>
    public static bool Imei(string digits)
    {
        if (digits.Length != 15)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 15; i++)
        {
            var d = digits[14 - i] - '0';
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    /// <summary>A Brazilian CPF written as one (123.456.789-09) with valid check digits.</summary>
    public static bool Cpf(string digits, string raw)
    {
        if (digits.Length != 11 || !CpfShape().IsMatch(raw.Trim()) || digits.Distinct().Count() == 1)
        {
            return false;
        }

        int Check(int length)
        {
            var sum = 0;
            for (var i = 0; i < length; i++)
            {
                sum += (digits[i] - '0') * (length + 1 - i);
            }

            var rest = sum * 10 % 11;
            return rest == 10 ? 0 : rest;
        }

        return Check(9) == digits[9] - '0' && Check(10) == digits[10] - '0';
    }

    /// <summary>"36-38-40-42": pairs of digits not starting with 0 are a size chart or a list, not a phone number.</summary>
    private static bool LooksLikeSizes(string value)
    {
        var groups = value.Split([' ', '.', '-', '(', ')', '/'], StringSplitOptions.RemoveEmptyEntries);
        return groups.Length >= 3 && groups.All(g => g.Length == 2) && groups[0][0] != '0';
    }

    /// <summary>Digits glued to letters ("LX123 456 789CN", "SM-G991B") are a code, not a phone.</summary>
    private static bool GluedToLetters(string text, int start, int length)
    {
        var before = start > 0 ? text[start - 1] : ' ';
        var end = start + length;
        var after = end < text.Length ? text[end] : ' ';
        // "FR 40 123456824", "LX 123 456 789 CN": a short code in capitals just before (not "SMS" or "TEL").
        var token = start > 1 && before == ' ' ? CapitalsBefore().Match(text[..(start - 1)]) : Match.Empty;
        var capitals = token.Success && token.Value is not ("SMS" or "TEL" or "WA" or "TG" or "CEL" or "MOB");
        return char.IsAsciiLetter(before) || char.IsAsciiLetter(after) || before is '-' or '#' || after is '-' || capitals;
    }

    [GeneratedRegex(@"(?:(?<![\p{L}])(?:order|pedido|encomenda|commande|bestell\w*|auftrag\w*|заказ\w*|tracking|track|накладн\w*|сдэк|rastreio|rastreo|seguimiento|suivi|sendungsnummer|трек\w*|imei|ean|upc|gtin|barcode|c[oó]digo\s+de\s+barras|isbn|serial|sn|s[ée]rie|seriennummer|серийн\w*|ref|refer[eê]ncia|r[ée]f[ée]rence|art(?:ikel)?\.?-?nr|артикул\w*|model\w*|mod[eè]le|модел\w*|part|pieza|pe[cç]a|pi[eè]ce|teil\w*|invoice|factura|fatura|facture|rechnung|сч[её]т\w*|cpf|cnpj|nif|nie|rfc|siret|siren|tva|ust|ust-idnr|steuer\w*|инн|огрн|cep|postcode|post\s?code|zip|c[oó]digo\s+postal|code\s+postal|plz|postleitzahl|индекс|no|nº|n°|lote|lot|batch|ticket|protocolo|protocol|case|caso|claim|reclam\w*)(?![\p{L}])|订单|单号|运单|快递|条码|序列号|型号|发票|税号|信用代码|邮编|#)[^\d]{0,24}(?:\d{1,8}[\s-]){0,3}$", RegexOptions.IgnoreCase)]
    private static partial Regex CodeWords();

    [GeneratedRegex(@"^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$|^\d{1,2}:\d{2}")]
    private static partial Regex LooksLikeDate();

    [GeneratedRegex(@"^\s*(?:€|\$|usd|eur|brl|r\$|rub|руб|₽|¥|元|块|kg|g\b|cm|mm|mah|gb|tb|mb|hz|w\b|v\b|x\s*\d|%)", RegexOptions.IgnoreCase)]
    private static partial Regex Amount();

    [GeneratedRegex(@"(?<![\p{L}])[A-Z]{2,3}$")]
    private static partial Regex CapitalsBefore();

    [GeneratedRegex(@"^\d{3}\.\d{3}\.\d{3}-\d{2}$")]
    private static partial Regex CpfShape();
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Marketplace.Domain.Trust;

/// <summary>Why a message was flagged (docs/trust-and-safety.md lists what each one looks for).</summary>
public enum OffPlatformSignal
{
    /// <summary>An e-mail address, written plainly or disguised ("john at gmail dot com").</summary>
    Email,

    /// <summary>A phone number: international, grouped, spaced or dotted digits, or digits next to "call me".</summary>
    Phone,

    /// <summary>A messenger app or handle (WhatsApp, Telegram, WeChat...), including spaced or dotted spellings.</summary>
    Messenger,

    /// <summary>A link to a payment page or a link shortener.</summary>
    PaymentLink,

    /// <summary>Asking to pay or refund outside the platform (PayPal, bank or wire transfer, Western Union, crypto...).</summary>
    OffPlatformPayment,

    /// <summary>Pressure to cancel a dispute, order or review in exchange for money sent some other way.</summary>
    DisputePressure,
}

/// <summary>One reason a message was flagged, with the words that triggered it.</summary>
public sealed record SignalHit(OffPlatformSignal Signal, string Evidence);

/// <summary>
/// Finds messages that take a conversation or its money off the platform (SPEC §5). Pure and deterministic: it
/// reads the text once as written and once "folded" (lower case, look-alike letters and digit words replaced,
/// letters spelled out with dots or spaces joined), then runs a short list of patterns over both. Its precision
/// and recall are measured on a labelled set in the domain tests.
/// </summary>
public static partial class OffPlatformDetector
{
    public static IReadOnlyList<SignalHit> Scan(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var plain = Plain(text);
        var folded = Fold(plain);
        var hits = new List<SignalHit>();
        FindEmail(plain, folded, hits);
        FindPhone(plain, hits);
        FindMessenger(folded, hits);
        FindPaymentLink(plain, hits);
        FindOffPlatformPayment(folded, hits);
        return hits;
    }

    private static void Add(List<SignalHit> hits, OffPlatformSignal signal, string evidence)
    {
        if (!hits.Any(h => h.Signal == signal))
        {
            hits.Add(new SignalHit(signal, evidence.Trim()));
        }
    }

    private static void FindEmail(string plain, string folded, List<SignalHit> hits)
    {
        if (EmailAddress().Match(plain) is { Success: true } address)
        {
            Add(hits, OffPlatformSignal.Email, address.Value);
        }
        else if (DisguisedEmail().Match(plain) is { Success: true } disguised)
        {
            Add(hits, OffPlatformSignal.Email, disguised.Value);
        }
        else if (MailProvider().Match(folded) is { Success: true } provider)
        {
            Add(hits, OffPlatformSignal.Email, provider.Value);
        }
    }

    private static void FindPhone(string plain, List<SignalHit> hits)
    {
        var digits = DigitWordRun().Replace(plain, run => string.Join(' ', DigitWord().Matches(run.Value).Select(w => DigitOf(w.Value))));
        if (AskForContact().Match(plain) is { Success: true } ask)
        {
            Add(hits, OffPlatformSignal.Phone, ask.Value);
            return;
        }

        var contactWords = PhoneWords().IsMatch(digits);
        foreach (Match run in DigitRun().Matches(digits))
        {
            var value = run.Value.Trim();
            var count = value.Count(char.IsAsciiDigit);
            if (count < 7 || count > 15 || LooksLikeDate().IsMatch(value))
            {
                continue;
            }

            var international = value.StartsWith('+') || value.StartsWith("00", StringComparison.Ordinal);
            var spelledOut = SingleDigits().IsMatch(value);
            var separators = value.Count(c => c is ' ' or '.' or '-' or '(' or ')');
            var grouped = (separators >= 2 || (separators == 1 && count >= 10)) && count <= 13 && !PartOfCode(digits, run) && !LooksLikeSizes(value);
            if (international || spelledOut || contactWords || grouped)
            {
                Add(hits, OffPlatformSignal.Phone, value);
                return;
            }
        }
    }

    /// <summary>"36-38-40-42-44": pairs of digits not starting with 0 are a size chart or a list, not a phone number.</summary>
    private static bool LooksLikeSizes(string value)
    {
        var groups = value.Split([' ', '.', '-', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        return groups.Length >= 3 && groups.All(g => g.Length == 2) && groups[0][0] != '0';
    }

    /// <summary>Digits glued to letters ("LX123 456 789CN") are a tracking or order code, not a phone.</summary>
    private static bool PartOfCode(string text, Match run)
    {
        var before = run.Index > 0 ? text[run.Index - 1] : ' ';
        var after = run.Index + run.Length < text.Length ? text[run.Index + run.Length] : ' ';
        var letterBefore = char.IsAsciiLetter(before) || (before == ' ' && run.Index > 1 && char.IsAsciiLetterUpper(text[run.Index - 2]));
        var letterAfter = char.IsAsciiLetter(after) || (after == ' ' && run.Index + run.Length + 1 < text.Length && char.IsAsciiLetterUpper(text[run.Index + run.Length + 1]));
        return letterBefore || letterAfter;
    }

    private static void FindMessenger(string folded, List<SignalHit> hits)
    {
        if (Messenger().Match(folded) is { Success: true } app)
        {
            Add(hits, OffPlatformSignal.Messenger, app.Value);
        }
        else if (Handle().Match(folded) is { Success: true } handle)
        {
            Add(hits, OffPlatformSignal.Messenger, handle.Value);
        }
    }

    private static void FindPaymentLink(string plain, List<SignalHit> hits)
    {
        if (PaymentUrl().Match(plain) is { Success: true } link)
        {
            Add(hits, OffPlatformSignal.PaymentLink, link.Value);
        }
        else if (CashTag().Match(plain) is { Success: true } tag)
        {
            Add(hits, OffPlatformSignal.PaymentLink, tag.Value);
        }
    }

    private static void FindOffPlatformPayment(string folded, List<SignalHit> hits)
    {
        if (DisputePressure().Match(folded) is { Success: true } pressure)
        {
            Add(hits, OffPlatformSignal.DisputePressure, pressure.Value);
        }

        foreach (var sentence in Sentence().Split(folded))
        {
            var found = PaymentChannel().Match(sentence) is { Success: true } channel ? channel : PayOutside().Match(sentence);
            if (found.Success && !Refused(sentence, found))
            {
                Add(hits, OffPlatformSignal.OffPlatformPayment, found.Value);
                return;
            }
        }
    }

    /// <summary>"We don't take PayPal", "only through the checkout": a seller saying no is not a signal.</summary>
    private static bool Refused(string sentence, Match found)
    {
        var start = Math.Max(0, found.Index - 40);
        return Negation().IsMatch(sentence[start..found.Index]) || OnPlatformOnly().IsMatch(sentence);
    }

    /// <summary>Unicode look-alikes folded (full-width letters, ligatures), zero-width characters removed.</summary>
    private static string Plain(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Lower case, leetspeak letters undone, "w.h.a.t.s.a.p.p" and "t e l e g r a m" joined.</summary>
    private static string Fold(string plain)
    {
        var lower = plain.ToLowerInvariant();
        lower = SpelledOut().Replace(lower, m => new string(m.Value.Where(char.IsLetterOrDigit).ToArray()));
        var builder = new StringBuilder(lower.Length);
        for (var i = 0; i < lower.Length; i++)
        {
            var c = lower[i];
            var insideWord = (i > 0 && char.IsAsciiLetter(lower[i - 1])) || (i + 1 < lower.Length && char.IsAsciiLetter(lower[i + 1]));
            builder.Append(insideWord ? c switch
            {
                '0' => 'o',
                '1' => 'i',
                '3' => 'e',
                '4' => 'a',
                '5' => 's',
                '7' => 't',
                '$' => 's',
                _ => c,
            } : c);
        }

        return builder.ToString();
    }

    private static string DigitOf(string word) => word.ToLowerInvariant() switch
    {
        "zero" or "oh" => "0",
        "one" => "1",
        "two" => "2",
        "three" => "3",
        "four" => "4",
        "five" => "5",
        "six" => "6",
        "seven" => "7",
        "eight" => "8",
        _ => "9",
    };

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)*\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"\b[\w.+-]{2,}\s*(?:@|[\(\[\{<]\s*at\s*[\)\]\}>]|\s+at\s+)\s*[\w-]{2,}\s*(?:\.|[\(\[\{<]\s*dot\s*[\)\]\}>]|\s+dot\s+)\s*(?:[a-z]{2}|com|net|org|info|biz)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DisguisedEmail();

    [GeneratedRegex(@"@\s*(?:g\s?mail|hotmail|yahoo|outlook|icloud|proton|aol|gmx)|\b(?:g\s?mail|hotmail|yahoo\s?mail|outlook\s?(?:dot|\.)\s?com|icloud\s?(?:dot|\.)\s?com|protonmail|proton\s?(?:dot|\.)\s?me|mail\s?(?:dot|\.)\s?ru|yandex|qq\s?(?:dot|\.)\s?com)\b|\bmy\s+(?:e-?mail|mail)\s+(?:is|address)\b|\be-?mail\s+me\b")]
    private static partial Regex MailProvider();

    [GeneratedRegex(@"\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b(?:[\s,-]+\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b){4,}", RegexOptions.IgnoreCase)]
    private static partial Regex DigitWordRun();

    [GeneratedRegex(@"\b(?:give|send|tell|share|text)\s+me\s+your\s+(?:phone\s+|mobile\s+|cell\s+|whats\s?app\s+|personal\s+)?(?:number|e-?mail|contact)", RegexOptions.IgnoreCase)]
    private static partial Regex AskForContact();

    [GeneratedRegex(@"\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DigitWord();

    [GeneratedRegex(@"(?:\+|\b)\d[\d\s().\-]{5,}\d\b")]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$")]
    private static partial Regex LooksLikeDate();

    [GeneratedRegex(@"(?:\d[\s.\-]){6,}\d")]
    private static partial Regex SingleDigits();

    [GeneratedRegex(@"\b(?:call|calling|phone|mobile|cell|tel|text me|sms|ring me|whats\s?app|(?:my|phone|mobile|cell)\s+number|contact me|reach me)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneWords();

    [GeneratedRegex(@"(?<![a-z])(?:[a-z0-9][\s.\-_*]{1,2}){3,}[a-z0-9](?![a-z])")]
    private static partial Regex SpelledOut();

    [GeneratedRegex(@"what\s?s\s?app|whatsap+|watsap+|wh?tsap+|wa\.me|\bwa\s?(?:me|number|no)\b|tele\s?gram|telegrm|\bt\.me/|\btg\s?[:@]|viber|we\s?chat|weixin|skype|snap\s?chat|\bkik\b|\bline\s?(?:app|id)\b|\bimessage\b|facebook messenger|\bfb messenger\b|\b(?:on|via|in|through)\s+messenger\b|\bmessenger\s+me\b|\bdiscord\b|\b(?:on|via)\s+snap\b|\bsnap\s+me\b|\b(?:on|via|add me on|use)\s+signal\b|\bsignal\s+(?:app|me)\b")]
    private static partial Regex Messenger();

    [GeneratedRegex(@"\b(?:add|find|message|dm|text|follow|contact)\s+me\s+(?:on|at)\s+(?:insta(?:gram)?|ig|fb|facebook|tiktok|twitter|x)\b|\b(?:my\s+)?(?:insta(?:gram)?|ig|fb|facebook|tiktok|twitter)\s*(?:(?:handle|account|name|id)\s*(?:is|:)?|is|:)\s*@?\w{3,}|(?<![\w.])@[a-z0-9_.]{4,}(?=\s+(?:on|in)\s+(?:insta|ig|tele|tiktok|twitter|fb))")]
    private static partial Regex Handle();

    [GeneratedRegex(@"\b(?:https?://)?(?:www\.)?(?:paypal\.(?:me|com)|venmo\.com|cash\.app|revolut\.me|wise\.com/pay|buy\.stripe\.com|pay\.google|bit\.ly|tinyurl\.com|t\.co|goo\.gl|is\.gd|rb\.gy|monzo\.me|ko-fi\.com)(?:/[^\s]*)?", RegexOptions.IgnoreCase)]
    private static partial Regex PaymentUrl();

    [GeneratedRegex(@"(?<![\w$])\$[a-zA-Z][a-zA-Z0-9_]{2,}\b")]
    private static partial Regex CashTag();

    [GeneratedRegex(@"(?<=[.!?;\n])\s+")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"\bpay\s?pal\b|\bpp\s+(?:f&f|friends)|friends\s*(?:and|&|n)\s*family|\bvenmo\b|\bzelle\b|cash\s?app|western\s?union|money\s?gram|\bwire\s+(?:transfer|me|you|it|the\s+money|the\s+payment)\b|\b(?:by|via|through)\s+wire\b|bank\s+(?:transfer|deposit|account|details)|\biban\b|\bswift\b|\bsort code\b|\brevolut\b|\bwise\s+transfer\b|\bbit\s?coin\b|\bbtc\b|\busdt\b|\b(?:in|with|via|by|accept|only)\s+crypto\b|\bcrypto\s+(?:only|payment|wallet|address)\b|\b(?:pay|payment|buy me|send|accept(?:ed)?)\b[^.!?]{0,30}\bgift\s?cards?|\bgift\s?cards?\s+(?:accepted|only|code|instead)\b|\bskrill\b|\bpayoneer\b|\balipay\b|\bwe\s?chat\s?pay\b|\bm-?pesa\b")]
    private static partial Regex PaymentChannel();

    [GeneratedRegex(@"\b(?:pay|paying|payment|send (?:you |me )?(?:the )?money|refund(?: you)?)\s+(?:me\s+|you\s+)?(?:directly|outside|off\s+(?:the\s+)?(?:site|platform|app|marketplace)|privately|in cash)\b|\boutside\s+(?:of\s+)?(?:the\s+|this\s+)?(?:site|platform|app|marketplace)\b|\b(?:avoid|skip|save)\s+(?:the\s+)?(?:platform\s+|site\s+|marketplace\s+)?(?:fees?|commission)\b|\boff\s+(?:the\s+)?(?:site|platform|app|marketplace)\b|\bdeal\s+directly\b|\b(?:send|transfer|pay|wire|deposit)\b[^.!?]{0,30}\b(?:via|by|through|to|into)\s+(?:my\s+|the\s+|a\s+)?(?:bank|account)\b")]
    private static partial Regex PayOutside();

    [GeneratedRegex(@"\b(?:cancel|close|withdraw|drop|remove|delete|end)\s+(?:the\s+|your\s+|this\s+)?(?:\w+\s+)?(?:dispute|case|claim|complaint|report|review)\b.{0,80}\b(?:refund|pay|send|give|return)\b|\b(?:refund|pay|send|give)\b.{0,80}\bif\s+you\s+(?:cancel|close|withdraw|drop|remove|end)\s+(?:the\s+|your\s+|this\s+)?(?:dispute|case|claim|complaint|report|review)\b")]
    private static partial Regex DisputePressure();

    [GeneratedRegex(@"\b(?:don't|do not|dont|never|no|not|can't|cannot|can not|won't|will not|without)\b")]
    private static partial Regex Negation();

    [GeneratedRegex(@"\bonly\s+(?:through|via|on|use|accept|take)\s+(?:the\s+|our\s+)?(?:checkout|platform|site|marketplace|app|card)|\bplease\s+(?:use|pay through|pay via|pay at)\s+(?:the\s+)?(?:checkout|platform|site)\b|\bagainst\s+the\s+rules\b")]
    private static partial Regex OnPlatformOnly();
}

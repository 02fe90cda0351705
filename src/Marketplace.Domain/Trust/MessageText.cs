using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Marketplace.Domain.Trust;

/// <summary>
/// A message read the ways the off-platform detector needs (structure before words):
/// <list type="bullet">
/// <item><see cref="Plain"/>: Unicode NFKC (full-width letters, ligatures) without invisible format characters;</item>
/// <item><see cref="Squeezed"/>: lower case, letters spelled out one by one ("w h a t s a p p", "t.e.l.e.g.r.a.m",
/// "s o l d e s . p a r i s @ o r a n g e . f r") joined, spaces around the dots of a domain removed;</item>
/// <item><see cref="Folded"/>: the squeezed text with symbols for letters undone ("@"→a, "$"→s, digits inside words) and
/// look-alike letters of another script folded into the word's own script (a UTS #39-style confusables table:
/// "Теlеgrаm" with Cyrillic е and а reads "telegram"; "п3р3в0д" reads "перевод");</item>
/// <item><see cref="Digits"/>: numbers as digits: number words in seven languages ("seis uno cinco", "zéro six",
/// "восемь девятьсот шестнадцать", "一三九"), letters standing for digits inside numbers ("6l2 O98"), emoji and symbols
/// between digits removed.</item>
/// </list>
/// </summary>
public sealed partial class MessageText
{
    private static readonly Dictionary<char, char> _capitalLookAlikes = new()
    {
        ['Α'] = 'A',
        ['Β'] = 'B',
        ['Ε'] = 'E',
        ['Ζ'] = 'Z',
        ['Η'] = 'H',
        ['Ι'] = 'I',
        ['Κ'] = 'K',
        ['Λ'] = 'A',
        ['Μ'] = 'M',
        ['Ν'] = 'N',
        ['Ξ'] = 'E',
        ['Ο'] = 'O',
        ['Ρ'] = 'P',
        ['Τ'] = 'T',
        ['Υ'] = 'Y',
        ['Χ'] = 'X',
        ['Ꭺ'] = 'A',
        ['Ᏼ'] = 'B',
        ['Ꮯ'] = 'C',
        ['Ꭰ'] = 'D',
        ['Ꭼ'] = 'E',
        ['Ꮐ'] = 'G',
        ['Ꮋ'] = 'H',
        ['Ꭻ'] = 'J',
        ['Ꮶ'] = 'K',
        ['Ꮮ'] = 'L',
        ['Ꮇ'] = 'M',
        ['Ꮲ'] = 'P',
        ['Ꮪ'] = 'S',
        ['Ꭲ'] = 'T',
        ['Ꮩ'] = 'V',
        ['Ꮃ'] = 'W',
        ['Ꮓ'] = 'Z',
    };

    private static readonly Dictionary<char, char> _cyrillicToLatin = new()
    {
        ['а'] = 'a',
        ['в'] = 'b',
        ['е'] = 'e',
        ['ё'] = 'e',
        ['к'] = 'k',
        ['м'] = 'm',
        ['н'] = 'h',
        ['о'] = 'o',
        ['р'] = 'p',
        ['с'] = 'c',
        ['т'] = 't',
        ['у'] = 'y',
        ['х'] = 'x',
        ['і'] = 'i',
        ['ј'] = 'j',
        ['ѕ'] = 's',
        ['ԁ'] = 'd',
        ['һ'] = 'h',
        ['ӏ'] = 'l',
        ['ԛ'] = 'q',
        ['ԝ'] = 'w',
        ['α'] = 'a',
        ['ε'] = 'e',
        ['ι'] = 'i',
        ['κ'] = 'k',
        ['ν'] = 'v',
        ['ο'] = 'o',
        ['ρ'] = 'p',
        ['τ'] = 't',
        ['υ'] = 'u',
        ['χ'] = 'x',
        ['ɡ'] = 'g',
    };

    private static readonly Dictionary<char, char> _latinToCyrillic = new()
    {
        ['a'] = 'а',
        ['b'] = 'в',
        ['e'] = 'е',
        ['k'] = 'к',
        ['m'] = 'м',
        ['h'] = 'н',
        ['o'] = 'о',
        ['p'] = 'р',
        ['c'] = 'с',
        ['t'] = 'т',
        ['y'] = 'у',
        ['x'] = 'х',
    };

    private MessageText(string original, string plain)
    {
        Original = original;
        Plain = plain;
        Squeezed = Squeeze(LatinCapitals(plain).ToLowerInvariant());
        // A Latin word glued to Chinese ("我的gmail是", "可以用USDT付吗") gets its own word boundaries.
        Folded = HanLatin().Replace(Fold(Squeezed), " ");
        Digits = NumberWords.ToDigits(plain);
    }

    /// <summary>The text as sent (full-width letters, zero-width spaces and all).</summary>
    public string Original { get; }

    public string Plain { get; }

    public string Squeezed { get; }

    public string Folded { get; }

    public string Digits { get; }

    public bool HasCyrillic => Plain.Any(c => c is >= 'Ѐ' and <= 'ӿ');

    public bool HasHan => Plain.Any(c => c is >= '\u4e00' and <= '\u9fff');

    public static MessageText Read(string text)
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

        // Runs of spaces (and of blank lines) become one: the patterns then never have long runs to backtrack over.
        var collapsed = Newlines().Replace(Spaces().Replace(builder.ToString(), " "), "\n");
        return new MessageText(text, collapsed);
    }

    /// <summary>
    /// Capital letters of Greek and Cherokee that look like Latin capitals ("Νike" with a Greek Ν, "ΒΕΑΤS", "Ꮯasio") read as
    /// those capitals before lower-casing: lower-cased first, Greek Ν would become ν and read "v". Neither script is one of
    /// the languages read here, so nothing Greek or Cherokee is lost.
    /// </summary>
    private static string LatinCapitals(string text)
    {
        if (!text.Any(c => c is >= '\u0391' and <= '\u03A9' or >= '\u13A0' and <= '\u13F4'))
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = _capitalLookAlikes.TryGetValue(chars[i], out var latin) ? latin : chars[i];
        }

        return new string(chars);
    }

    /// <summary>Single characters separated by spaces or dots joined into the word they spell.</summary>
    private static string Squeeze(string lower)
    {
        var joined = SpacedOut().Replace(lower, m => m.Value.Replace(" ", string.Empty, StringComparison.Ordinal));
        joined = DottedOut().Replace(joined, m => new string(m.Value.Where(char.IsLetter).ToArray()));
        return DomainDots().Replace(joined, ".");
    }

    private static string Fold(string squeezed)
    {
        var words = WordLike().Replace(squeezed, m => FoldWord(m.Value));
        return StripLatinAccents(words);
    }

    /// <summary>"télégram" reads "telegram", "transferência" "transferencia"; Cyrillic й and ё keep their marks.</summary>
    internal static string StripLatinAccents(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        for (var i = 0; i < decomposed.Length; i++)
        {
            var c = decomposed[i];
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark && i > 0 && char.IsAsciiLetter(decomposed[i - 1]))
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Symbols and digits inside a word read as letters, then look-alikes folded into the word's main script.</summary>
    private static string FoldWord(string word)
    {
        if (!word.Any(char.IsLetter))
        {
            return word;
        }

        var chars = word.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var letterNear = (i > 0 && char.IsLetter(chars[i - 1])) || (i + 1 < chars.Length && char.IsLetter(chars[i + 1]));
            if (letterNear)
            {
                chars[i] = chars[i] switch
                {
                    '0' => 'o',
                    '1' => 'i',
                    '3' => 'e',
                    '4' => 'a',
                    '5' => 's',
                    '7' => 't',
                    '$' => 's',
                    '@' when i > 0 && i + 1 < chars.Length && char.IsLetter(chars[i + 1]) && !word.Contains('.', StringComparison.Ordinal) => 'a',
                    '|' => 'l',
                    _ => chars[i],
                };
            }
        }

        var cyrillic = chars.Count(c => c is >= 'Ѐ' and <= 'ӿ');
        var latin = chars.Count(char.IsAsciiLetter);
        if (cyrillic > 0 && latin > 0)
        {
            // The script of the letters that have no look-alike decides ("wһаtsарр": w and s are Latin only; "тeлeжку": л, ж Cyrillic only).
            var onlyCyrillic = chars.Count(c => c is >= 'Ѐ' and <= 'ӿ' && !_cyrillicToLatin.ContainsKey(c));
            var onlyLatin = chars.Count(c => char.IsAsciiLetter(c) && !_latinToCyrillic.ContainsKey(c));
            var toCyrillic = onlyCyrillic > onlyLatin || (onlyCyrillic == onlyLatin && cyrillic > latin);
            for (var i = 0; i < chars.Length; i++)
            {
                if (toCyrillic && _latinToCyrillic.TryGetValue(chars[i], out var c))
                {
                    chars[i] = c;
                }
                else if (!toCyrillic && _cyrillicToLatin.TryGetValue(chars[i], out var l))
                {
                    chars[i] = l;
                }
            }
        }
        else if (latin > 0)
        {
            for (var i = 0; i < chars.Length; i++)
            {
                if (_cyrillicToLatin.TryGetValue(chars[i], out var l))
                {
                    chars[i] = l;
                }
            }
        }

        return new string(chars);
    }

    [GeneratedRegex(@"[^\S\n]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s*\n\s*")]
    private static partial Regex Newlines();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:[\p{L}\p{N}.\-@_][ ]){3,}[\p{L}\p{N}.\-@_](?![\p{L}\p{N}])")]
    private static partial Regex SpacedOut();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:\p{L}[.\-_*]){3,}\p{L}(?![\p{L}\p{N}])")]
    private static partial Regex DottedOut();

    [GeneratedRegex(@"(?<=[\p{L}\p{N}])\s*\.\s+(?=(?:com|net|org|shop|store|online|site|info|biz|ru|de|fr|es|pt|br|cn|it|nl|pl|uk|us|eu|me|io|co)\b)|(?<=[\p{L}\p{N}])\s+\.\s*(?=(?:com|net|org|shop|store|online|site|info|biz|ru|de|fr|es|pt|br|cn|it|nl|pl|uk|us|eu|me|io|co)\b)")]
    private static partial Regex DomainDots();

    [GeneratedRegex(@"[^\s,;:!?()\[\]{}""'«»“”„。，！？：；、]+")]
    private static partial Regex WordLike();

    [GeneratedRegex(@"(?<=[\u4e00-\u9fff])(?=[a-z0-9])|(?<=[a-z0-9])(?=[\u4e00-\u9fff])")]
    private static partial Regex HanLatin();
}

using System.Globalization;
using System.Text;

namespace Marketplace.Domain.Trust;

/// <summary>
/// A listing title read the ways the counterfeit check needs:
/// <list type="bullet">
/// <item><see cref="Words"/>: the words as typed, split on spaces, hyphens and punctuation, each marked
/// <see cref="TitleWord.Clean"/> when it is plain letters and digits (no look-alike letters of another script, no
/// full-width letters, no invisible characters);</item>
/// <item><see cref="Folded"/>: the words after undoing the tricks (<see cref="MessageText.Folded"/>: NFKC, look-alike
/// letters folded into the word's script, "@"/"$"/digits inside words read as letters, letters spelled out one by
/// one joined), which is what the title says to a buyer;</item>
/// <item><see cref="Text"/>: the whole title in lower case without Latin accents, for phrases and Chinese.</item>
/// </list>
/// </summary>
public sealed class ListingTitle
{
    private ListingTitle(string title)
    {
        Original = title;
        var symbolsOut = new StringBuilder(title.Length);
        for (var i = 0; i < title.Length; i++)
        {
            var c = title[i];
            var betweenLetters = i > 0 && i + 1 < title.Length && char.IsLetter(title[i - 1]) && char.IsLetter(title[i + 1]);
            symbolsOut.Append(c switch
            {
                // "Nike™" must not read "niketm" after NFKC.
                '™' or '®' or '©' or '℠' => ' ',

                // "D!OR", "R·O·L·E·X".
                '!' when betweenLetters => 'i',
                '·' or '•' or '∙' or '‧' => '.',
                _ => c,
            });
        }

        var read = MessageText.Read(symbolsOut.ToString());
        Text = Latin(read.Plain.ToLowerInvariant());
        Flat = Flatten(Text);
        Words = Split(symbolsOut.ToString(), keepInvisible: true).Select(w => new TitleWord(w, KeyOf(w), IsClean(w))).ToList();
        Folded = Split(read.Folded, keepInvisible: false).Select(KeyOf).Where(k => k.Length > 0).ToList();
    }

    public string Original { get; }

    public string Text { get; }

    /// <summary><see cref="Text"/> with punctuation as single spaces (":" and "+" kept for "1:1" and "AAA+"): what phrases are matched in.</summary>
    public string Flat { get; }

    public IReadOnlyList<TitleWord> Words { get; }

    public IReadOnlyList<string> Folded { get; }

    public static ListingTitle Read(string title) => new(title);

    /// <summary>Lower case, Latin accents removed, letters and digits of any script only ("Hermès" → "hermes", "Найк" → "найк").</summary>
    public static string KeyOf(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in Latin(text.ToLowerInvariant()))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>A phrase, brand name or keyword in <see cref="Flat"/>'s form ("Ray-Ban" → "ray ban", "Réplica" → "replica").</summary>
    public static string FlatOf(string text) => Flatten(Latin(text.Normalize(NormalizationForm.FormKC).ToLowerInvariant()));

    /// <summary>Whether <paramref name="text"/> holds <paramref name="phrase"/> (already in <see cref="Flat"/>'s form) as whole words; Chinese anywhere.</summary>
    public static bool HasPhrase(string text, string phrase) => PhraseAt(text, phrase, 0) >= 0;

    /// <summary>Where <paramref name="phrase"/> first appears as whole words from <paramref name="from"/> on (Chinese anywhere), or -1.</summary>
    public static int PhraseAt(string text, string phrase, int from)
    {
        if (phrase.Length == 0)
        {
            return -1;
        }

        var start = from;
        while (start <= text.Length && (start = text.IndexOf(phrase, start, StringComparison.Ordinal)) >= 0)
        {
            var end = start + phrase.Length;
            var before = start == 0 || !char.IsLetterOrDigit(text[start - 1]) || IsHan(text[start - 1]) || IsHan(phrase[0]);
            var after = end == text.Length || !char.IsLetterOrDigit(text[end]) || IsHan(text[end]) || IsHan(phrase[^1]);
            if (before && after)
            {
                return start;
            }

            start++;
        }

        return -1;
    }

    public static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';

    private static string Flatten(string lower)
    {
        var builder = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            if (char.IsLetterOrDigit(c) || c is ':' or '+')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().TrimEnd();
    }

    private static List<string> Split(string text, bool keepInvisible)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            var inWord = char.IsLetterOrDigit(c) || category is UnicodeCategory.NonSpacingMark || (keepInvisible && category is UnicodeCategory.Format);
            // A Latin name glued to Chinese ("LV老花复刻", "ＤＩＯＲ迪奥999口红") is a word of its own.
            if (inWord && current.Length > 0 && char.IsLetterOrDigit(c) && IsHan(c) != IsHan(current[^1]) && char.IsLetterOrDigit(current[^1]))
            {
                words.Add(current.ToString());
                current.Clear();
            }

            if (inWord)
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>ASCII letters and digits once accents are removed, or a word wholly in one other script (Cyrillic, Chinese).</summary>
    private static bool IsClean(string word)
    {
        var latin = Latin(word);
        if (latin.All(char.IsAsciiLetterOrDigit))
        {
            return true;
        }

        var cyrillic = latin.All(c => c is >= 'Ѐ' and <= 'ӿ' || char.IsAsciiDigit(c));
        var han = latin.All(c => IsHan(c) || char.IsAsciiDigit(c));
        return cyrillic || han;
    }

    private static string Latin(string text) => MessageText.StripLatinAccents(text);
}

/// <summary>A word of a title as typed: its text, its key (<see cref="ListingTitle.KeyOf"/>) and whether it is written plainly.</summary>
public sealed record TitleWord(string Text, string Key, bool Clean);

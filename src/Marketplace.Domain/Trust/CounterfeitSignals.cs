using System.Globalization;
using System.Text;
using Marketplace.Domain.Common;

namespace Marketplace.Domain.Trust;

/// <summary>What the registry needs of a brand for the check.</summary>
public sealed record BrandRef(string Name, string Key, Money? ReferencePrice);

/// <summary>A reason a listing waits for review before it goes live.</summary>
public sealed record CounterfeitFlag(string Brand, string Found, bool NearMiss)
{
    public string Describe() => NearMiss
        ? $"The title looks like the brand “{Brand}” but is spelled “{Found}”."
        : $"“{Brand}” items usually cost at least {Found}; this one is priced far below that.";
}

/// <summary>
/// Counterfeit signals when a listing is published (SPEC §5): near-miss spellings of registered brands in the title
/// ("Addidas", "Nikee", "Sansung", "Guci"), and a title naming a brand exactly with a price below
/// <see cref="FarBelowShare"/> of the brand's reference price. The brand itself, other registered brands and
/// ordinary words near short brand names ("nice", "bike" near "Nike") are not flagged.
/// </summary>
public static class CounterfeitSignals
{
    /// <summary>Below this share of the reference price, a branded item is "far below" it.</summary>
    public const double FarBelowShare = 0.3;

    /// <summary>Everyday words one letter away from a brand: left alone (measured with the tests' cases).</summary>
    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "nice", "like", "bike", "mike", "hike", "pike", "dike", "nine", "line", "mine", "wine", "fine", "kite",
        "prado", "panda", "rolled", "roles", "role", "diary", "door", "floor", "carrier", "barrier",
        "apply", "apples", "maple", "ample", "song", "tony", "pony", "bony", "some", "same", "sample", "camping",
        "level", "lever", "fender", "fenders", "fans", "pans", "sara", "pumas", "cap", "map", "tap", "moss", "loss",
        "toss", "rose", "nose", "hose", "legs", "logo", "cannon", "anon", "casino", "couch", "poach",
    };

    public static string KeyOf(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormKD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
        }

        return builder.ToString();
    }

    public static IReadOnlyList<CounterfeitFlag> Check(string title, Money price, IReadOnlyCollection<BrandRef> brands)
    {
        var words = Words(title);
        var candidates = Candidates(words);
        var registered = brands.Select(b => b.Key).ToHashSet(StringComparer.Ordinal);
        var flags = new List<CounterfeitFlag>();
        foreach (var brand in brands)
        {
            if (candidates.Any(c => c.Key == brand.Key) || candidates.Any(c => c.Key == brand.Key + "s"))
            {
                if (brand.ReferencePrice is { } reference && reference.Currency == price.Currency && price.Amount < reference.Amount * FarBelowShare)
                {
                    flags.Add(new CounterfeitFlag(brand.Name, reference.ToString(), NearMiss: false));
                }

                continue;
            }

            var near = candidates.FirstOrDefault(c => !registered.Contains(c.Key) && !CommonWords.Contains(c.Key) && IsNearMiss(c.Key, brand.Key));
            if (near is not null)
            {
                flags.Add(new CounterfeitFlag(brand.Name, near.Text, NearMiss: true));
            }
        }

        return flags;
    }

    /// <summary>
    /// A spelling meant to read as the brand: the same after undoing look-alike digits and doubled letters
    /// ("N1kee"), or, for names of 5+ letters, one edit away ("Sansung", "Adidos"), two for 8+ letters ("Louis Vuiton").
    /// </summary>
    public static bool IsNearMiss(string candidate, string brand)
    {
        if (candidate == brand || candidate.Length < 3)
        {
            return false;
        }

        if (Squash(candidate) == Squash(brand))
        {
            return true;
        }

        var allowed = brand.Length >= 8 ? 2 : brand.Length >= 5 ? 1 : 0;
        return allowed > 0 && Math.Abs(candidate.Length - brand.Length) <= allowed && Distance(candidate, brand) <= allowed;
    }

    private sealed record Candidate(string Key, string Text);

    private static List<string> Words(string title) =>
        title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(w => w.Split(['/', ',', '(', ')', '[', ']', '|', '+', '&', ':', ';', '!', '?', '"'], StringSplitOptions.RemoveEmptyEntries))
            .Select(w => w.Trim('.', '\'', '*', '-'))
            .Where(w => w.Length > 0)
            .ToList();

    /// <summary>Each word, and runs of two and three words written together ("Louis Vuitton" → "louisvuitton").</summary>
    private static List<Candidate> Candidates(List<string> words)
    {
        var candidates = new List<Candidate>();
        for (var i = 0; i < words.Count; i++)
        {
            for (var n = 1; n <= 3 && i + n <= words.Count; n++)
            {
                var text = string.Join(' ', words.Skip(i).Take(n));
                var key = KeyOf(text);
                if (key.Length >= 3)
                {
                    candidates.Add(new Candidate(key, text));
                }
            }
        }

        return candidates;
    }

    /// <summary>Look-alike digits read as letters, then runs of one letter made one ("n1ikkee" → "nike").</summary>
    private static string Squash(string key)
    {
        var builder = new StringBuilder(key.Length);
        foreach (var raw in key)
        {
            var c = raw switch
            {
                '0' => 'o',
                '1' => 'i',
                '3' => 'e',
                '4' => 'a',
                '5' => 's',
                '7' => 't',
                _ => raw,
            };
            if (builder.Length == 0 || builder[^1] != c)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}

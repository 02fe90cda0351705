using System.Text;

namespace Marketplace.Domain.Trust;

/// <summary>How far a spelling is from a brand's (near misses of the counterfeit check).</summary>
public static class Spelling
{
    /// <summary>Look-alike digits read as letters, "l" as "i", then runs of one letter made one ("n1ikkee" → "nike").</summary>
    public static string Squash(string key)
    {
        var builder = new StringBuilder(key.Length);
        foreach (var raw in key)
        {
            var c = raw switch
            {
                '0' => 'o',
                '1' or 'l' => 'i',
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
    public static int Distance(string a, string b)
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

using System.IO.Compression;
using System.Text;

namespace Marketplace.Domain.Trust;

/// <summary>
/// Everyday words in English, French, Spanish and Portuguese (389,438 of them; sources and licences in
/// Trust/Words/NOTICE.md), so the counterfeit check can tell "nice bike" from "Nkie". Kept as one sorted buffer
/// (about 9 MB) searched by halves, loaded once on first use.
/// </summary>
public sealed class WordList
{
    private static readonly Lazy<WordList> _shipped = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _buffer;
    private readonly int[] _starts;

    private WordList(string buffer, int[] starts)
    {
        _buffer = buffer;
        _starts = starts;
    }

    /// <summary>The list shipped with the app.</summary>
    public static WordList Shipped => _shipped.Value;

    public int Count => _starts.Length - 1;

    /// <summary>A list of the given words (tests, and operators who bring their own).</summary>
    public static WordList Of(IEnumerable<string> words)
    {
        var sorted = words.Select(w => w.Trim().ToLowerInvariant()).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var builder = new StringBuilder();
        var starts = new int[sorted.Count + 1];
        for (var i = 0; i < sorted.Count; i++)
        {
            starts[i] = builder.Length;
            builder.Append(sorted[i]);
        }

        starts[^1] = builder.Length;
        return new WordList(builder.ToString(), starts);
    }

    /// <summary>
    /// Whether <paramref name="word"/> (lower case, no accents) is an everyday word, also when it only differs from
    /// one by a plural or verb ending the stem lists don't spell out ("couches", "bikes", "rolled").
    /// </summary>
    public bool IsWord(string word)
    {
        if (Has(word))
        {
            return true;
        }

        foreach (var ending in (ReadOnlySpan<string>)["s", "es", "ed", "ing", "er", "ers"])
        {
            if (word.Length > ending.Length + 2 && word.EndsWith(ending, StringComparison.Ordinal) && Has(word.AsSpan(0, word.Length - ending.Length)))
            {
                return true;
            }
        }

        return false;
    }

    private bool Has(ReadOnlySpan<char> word)
    {
        var low = 0;
        var high = Count - 1;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            var entry = _buffer.AsSpan(_starts[mid], _starts[mid + 1] - _starts[mid]);
            var order = entry.SequenceCompareTo(word);
            if (order == 0)
            {
                return true;
            }

            if (order < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return false;
    }

    private static WordList Load()
    {
        using var stream = typeof(WordList).Assembly.GetManifestResourceStream("Marketplace.Words.txt.gz")
            ?? throw new InvalidOperationException("The word list is missing from Marketplace.Domain.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var builder = new StringBuilder(4_000_000);
        var starts = new List<int>(400_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                starts.Add(builder.Length);
                builder.Append(line);
            }
        }

        starts.Add(builder.Length);
        return new WordList(builder.ToString(), [.. starts]);
    }
}

using Marketplace.Domain.Common;

namespace Marketplace.Domain.Catalog;

public enum QualityIssue
{
    TitleTooLong,
    TitleRepeatsWords,
    MissingRequiredSpecs,
    NoPhoto,
}

public sealed record QualityWarning(QualityIssue Issue, string Message)
{
    /// <summary>The message with {0}… where its values go: what pages translate.</summary>
    public string Template { get; init; } = Message;

    public IReadOnlyList<object> Arguments { get; init; } = [];

    /// <summary>The message as a text to show in the reader's language.</summary>
    public Text AsText => new(Template, Arguments);

    public static QualityWarning Of(QualityIssue issue, string template, params object[] arguments) =>
        new(issue, new Text(template, arguments).ToString()) { Template = template, Arguments = arguments };
}

/// <summary>
/// SPEC §1 listing quality warnings, shown to the seller and to admins: a keyword-stuffed title (too
/// long, or the same word over and over), required specs left out, no real photo.
/// </summary>
public static class ListingQuality
{
    /// <summary>Titles longer than this read as keyword lists on a phone.</summary>
    public const int LongTitle = 80;

    /// <summary>A word used this many times or more in one title is stuffing.</summary>
    public const int RepeatedWord = 3;

    private static readonly HashSet<string> _smallWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "and", "the", "for", "with", "of", "to", "in", "on", "or", "by", "x", "&", "-", "/",
    };

    public static IReadOnlyList<QualityWarning> Check(Listing listing, IEnumerable<string> requiredSpecKeys)
    {
        var warnings = new List<QualityWarning>();
        if (listing.Title.Length > LongTitle)
        {
            warnings.Add(QualityWarning.Of(QualityIssue.TitleTooLong, "The title has {0} characters; keep it under {1} so buyers can read it.", listing.Title.Length, LongTitle));
        }

        var repeated = listing.Title
            .Split([' ', ',', '/', '|', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !_smallWords.Contains(w))
            .GroupBy(w => w.ToLowerInvariant())
            .Where(g => g.Count() >= RepeatedWord)
            .Select(g => g.Key)
            .ToList();
        if (repeated.Count > 0)
        {
            warnings.Add(QualityWarning.Of(QualityIssue.TitleRepeatsWords, "The title repeats {0}: say it once.", string.Join(", ", repeated.Select(w => $"“{w}”"))));
        }

        var missing = requiredSpecKeys
            .Where(key => !listing.Specs.Any(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(s.Value)))
            .ToList();
        if (missing.Count > 0)
        {
            warnings.Add(QualityWarning.Of(QualityIssue.MissingRequiredSpecs, "This category needs: {0}.", string.Join(", ", missing)));
        }

        if (listing.Images.Count == 0)
        {
            warnings.Add(QualityWarning.Of(QualityIssue.NoPhoto, "Add at least one real photo of the product."));
        }

        return warnings;
    }
}

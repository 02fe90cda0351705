using System.Globalization;

namespace Marketplace.Domain.Trust;

/// <summary>
/// "Far below": the product line a title names and its reference, like with like (accessories, samples and items
/// made "for" the brand are not compared with its flagship).
/// </summary>
internal static class LineReference
{
    private static readonly string[] _compatible = [.. CounterfeitVocabulary.Compatible.Select(ListingTitle.FlatOf).Distinct()];
    private static readonly string[] _accessory = [.. CounterfeitVocabulary.Accessory.Concat(CounterfeitVocabulary.ShippedAccessoryWords.Words).Select(ListingTitle.FlatOf).Where(a => a.Length > 0).Distinct()];
    private static readonly string[] _accessoryEndings = [.. CounterfeitVocabulary.AccessoryEndings.Concat(CounterfeitVocabulary.ShippedAccessoryWords.Endings).Distinct()];
    private static readonly HashSet<string> _including = [.. CounterfeitVocabulary.Including];

    /// <summary>The reference the price is far below, for the product line the title names, or null.</summary>
    public static string? FarBelow(ListingToCheck listing, string flat, List<string> forms, BrandRef brand)
    {
        if (forms.Any(f => ForTheBrand(flat, f)))
        {
            return null;
        }

        var lines = brand.Lines.Where(l => l.Categories.Count == 0 || listing.Categories.Count == 0 || l.Categories.Intersect(listing.Categories, StringComparer.Ordinal).Any()).ToList();
        var named = lines
            .Select(l => (Line: l, Keyword: l.Keywords.Where(k => CounterfeitSignals.Mentions(flat, k)).MaxBy(k => k.Length)))
            .Where(m => m.Keyword is not null)
            .ToList();
        // An accessory title: an accessory word that doesn't come with the item ("with case") and isn't part of a
        // product's own name, a German compound ending in one, or a keyword of the brand's own accessory lines ("V8 filter").
        var accessory = _accessory.Any(a => ListingTitle.HasPhrase(flat, a) && !Included(flat, a) && !named.Any(m => !m.Line.Accessory && ListingTitle.HasPhrase(m.Keyword!, a)))
            || flat.Split(' ').Any(w => w.Length > 6 && _accessoryEndings.Any(e => w.EndsWith(e, StringComparison.Ordinal) && w != e))
            || named.Any(m => m.Line.Accessory && !Included(flat, m.Keyword!));

        // For an accessory, a line named by the accessory word itself ("sticker", "minifigure") says best what the item is.
        var byAccessoryWord = accessory ? named.Where(m => _accessory.Contains(m.Keyword!, StringComparer.Ordinal) && !Included(flat, m.Keyword!)).ToList() : [];
        var candidates = (byAccessoryWord.Count > 0 ? byAccessoryWord : named.Where(m => m.Line.Accessory == accessory))
            .OrderByDescending(m => m.Keyword!.Length).ThenBy(m => m.Line.Reference.Amount).Select(m => m.Line).ToList();
        var reference = candidates.FirstOrDefault()?.Reference
            ?? (brand.Lines.Count == 0 ? (accessory ? null : brand.ReferencePrice) : lines.Where(l => l.Keywords.Count == 0 && l.Accessory == accessory).MinBy(l => l.Reference.Amount)?.Reference);

        return reference is { } r && r.Currency == listing.Price.Currency && listing.Price.Amount < r.Amount * CounterfeitSignals.FarBelowShare ? r.ToString() : null;
    }

    /// <summary>"Case for Samsung", "compatible with iPhone", "für Apple Watch", "для iPhone", "适用于苹果": made for the brand's product.</summary>
    public static bool ForTheBrand(string flat, string form)
    {
        var at = ListingTitle.PhraseAt(flat, form, 0);
        if (at < 0)
        {
            return false;
        }

        var before = flat[..at];
        if (form.Any(ListingTitle.IsHan))
        {
            return _compatible.Any(c => c.Any(ListingTitle.IsHan) && before.Contains(c, StringComparison.Ordinal));
        }

        var last = string.Join(' ', before.Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeLast(3));
        return _compatible.Any(c => ListingTitle.HasPhrase(last, c));
    }

    /// <summary>Whether the accessory comes with the item ("with box", "mit Box", "con caja", "带盒").</summary>
    private static bool Included(string flat, string accessory)
    {
        var at = ListingTitle.PhraseAt(flat, accessory, 0);
        var before = flat[..Math.Max(0, at)].Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeLast(3);
        return before.Any(_including.Contains) || (accessory.Any(ListingTitle.IsHan) && at > 0 && _including.Contains(flat[at - 1].ToString(CultureInfo.InvariantCulture)));
    }
}

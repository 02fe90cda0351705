namespace Marketplace.Domain.Trust;

/// <summary>Imitation wording with a brand (<see cref="CounterfeitVocabulary"/>), in a title's <see cref="ListingTitle.Flat"/> form.</summary>
internal static class ImitationWording
{
    private static readonly string[] _replica = [.. CounterfeitVocabulary.Replica.Select(ListingTitle.FlatOf).Distinct()];
    private static readonly string[] _nextToBrand = [.. CounterfeitVocabulary.NextToBrand.Select(ListingTitle.FlatOf).Distinct()];
    private static readonly HashSet<string> _negations = [.. CounterfeitVocabulary.Negations];
    private static readonly HashSet<string> _honestThirdParty = [.. CounterfeitVocabulary.HonestThirdParty.Select(ListingTitle.FlatOf)];

    /// <summary>Whether the wording is what a maker of parts says honestly ("not original", "аналог").</summary>
    public static bool IsHonestAboutAPart(string wording) => _honestThirdParty.Contains(wording);

    /// <summary>
    /// Imitation wording anywhere (not denied: "not a replica"), or style words right next to the brand. Style words count
    /// only in the brand's own categories (<paramref name="styleWords"/>): a "Tiffany-style lamp" is a kind of lamp.
    /// </summary>
    public static string? Find(string flat, List<string> forms, BrandRef brand, bool styleWords = true)
    {
        foreach (var phrase in _replica)
        {
            // "UA" (unauthorised authentic) is also Under Armour's own short name.
            var notHere = (phrase == "aaa" && Battery(flat)) || (phrase == "ua" && brand.Key == "underarmour");
            if (ListingTitle.HasPhrase(flat, phrase) && !Denied(flat, phrase) && !notHere)
            {
                return phrase;
            }
        }

        foreach (var form in styleWords ? forms : [])
        {
            foreach (var word in _nextToBrand)
            {
                var han = form.Any(ListingTitle.IsHan);
                if (ListingTitle.HasPhrase(flat, form + " " + word) || (han && flat.Contains(form + word, StringComparison.Ordinal)))
                {
                    return form + " " + word;
                }

                if (ListingTitle.HasPhrase(flat, word + " " + form) || (han && flat.Contains(word + form, StringComparison.Ordinal)))
                {
                    return word + " " + form;
                }
            }
        }

        return null;
    }

    private static readonly string[] _jargon = [.. CounterfeitVocabulary.TradeJargon.Select(ListingTitle.FlatOf).Distinct()];
    private static readonly string[] _fakedGoods = ["fashion", "beauty-health", "electronics", "phone-accessories"];

    /// <summary>
    /// Imitation wording with no registered brand: the counterfeit trade's jargon ("mirror quality", "高仿"), not denied,
    /// for the kinds of goods that are faked ("mirror quality" polish and steel sheets are honest).
    /// </summary>
    public static string? WithoutBrand(string flat, IReadOnlyList<string> categories) =>
        !categories.Any(c => _fakedGoods.Contains(c)) ? null : _jargon.FirstOrDefault(phrase => ListingTitle.HasPhrase(flat, phrase) && !Denied(flat, phrase) && !(phrase == "高仿" && flat.Contains("高仿真", StringComparison.Ordinal)));

    private static readonly string[] _batteries = ["batter", "pila", "akku", "батаре", "电池"];

    private static bool Battery(string flat) => _batteries.Any(w => flat.Contains(w, StringComparison.Ordinal));

    /// <summary>Whether every time the phrase appears (as whole words), one of the two words before it denies it.</summary>
    private static bool Denied(string flat, string phrase)
    {
        for (var start = ListingTitle.PhraseAt(flat, phrase, 0); start >= 0; start = ListingTitle.PhraseAt(flat, phrase, start + phrase.Length))
        {
            var before = flat[..start];
            var denied = phrase.Any(ListingTitle.IsHan)
                ? _negations.Any(n => n.Any(ListingTitle.IsHan) && before.TrimEnd().EndsWith(n, StringComparison.Ordinal))
                : before.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w is not ("a" or "an" or "un" or "une" or "uma" or "um" or "una" or "eine" or "ein" or "100" or "%")).TakeLast(2).Any(_negations.Contains);
            if (!denied)
            {
                return false;
            }
        }

        return true;
    }
}

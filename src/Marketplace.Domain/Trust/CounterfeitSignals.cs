using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Marketplace.Domain.Common;

namespace Marketplace.Domain.Trust;

/// <summary>A product line of a brand with what a genuine one usually costs at least (admin-kept).</summary>
/// <param name="Keywords">Words that name the line in a title, in <see cref="ListingTitle.Flat"/>'s form (<see cref="ListingTitle.FlatOf"/>); empty for "anything else of the brand in these categories".</param>
/// <param name="Categories">Category slugs the line belongs to; empty for any.</param>
/// <param name="Accessory">The brand's own accessories (chargers, straps): compared only with accessory titles.</param>
public sealed record BrandLineRef(string Name, IReadOnlyList<string> Keywords, IReadOnlyList<string> Categories, Money Reference, bool Accessory);

/// <summary>What the registry needs of a brand for the check.</summary>
/// <param name="ReferencePrice">The brand-wide reference, used only when the brand has no <see cref="Lines"/>.</param>
public sealed record BrandRef(string Name, string Key, Money? ReferencePrice)
{
    /// <summary>The brand's names in other scripts and spellings ("耐克", "Найк").</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Category slugs the brand sells in; empty for any.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<BrandLineRef> Lines { get; init; } = [];
}

public enum CounterfeitKind
{
    NearMiss,
    LookAlike,
    Replica,
    FarBelow,
}

/// <summary>A reason a listing waits for review before it goes live.</summary>
public sealed record CounterfeitFlag(string Brand, string Found, CounterfeitKind Kind)
{
    public bool NearMiss => Kind == CounterfeitKind.NearMiss;

    public string Describe() => Kind switch
    {
        CounterfeitKind.NearMiss => $"The title looks like the brand “{Brand}” but is spelled “{Found}”.",
        CounterfeitKind.LookAlike => $"The title writes the brand “{Brand}” with look-alike letters, symbols or hidden characters (it reads “{Found}”).",
        CounterfeitKind.Replica => $"The title names “{Brand}” with imitation wording (“{Found}”).",
        _ => $"“{Brand}” items usually cost at least {Found}; this one is priced far below that.",
    };
}

/// <summary>A listing as the check sees it: its title, price and category (with the category's parents), as slugs.</summary>
public sealed record ListingToCheck(string Title, Money Price, IReadOnlyList<string> Categories);

/// <summary>
/// Counterfeit signals when a listing is published (SPEC §5), for registered brands:
/// <list type="bullet">
/// <item>look-alikes: the brand written with letters of another script, full-width or hidden characters, symbols or
/// digits for letters, or letters spaced out ("Nіkе", "R0lex", "G.u.c.c.i");</item>
/// <item>near-miss spellings ("Addidas", "Nkie", "Louis Vuiton"), unless the word is an everyday word of the shipped
/// <see cref="WordList"/> (then only with one of the brand's own product words in the title), and only in the
/// brand's own categories;</item>
/// <item>imitation wording with the brand ("AAA replica", "1:1", "Rolex-style", "réplica", "Nachbildung", "реплика", "高仿");</item>
/// <item>far below what a genuine item of the same product line costs (<see cref="FarBelowShare"/>); accessories
/// ("case for iPhone", "Apple Watch band") are not judged against the brand's flagship.</item>
/// </list>
/// </summary>
public static class CounterfeitSignals
{
    /// <summary>Below this share of the reference price, a branded item is "far below" it.</summary>
    public const double FarBelowShare = 0.5;

    private static readonly string[] _replica = [.. CounterfeitVocabulary.Replica.Select(ListingTitle.FlatOf).Distinct()];
    private static readonly string[] _nextToBrand = [.. CounterfeitVocabulary.NextToBrand.Select(ListingTitle.FlatOf).Distinct()];
    private static readonly HashSet<string> _negations = [.. CounterfeitVocabulary.Negations];
    private static readonly string[] _compatible = [.. CounterfeitVocabulary.Compatible.Select(ListingTitle.FlatOf).Distinct()];
    private static readonly string[] _accessory = [.. CounterfeitVocabulary.Accessory.Concat(CounterfeitVocabulary.ShippedAccessoryWords.Words).Select(ListingTitle.FlatOf).Where(a => a.Length > 0).Distinct()];
    private static readonly string[] _accessoryEndings = [.. CounterfeitVocabulary.AccessoryEndings.Concat(CounterfeitVocabulary.ShippedAccessoryWords.Endings).Distinct()];
    private static readonly HashSet<string> _including = [.. CounterfeitVocabulary.Including];
    private static readonly HashSet<string> _honestThirdParty = [.. CounterfeitVocabulary.HonestThirdParty.Select(ListingTitle.FlatOf)];
    private static readonly ConditionalWeakTable<IReadOnlyCollection<BrandRef>, Dictionary<BrandRef, List<ProductName>>> _productNames = [];

    /// <summary>The brand's key: lower-case letters and digits only ("Ray-Ban" → "rayban", "Hermès" → "hermes").</summary>
    public static string KeyOf(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormKD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The check with the shipped word list and no category (kept for callers that know only title and price).</summary>
    public static IReadOnlyList<CounterfeitFlag> Check(string title, Money price, IReadOnlyCollection<BrandRef> brands) =>
        Check(new ListingToCheck(title, price, []), brands, WordList.Shipped);

    public static IReadOnlyList<CounterfeitFlag> Check(ListingToCheck listing, IReadOnlyCollection<BrandRef> brands, WordList words)
    {
        var title = ListingTitle.Read(listing.Title);
        var flat = title.Flat;
        var registered = brands.SelectMany(b => b.Aliases.Select(ListingTitle.KeyOf).Append(b.Key)).ToHashSet(StringComparer.Ordinal);
        var productNames = _productNames.GetValue(brands, b => ProductNames(b, words));
        var flags = new List<CounterfeitFlag>();
        foreach (var brand in brands)
        {
            var inCategory = listing.Categories.Count == 0 || brand.Categories.Count == 0 || brand.Categories.Intersect(listing.Categories, StringComparer.Ordinal).Any();
            var forms = HonestForms(title, brand);
            if (forms.Count == 0)
            {
                if (LookAlike(title, brand, words) is { } lookAlike)
                {
                    flags.Add(new CounterfeitFlag(brand.Name, lookAlike, CounterfeitKind.LookAlike));
                    continue;
                }

                if (inCategory && NearMissIn(title, flat, brand, registered, productNames[brand], words) is { } near)
                {
                    flags.Add(new CounterfeitFlag(brand.Name, near, CounterfeitKind.NearMiss));
                    continue;
                }
            }

            // Named plainly, or by a product name only it makes ("iPhone", "Air Jordan").
            var byProduct = ProductNamed(flat, productNames[brand]);
            if (forms.Count == 0 && byProduct.Count == 0)
            {
                continue;
            }

            // A part made "for" the brand may say so honestly ("battery for Dyson V8, not original", "пульт для Samsung, аналог").
            var brandIsWord = words.IsWord(brand.Key);
            var wording = inCategory || !brandIsWord || byProduct.Count > 0 ? ReplicaWording(flat, [.. forms, .. byProduct], brand) : null;
            var honestPart = wording is not null && _honestThirdParty.Contains(wording) && forms.Count > 0 && forms.All(f => ForTheBrand(flat, f));
            if (wording is not null && !honestPart)
            {
                flags.Add(new CounterfeitFlag(brand.Name, wording, CounterfeitKind.Replica));
            }
            else if (FarBelow(listing, flat, [.. forms, .. byProduct], brand) is { } reference)
            {
                flags.Add(new CounterfeitFlag(brand.Name, reference, CounterfeitKind.FarBelow));
            }
        }

        return flags;
    }

    /// <summary>
    /// A spelling meant to read as the brand: the same after undoing look-alike digits, "l" for "i" and doubled letters
    /// ("N1kee", "Nlke"), or one edit away (a swap counts as one) for names of 4+ letters starting with the same letter
    /// ("Nkie", "Sansung"), two for 8+ letters ("Louis Vuiton").
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

        var allowed = brand.Length >= 8 ? 2 : brand.Length >= 4 ? 1 : 0;
        if (allowed == 0 || Math.Abs(candidate.Length - brand.Length) > allowed || (brand.Length <= 5 && candidate[0] != brand[0]))
        {
            return false;
        }

        return Distance(candidate, brand) <= allowed;
    }

    /// <summary>A keyword only one brand's lines have, and whether it names the brand alone (<see cref="Distinctive"/>).</summary>
    private sealed record ProductName(string Keyword, BrandLineRef Line, bool Distinctive);

    /// <summary>
    /// Product names that say the brand without naming it ("iPhone", "Air Jordan 1", "PlayStation 5", "AirPods"): the
    /// keywords of one brand's lines that no other brand has. One that is not an everyday word names the brand alone;
    /// everyday ones ("submariner", "date") only two of the same line together ("Submariner Date 126610LN").
    /// </summary>
    private static Dictionary<BrandRef, List<ProductName>> ProductNames(IReadOnlyCollection<BrandRef> brands, WordList words)
    {
        var owners = brands.SelectMany(b => b.Lines.SelectMany(l => l.Keywords.Select(k => (Keyword: k, Brand: b, Line: l))))
            .GroupBy(p => p.Keyword, StringComparer.Ordinal)
            .Where(g => g.Select(p => p.Brand).Distinct().Count() == 1 && g.Key.Length >= 4)
            .Select(g => (g.First().Brand, Name: new ProductName(g.Key, g.First().Line, Distinctive(g.Key.Split(' '), words))))
            .ToList();
        var byBrand = owners.ToLookup(o => o.Brand, o => o.Name);
        return brands.ToDictionary(b => b, b => byBrand[b].ToList());
    }

    /// <summary>The product names the title mentions that say the brand.</summary>
    private static List<string> ProductNamed(string flat, List<ProductName> names)
    {
        var found = names.Where(n => Mentions(flat, n.Keyword)).ToList();
        var together = found.Where(n => !n.Distinctive).GroupBy(n => n.Line).Where(g => g.Select(n => n.Keyword).Distinct().Count() >= 2).SelectMany(g => g);
        return found.Where(n => n.Distinctive).Concat(together).Select(n => n.Keyword).Distinct().ToList();
    }

    /// <summary>The title holds the keyword as words; a model number also as the start of one ("126610" in "126610LN", "990" in "990v6").</summary>
    private static bool Mentions(string flat, string keyword) =>
        ListingTitle.HasPhrase(flat, keyword)
        || (keyword.Length >= 3 && keyword.All(char.IsAsciiDigit) && flat.Split(' ').Any(w => w.Length > keyword.Length && w.StartsWith(keyword, StringComparison.Ordinal) && !char.IsAsciiDigit(w[keyword.Length])));

    /// <summary>
    /// A Latin word that is no everyday word ("iphone", "s24", "airpods"; not a German category noun such as
    /// "haartrockner", which the word list lacks), or a name with a model number ("jordan 1", "air force 1").
    /// </summary>
    private static bool Distinctive(string[] parts, WordList words) =>
        parts.Any(w => w.Length >= 3 && w.Any(char.IsAsciiLetter) && w.All(char.IsAsciiLetterOrDigit) && !words.IsWord(w)
            && !CounterfeitVocabulary.GermanCategoryEndings.Any(e => w.EndsWith(e, StringComparison.Ordinal)))
        || (parts.Length >= 2 && parts.Any(w => w.All(char.IsAsciiDigit)) && parts.Any(w => w.Length >= 4 && w.All(char.IsLetter)));

    /// <summary>
    /// Where the title names the brand as it is spelled, each as it reads in <see cref="ListingTitle.Flat"/> ("ray ban", "rayban",
    /// "耐克"): one word, or as many words as the name has, written plainly.
    /// </summary>
    private static List<string> HonestForms(ListingTitle title, BrandRef brand)
    {
        var forms = new List<string>();
        foreach (var name in brand.Aliases.Prepend(brand.Name))
        {
            var key = ListingTitle.KeyOf(name);
            if (key.Length == 0)
            {
                continue;
            }

            if (key.Any(ListingTitle.IsHan))
            {
                if (title.Text.Contains(key, StringComparison.Ordinal))
                {
                    forms.Add(key);
                }

                continue;
            }

            var nameWords = ListingTitle.FlatOf(name).Split(' ').Length;
            int[] sizes = nameWords == 1 ? [1] : [1, nameWords];
            var words = title.Words;
            for (var i = 0; i < words.Count; i++)
            {
                foreach (var n in sizes)
                {
                    if (i + n > words.Count)
                    {
                        continue;
                    }

                    var span = words.Skip(i).Take(n).ToList();
                    var joined = string.Concat(span.Select(w => w.Key));
                    // Two-letter names ("LV", "MK", "Mi") count only in capitals: "mi" is Spanish for "my".
                    var plain = span.All(w => w.Clean) && (n == 1 || span.Any(w => w.Key.Length > 1))
                        && (key.Length > 2 || span.All(w => !w.Text.Any(char.IsLower)));
                    if (plain && (joined == key || joined == key + "s"))
                    {
                        forms.Add(ListingTitle.FlatOf(string.Join(' ', span.Select(w => w.Text))));
                    }
                }
            }
        }

        return forms;
    }

    /// <summary>The brand read only once the tricks are undone ("Nіkе" with Cyrillic letters, "R0lex", "N I K E", "G.u.c.c.i").</summary>
    private static string? LookAlike(ListingTitle title, BrandRef brand, WordList words)
    {
        var keys = brand.Aliases.Select(ListingTitle.KeyOf).Append(brand.Key).Where(k => k.Length >= 3 && !k.Any(ListingTitle.IsHan)).ToHashSet(StringComparer.Ordinal);
        var folded = title.Folded;
        for (var i = 0; i < folded.Count; i++)
        {
            for (var n = 1; n <= 4 && i + n <= folded.Count; n++)
            {
                var span = folded.Skip(i).Take(n).ToList();
                var joined = string.Concat(span);
                if (!keys.Contains(joined) && !keys.Contains(joined.EndsWith('s') ? joined[..^1] : joined))
                {
                    continue;
                }

                // Words that happen to join into a name ("can on") are not a trick.
                if (n > 1 && span.All(w => w.Length > 2 && words.IsWord(w)))
                {
                    continue;
                }

                return string.Join(' ', span);
            }
        }

        // Letters the NFKC form hides (full-width "Ｎｉｋｅ", zero-width characters inside the name).
        foreach (var word in title.Words.Where(w => !w.Clean))
        {
            var key = KeyOf(word.Text.Normalize(NormalizationForm.FormKC));
            if (keys.Contains(key) || keys.Contains(key.EndsWith('s') ? key[..^1] : key))
            {
                return word.Text;
            }
        }

        return null;
    }

    private static string? NearMissIn(ListingTitle title, string flat, BrandRef brand, HashSet<string> registered, List<ProductName> productNames, WordList words)
    {
        var folded = title.Folded;
        var nameWords = Math.Min(3, ListingTitle.FlatOf(brand.Name).Split(' ').Length + 1);
        for (var i = 0; i < folded.Count; i++)
        {
            for (var n = 1; n <= nameWords && i + n <= folded.Count; n++)
            {
                var span = folded.Skip(i).Take(n).ToList();
                var candidate = string.Concat(span);
                if (candidate.Length < 4 || registered.Contains(candidate) || registered.Contains(candidate.EndsWith('s') ? candidate[..^1] : candidate)
                    || !IsNearMiss(candidate, brand.Key))
                {
                    continue;
                }

                // An everyday word reads as the brand only next to the brand's own product words ("Channel flap bag"),
                // and for names under 6 letters only next to its product names ("Boes QuietComfort"; never "nice shoes").
                // Names of 4–5 letters are one edit from many words of languages the list lacks ("Filz" and Fila):
                // an edited spelling counts only next to one of the brand's product words ("Nkie Air Max", "Pmua Suede").
                var edited = Squash(candidate) != Squash(brand.Key);
                if (edited && brand.Key.Length <= 5 && brand.Lines.Count > 0 && !brand.Lines.Any(l => l.Keywords.Any(k => Mentions(flat, k))))
                {
                    continue;
                }

                var everyday = n == 1 ? words.IsWord(candidate) : words.IsWord(candidate) || span.All(w => w.Length <= 3);
                var context = brand.Key.Length >= 6
                    ? brand.Lines.Any(l => l.Keywords.Any(k => Mentions(flat, k)))
                    : ProductNamed(flat, productNames).Count > 0;
                if (everyday && !context)
                {
                    continue;
                }

                return AsTyped(title, candidate) ?? string.Join(' ', span);
            }
        }

        return null;
    }

    /// <summary>The words of the title that make <paramref name="key"/>, as the seller typed them ("Addidas", "Louis Vuiton").</summary>
    private static string? AsTyped(ListingTitle title, string key)
    {
        var words = title.Words;
        for (var i = 0; i < words.Count; i++)
        {
            var joined = string.Empty;
            for (var j = i; j < words.Count && joined.Length < key.Length; j++)
            {
                joined += words[j].Key;
                if (joined == key)
                {
                    return string.Join(' ', words.Skip(i).Take(j - i + 1).Select(w => w.Text));
                }
            }
        }

        return null;
    }

    /// <summary>Imitation wording anywhere (not denied: "not a replica"), or style words right next to the brand.</summary>
    private static string? ReplicaWording(string flat, List<string> forms, BrandRef brand)
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

        foreach (var form in forms)
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

    /// <summary>The reference the price is far below, for the product line the title names, or null.</summary>
    private static string? FarBelow(ListingToCheck listing, string flat, List<string> forms, BrandRef brand)
    {
        if (forms.Any(f => ForTheBrand(flat, f)))
        {
            return null;
        }

        var lines = brand.Lines.Where(l => l.Categories.Count == 0 || listing.Categories.Count == 0 || l.Categories.Intersect(listing.Categories, StringComparer.Ordinal).Any()).ToList();
        var named = lines
            .Select(l => (Line: l, Keyword: l.Keywords.Where(k => Mentions(flat, k)).MaxBy(k => k.Length)))
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

        return reference is { } r && r.Currency == listing.Price.Currency && listing.Price.Amount < r.Amount * FarBelowShare ? r.ToString() : null;
    }

    /// <summary>"Case for Samsung", "compatible with iPhone", "für Apple Watch", "для iPhone", "适用于苹果": made for the brand's product.</summary>
    private static bool ForTheBrand(string flat, string form)
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

    /// <summary>Look-alike digits read as letters, "l" as "i", then runs of one letter made one ("n1ikkee" → "nike").</summary>
    private static string Squash(string key)
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

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
        CounterfeitKind.Replica when Brand.Length == 0 => $"The title describes the item as an imitation (“{Found}”).",
        CounterfeitKind.Replica => $"The title names “{Brand}” with imitation wording (“{Found}”).",
        CounterfeitKind.FarBelow => $"“{Brand}” items usually cost at least {Found}; this one is priced far below that.",
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
            if (inCategory && HanNearMiss(title, flat, brand, forms, productNames[brand]) is { } hanNear)
            {
                flags.Add(new CounterfeitFlag(brand.Name, hanNear, CounterfeitKind.NearMiss));
                continue;
            }

            if (forms.Count == 0 && inCategory && SpacedHan(title, brand) is { } spaced)
            {
                flags.Add(new CounterfeitFlag(brand.Name, spaced, CounterfeitKind.LookAlike));
                continue;
            }

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
            var wording = inCategory || !brandIsWord || byProduct.Count > 0 ? ImitationWording.Find(flat, [.. forms, .. byProduct], brand, styleWords: inCategory) : null;
            var honestPart = wording is not null && ImitationWording.IsHonestAboutAPart(wording) && forms.Count > 0 && forms.All(f => LineReference.ForTheBrand(flat, f));
            if (wording is not null && !honestPart)
            {
                flags.Add(new CounterfeitFlag(brand.Name, wording, CounterfeitKind.Replica));
            }
            else if (LineReference.FarBelow(listing, flat, [.. forms, .. byProduct], brand) is { } reference)
            {
                flags.Add(new CounterfeitFlag(brand.Name, reference, CounterfeitKind.FarBelow));
            }
        }

        // The trade's own words for "fake" need no brand the registry knows ("tote bag, mirror quality", "高仿 手表").
        if (flags.Count == 0 && ImitationWording.WithoutBrand(flat, listing.Categories) is { } jargon)
        {
            flags.Add(new CounterfeitFlag(string.Empty, jargon, CounterfeitKind.Replica));
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

        if (Spelling.Squash(candidate) == Spelling.Squash(brand))
        {
            return true;
        }

        var allowed = brand.Length >= 8 ? 2 : brand.Length >= 4 ? 1 : 0;
        if (allowed == 0 || Math.Abs(candidate.Length - brand.Length) > allowed || (brand.Length <= 5 && candidate[0] != brand[0]))
        {
            return false;
        }

        return Spelling.Distance(candidate, brand) <= allowed;
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
    internal static bool Mentions(string flat, string keyword) =>
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
                    // A plural ("Nikes"), but not a doubled last letter ("Adidass", "Vanss": a near miss).
                    if (plain && (joined == key || Singular(joined) == key))
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
                if (!keys.Contains(joined) && !keys.Contains(Singular(joined)))
                {
                    continue;
                }

                // Words that happen to join into a name ("can on") are not a trick, unless their letters were ("Rαy-Bαn").
                if (n > 1 && span.All(w => w.Length > 2 && words.IsWord(w)) && title.Words.All(w => w.Clean))
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
            if (keys.Contains(key) || keys.Contains(Singular(key)))
            {
                return word.Text;
            }
        }

        return null;
    }

    private static string? NearMissIn(ListingTitle title, string flat, BrandRef brand, HashSet<string> registered, List<ProductName> productNames, WordList words)
    {
        // The brand's own spelling, and its names in other alphabets ("Адидос" for "Адидас", "Шанэль" for "Шанель").
        var targets = brand.Aliases.Select(ListingTitle.KeyOf).Where(k => k.Length >= 4 && k.All(c => c is >= 'а' and <= 'я' or 'ё')).Prepend(brand.Key).Distinct().ToList();
        var folded = title.Folded;
        var nameWords = Math.Min(3, ListingTitle.FlatOf(brand.Name).Split(' ').Length + 1);
        var lineNamed = LineNamed(flat, brand);
        var named = NamedOnlyByBrand(flat, productNames);
        for (var i = 0; i < folded.Count; i++)
        {
            for (var n = 1; n <= nameWords && i + n <= folded.Count; n++)
            {
                var span = folded.Skip(i).Take(n).ToList();
                var candidate = string.Concat(span);
                foreach (var target in targets)
                {
                    if (NearMissOf(candidate, span, target, brand, registered, words, lineNamed, named))
                    {
                        return AsTyped(title, candidate) ?? string.Join(' ', span);
                    }
                }
            }
        }

        return null;
    }

    /// <param name="lineNamed">One of the brand's lines is named in the title (<see cref="LineNamed"/>).</param>
    /// <param name="named">A product name only the brand makes is in the title (<see cref="NamedOnlyByBrand"/>).</param>
    private static bool NearMissOf(string candidate, List<string> span, string target, BrandRef brand, HashSet<string> registered, WordList words, bool lineNamed, bool named)
    {
        // A three-letter name with two letters swapped ("JLB Charge 5") only next to one of the brand's lines.
        if (target.Length == 3 && span.Count == 1 && candidate.Length == 3 && candidate != target && candidate[0] == target[0]
            && candidate.Order().SequenceEqual(target.Order()) && lineNamed && !registered.Contains(candidate) && !words.IsWord(candidate))
        {
            return true;
        }

        if (candidate.Length < 4 || registered.Contains(candidate) || registered.Contains(Singular(candidate)))
        {
            return false;
        }

        var everyday = span.Count == 1 ? words.IsWord(candidate) : words.IsWord(candidate) || span.All(w => w.Length <= 3);
        var cyrillic = target[0] is >= 'а' and <= 'я';
        // The word list has no Russian: a Cyrillic spelling counts only next to one of the brand's lines, and an
        // inflected name ("Самсунга", "Адидасы") is the brand named honestly.
        if (cyrillic && (!lineNamed || candidate.StartsWith(target, StringComparison.Ordinal)))
        {
            return false;
        }

        if (!IsNearMiss(candidate, target)
            // "M" for "N" only, next to a name only the brand makes ("Mike Air Max 270").
            && !(named && candidate.Length == target.Length && candidate.Length >= 4 && candidate[1..] == target[1..] && (candidate[0], target[0]) is ('m', 'n') or ('n', 'm'))
            // One run of vowels spelled another way in a long name of five consonants or more, one word that is no everyday
            // word, next to one of the brand's lines ("Monclair Maya"; "Hawaii" and "Болгария" have too few consonants).
            && !(target.Length >= 6 && span.Count == 1 && !everyday && lineNamed && candidate[0] == target[0]
                && VowelsAsOne(candidate) == VowelsAsOne(target) && VowelsAsOne(target).Count(c => c != '*') >= 5))
        {
            return false;
        }

        // An everyday word reads as the brand only next to the brand's own product words ("Channel flap bag"),
        // and for names under 6 letters only next to its product names ("Boes QuietComfort"; never "nice shoes").
        // Names of 4–5 letters are one edit from many words of languages the list lacks ("Filz" and Fila):
        // an edited spelling counts only next to one of the brand's product words ("Nkie Air Max", "Pmua Suede").
        var edited = Spelling.Squash(candidate) != Spelling.Squash(target);
        if (edited && target.Length <= 5 && brand.Lines.Count > 0 && !lineNamed)
        {
            return false;
        }

        // A product name of several words only the brand makes ("Beets Studio Pro", "Prado Re-Edition") is context too.
        var context = target.Length >= 6 ? lineNamed : named;
        return !everyday || context;
    }

    /// <summary>
    /// A Chinese name written one character at a time, with spaces or dots between ("香 奈 儿", "劳.力.士"): each character
    /// its own piece, so two words that happen to join into a name ("偏小 米色" and 小米) are not one.
    /// </summary>
    private static string? SpacedHan(ListingTitle title, BrandRef brand)
    {
        var pieces = title.Text.Split([' ', '.', '·', '-', '_', '*', '/'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var han in HanNames(brand))
        {
            for (var i = 0; i + han.Length <= pieces.Length; i++)
            {
                if (Enumerable.Range(0, han.Length).All(k => pieces[i + k].Length == 1 && pieces[i + k][0] == han[k]))
                {
                    return string.Join(' ', han.ToCharArray());
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A Chinese name with one character changed ("耐客" for 耐克, "劳立士" for 劳力士, "阿迪达丝" for 阿迪达斯), the first kept,
    /// written as a word of its own (no Chinese character right before or after it: "加拿大进口" is not 加拿大鹅, "三色可选" is
    /// not 三星), in the brand's categories, next to one of the brand's lines, and only when the title doesn't name the
    /// brand in any script; a two-character one ("小米" is one change from many words) only next to a name only the brand
    /// makes ("耐客 Air Max").
    /// </summary>
    private static string? HanNearMiss(ListingTitle title, string flat, BrandRef brand, List<string> forms, List<ProductName> productNames)
    {
        var text = title.Text;
        foreach (var alias in HanNames(brand))
        {
            var context = alias.Length == 2 ? NamedOnlyByBrand(flat, productNames) : LineNamed(flat, brand);
            // Named in Latin or Cyrillic, or in Chinese as long ("阿迪" inside "阿迪达丝" is not the brand named).
            if (!context || forms.Any(f => !f.All(ListingTitle.IsHan) || f.Length >= alias.Length))
            {
                continue;
            }

            for (var i = 0; i + alias.Length <= text.Length; i++)
            {
                if (text[i] != alias[0])
                {
                    continue;
                }

                var window = text.Substring(i, alias.Length);
                var differ = Enumerable.Range(0, alias.Length).Count(k => window[k] != alias[k]);
                var alone = (i == 0 || !ListingTitle.IsHan(text[i - 1])) && (i + alias.Length == text.Length || !ListingTitle.IsHan(text[i + alias.Length]));
                if (differ == 1 && alone && window.All(ListingTitle.IsHan))
                {
                    return window;
                }
            }
        }

        return null;
    }

    /// <summary>The brand's Chinese names ("耐克", "阿迪达斯").</summary>
    private static IEnumerable<string> HanNames(BrandRef brand) => brand.Aliases.Select(ListingTitle.KeyOf).Where(k => k.Length >= 2 && k.All(ListingTitle.IsHan));

    /// <summary>A product name only the brand makes: a distinctive one (<see cref="ProductNamed"/>) or one of several words ("air max", "studio pro").</summary>
    private static bool NamedOnlyByBrand(string flat, List<ProductName> productNames) =>
        ProductNamed(flat, productNames).Count > 0 || productNames.Any(p => p.Keyword.Contains(' ', StringComparison.Ordinal) && Mentions(flat, p.Keyword));

    /// <summary>One of the brand's product lines named in the title; a keyword that starts with the brand counts without it ("charge 5" for "jbl charge 5").</summary>
    private static bool LineNamed(string flat, BrandRef brand)
    {
        var name = ListingTitle.FlatOf(brand.Name) + " ";
        return brand.Lines.Any(l => l.Keywords.Any(k => Mentions(flat, k) || (k.StartsWith(name, StringComparison.Ordinal) && Mentions(flat, k[name.Length..]))));
    }

    /// <summary>Without a plural "s" ("nikes" → "nike"); a name's own last "s" doubled is no plural ("adidass" stays).</summary>
    private static string Singular(string key) => key.Length > 1 && key[^1] == 's' && key[^2] != 's' ? key[..^1] : key;

    /// <summary>Each run of vowels as one "*" ("moncler" and "monclair" → "m*ncl*r"; "carteira" is not "cartier").</summary>
    private static string VowelsAsOne(string key)
    {
        var builder = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            var vowel = "aeiouyаеёиоуыэюя".Contains(c, StringComparison.Ordinal);
            if (!vowel)
            {
                builder.Append(c);
            }
            else if (builder.Length == 0 || builder[^1] != '*')
            {
                builder.Append('*');
            }
        }

        return builder.ToString();
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
}

using Marketplace.Domain.Common;

namespace Marketplace.Domain.Trust;

/// <summary>
/// A brand in the registry admins keep (SPEC §5): its name, its names in other scripts, the categories it sells in,
/// and per product line what a genuine item usually costs at least.
/// </summary>
public sealed class Brand
{
    public const int MaxLines = 20;

    private readonly List<BrandLine> _lines = [];

    private Brand()
    {
        Name = string.Empty;
        Key = string.Empty;
    }

    public Brand(string name, Money? referencePrice, DateTimeOffset now)
    {
        Id = Ids.New();
        Name = string.Empty;
        Key = string.Empty;
        Update(name, referencePrice, now);
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>The name as the check compares it: lower-case letters and digits only ("Ray-Ban" → "rayban").</summary>
    public string Key { get; private set; }

    /// <summary>The lowest usual price of a genuine item, in minor units of <see cref="ReferenceCurrency"/>.</summary>
    public long? ReferenceAmount { get; private set; }

    public string? ReferenceCurrency { get; private set; }

    /// <summary>A branded listing far below this price waits for review.</summary>
    public Money? ReferencePrice => ReferenceAmount is { } amount ? new Money(amount, ReferenceCurrency!) : null;

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Other names, '|' between them ("耐克|Найк").</summary>
    public string Aliases { get; private set; } = string.Empty;

    /// <summary>Category slugs the brand sells in, ',' between them; empty for any.</summary>
    public string Categories { get; private set; } = string.Empty;

    public IReadOnlyList<BrandLine> Lines => _lines;

    /// <summary>Sets the other names and categories (each list cleaned of blanks and repeats).</summary>
    public void Describe(IEnumerable<string> aliases, IEnumerable<string> categories, DateTimeOffset now)
    {
        Aliases = Join(aliases, '|', 400);
        Categories = Join(categories, ',', 400);
        UpdatedAt = now;
    }

    public BrandLine AddLine(string name, IEnumerable<string> keywords, IEnumerable<string> categories, Money reference, bool accessory, DateTimeOffset now)
    {
        if (_lines.Count >= MaxLines)
        {
            throw new InvalidOperationException($"A brand has at most {MaxLines} product lines.");
        }

        var line = new BrandLine(Id, name, Join(keywords, '|', 1000), Join(categories, ',', 400), reference, accessory);
        _lines.Add(line);
        UpdatedAt = now;
        return line;
    }

    public void RemoveLine(Guid lineId, DateTimeOffset now)
    {
        _lines.RemoveAll(l => l.Id == lineId);
        UpdatedAt = now;
    }

    /// <summary>What the check reads.</summary>
    public BrandRef ToRef() => new(Name, Key, ReferencePrice)
    {
        Aliases = Split(Aliases, '|'),
        Categories = Split(Categories, ','),
        Lines = _lines.Select(l => new BrandLineRef(l.Name, Split(l.Keywords, '|').Where(k => k != "*").Select(ListingTitle.FlatOf).ToList(), Split(l.Categories, ','), l.Reference, l.Accessory)).ToList(),
    };

    internal static string Join(IEnumerable<string> items, char separator, int max)
    {
        var joined = string.Join(separator, items.Select(i => i.Trim().Replace(separator, ' ')).Where(i => i.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase));
        if (joined.Length > max)
        {
            throw new ArgumentException($"At most {max} characters.", nameof(items));
        }

        return joined;
    }

    private static List<string> Split(string joined, char separator) =>
        [.. joined.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public void Update(string name, Money? referencePrice, DateTimeOffset now)
    {
        var key = CounterfeitSignals.KeyOf(name);
        if (key.Length < 3 || name.Trim().Length > 60)
        {
            throw new ArgumentException("A brand name needs 3–60 characters, letters or digits.", nameof(name));
        }

        if (referencePrice is { Amount: <= 0 })
        {
            throw new ArgumentOutOfRangeException(nameof(referencePrice), "A reference price must be above zero.");
        }

        Name = name.Trim();
        Key = key;
        ReferenceAmount = referencePrice?.Amount;
        ReferenceCurrency = referencePrice?.Currency;
        UpdatedAt = now;
    }
}

/// <summary>A product line of a brand ("Air Jordan", "iPhone", "chargers") with the lowest usual price of a genuine one.</summary>
public sealed class BrandLine
{
    private BrandLine()
    {
        Name = string.Empty;
        Keywords = string.Empty;
        Categories = string.Empty;
        ReferenceCurrency = string.Empty;
    }

    internal BrandLine(Guid brandId, string name, string keywords, string categories, Money reference, bool accessory)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 60)
        {
            throw new ArgumentException("A product line needs a name of 1–60 characters.", nameof(name));
        }

        if (reference.Amount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(reference), "A reference price must be above zero.");
        }

        Id = Ids.New();
        BrandId = brandId;
        Name = name.Trim();
        Keywords = keywords.Length == 0 ? "*" : keywords;
        Categories = categories;
        ReferenceAmount = reference.Amount;
        ReferenceCurrency = reference.Currency;
        Accessory = accessory;
    }

    public Guid Id { get; private set; }

    public Guid BrandId { get; private set; }

    public string Name { get; private set; }

    /// <summary>Words naming the line in a title, '|' between them; "*" for anything else of the brand in its categories.</summary>
    public string Keywords { get; private set; }

    /// <summary>Category slugs, ',' between them; empty for any.</summary>
    public string Categories { get; private set; }

    public long ReferenceAmount { get; private set; }

    public string ReferenceCurrency { get; private set; }

    public Money Reference => new(ReferenceAmount, ReferenceCurrency);

    /// <summary>The brand's own accessories (chargers, straps): compared only with titles for accessories.</summary>
    public bool Accessory { get; private set; }
}

using System.Globalization;
using System.Text;
using Marketplace.Domain.Common;
using Marketplace.Domain.Trust;

namespace Marketplace.Domain.Tests.Trust;

/// <summary>One labelled listing: hold or pass, the kind of case, its language, category, price (USD), the brand it is about, the title.</summary>
public sealed record LabelledListing(bool Hold, string Kind, string Language, string Category, Money Price, string Brand, string Title)
{
    /// <summary>Every tuning file shipped with the app (spent held-out batches included): the titles the check may be fitted to.</summary>
    public static IReadOnlyList<LabelledListing> Tuning() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Trust"), "listing-titles-tuning*.tsv").Order(StringComparer.Ordinal).SelectMany(path => Load(Path.GetFileName(path)))];

    /// <summary>Reads an <c>expected, kind, lang, category, price_usd, brand, title</c> file (tab-separated).</summary>
    public static IReadOnlyList<LabelledListing> Load(string name) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Trust", name))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(p => new LabelledListing(
                p[0] == "hold",
                p[1],
                p[2],
                p[3],
                new Money((long)Math.Round(decimal.Parse(p[4], CultureInfo.InvariantCulture) * 100m), "USD"),
                p[5],
                string.Join('\t', p[6..])))
            .ToList();

    /// <summary>The registry the app ships (79 brands with product lines and reference prices).</summary>
    public static IReadOnlyList<BrandRef> Registry()
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Trust", "brand-registry.tsv"));
        return BrandRegistryFile.Parse(reader);
    }
}

/// <summary>How the counterfeit check does on a labelled set: recall per kind of hold case, false holds per kind of pass case.</summary>
public sealed class ListingEvaluation
{
    private ListingEvaluation(IReadOnlyList<(LabelledListing Listing, IReadOnlyList<CounterfeitFlag> Flags)> results) => Results = results;

    public IReadOnlyList<(LabelledListing Listing, IReadOnlyList<CounterfeitFlag> Flags)> Results { get; }

    public int Held => Results.Count(r => r.Flags.Count > 0);

    /// <summary>Share of the hold cases held.</summary>
    public double Recall => Ratio(Results.Count(r => r.Listing.Hold && r.Flags.Count > 0), Results.Count(r => r.Listing.Hold));

    /// <summary>Share of the pass cases held (false holds).</summary>
    public double FalseHolds => Ratio(Results.Count(r => !r.Listing.Hold && r.Flags.Count > 0), Results.Count(r => !r.Listing.Hold));

    public static ListingEvaluation Run(IEnumerable<LabelledListing> set, IReadOnlyList<BrandRef> registry) =>
        new(set.Select(l => (l, CounterfeitSignals.Check(new ListingToCheck(l.Title, l.Price, [l.Category]), registry, WordList.Shipped))).ToList());

    public ListingEvaluation Where(Func<LabelledListing, bool> which) => new(Results.Where(r => which(r.Listing)).ToList());

    /// <summary>A Markdown report: held or not per kind, recall and false holds per language.</summary>
    public string Report()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"listings {Results.Count}: recall {Recall:P1}, false holds {FalseHolds:P1}");
        text.AppendLine("| kind | expected | listings | held | not held |\n|---|---|---|---|---|");
        foreach (var kind in Results.Select(r => (r.Listing.Kind, r.Listing.Hold)).Distinct().OrderBy(k => !k.Hold).ThenBy(k => k.Kind, StringComparer.Ordinal))
        {
            var part = Where(l => l.Kind == kind.Kind && l.Hold == kind.Hold);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {kind.Kind} | {(kind.Hold ? "hold" : "pass")} | {part.Results.Count} | {part.Held} | {part.Results.Count - part.Held} |");
        }

        text.AppendLine("| language | listings | recall | false holds |\n|---|---|---|---|");
        foreach (var language in Results.Select(r => r.Listing.Language).Distinct().Order(StringComparer.Ordinal))
        {
            var part = Where(l => l.Language == language);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {language} | {part.Results.Count} | {part.Recall:P1} | {part.FalseHolds:P1} |");
        }

        return text.ToString();
    }

    /// <summary>The cases decided wrongly, for tuning (never printed for a held-out set).</summary>
    public IEnumerable<string> Mistakes() =>
        Results.Where(r => r.Listing.Hold != (r.Flags.Count > 0))
            .Select(r => $"{(r.Listing.Hold ? "MISSED" : "FALSE ")} {r.Listing.Kind} {r.Listing.Language} {r.Listing.Category} {r.Listing.Price} [{r.Listing.Brand}] {r.Listing.Title} => {string.Join("; ", r.Flags.Select(f => $"{f.Kind}:{f.Brand}:{f.Found}"))}");

    /// <summary>Zero of nothing, so a floor on a kind the file lacks (a misspelt label) fails instead of passing.</summary>
    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}

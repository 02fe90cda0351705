using System.Globalization;
using Marketplace.Domain.Common;

namespace Marketplace.Domain.Trust;

/// <summary>
/// The brand registry as a tab-separated file (the one the app ships, Trust/Training/brand-registry.tsv, and what an
/// admin may import). Lines starting with '#' are comments. Two kinds of rows:
/// <code>
/// brand   Name   aliases (a|b, or -)   categories (slug,slug)
/// line    Name   line name   keywords (a|b, or * for anything else)   categories   reference (e.g. 45.00)   accessory (yes|no)
/// </code>
/// Reference prices are in <see cref="Currency"/>.
/// </summary>
public static class BrandRegistryFile
{
    public const string Currency = "USD";

    public static IReadOnlyList<BrandRef> Parse(TextReader reader)
    {
        var brands = new List<BrandRef>();
        var lines = new Dictionary<string, List<BrandLineRef>>(StringComparer.Ordinal);
        var number = 0;
        while (reader.ReadLine() is { } row)
        {
            number++;
            if (row.Length == 0 || row.StartsWith('#'))
            {
                continue;
            }

            var cells = row.Split('\t');
            switch (cells[0])
            {
                case "brand" when cells.Length >= 4:
                    brands.Add(new BrandRef(cells[1].Trim(), CounterfeitSignals.KeyOf(cells[1]), null)
                    {
                        Aliases = List(cells[2], '|'),
                        Categories = List(cells[3], ','),
                    });
                    break;
                case "line" when cells.Length >= 7:
                    var reference = decimal.Parse(cells[5], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                    var keywords = cells[3].Trim() == "*" ? [] : List(cells[3], '|').Select(ListingTitle.FlatOf).ToList();
                    var line = new BrandLineRef(cells[2].Trim(), keywords, List(cells[4], ','), new Money((long)Math.Round(reference * 100m), Currency), cells[6].Trim() == "yes");
                    var key = CounterfeitSignals.KeyOf(cells[1]);
                    if (!lines.TryGetValue(key, out var list))
                    {
                        lines[key] = list = [];
                    }

                    list.Add(line);
                    break;
                default:
                    throw new FormatException($"Brand registry line {number}: expected a 'brand' row of 4 cells or a 'line' row of 7.");
            }
        }

        return brands.Select(b => b with { Lines = lines.TryGetValue(b.Key, out var l) ? l : [] }).ToList();
    }

    private static List<string> List(string cell, char separator) =>
        cell.Trim() == "-" ? [] : cell.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}

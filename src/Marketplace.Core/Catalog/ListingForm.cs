using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;

namespace Marketplace.Core.Catalog;

/// <summary>What the seller types into the listing editor, before it is checked. Rows left blank are ignored.</summary>
public sealed class ListingForm
{
    [Required(ErrorMessage = "Give the listing a title.")]
    [StringLength(Listing.MaxTitleLength, ErrorMessage = "Keep the title under {1} characters.")]
    public string Title { get; set; } = string.Empty;

    [StringLength(20_000)]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Pick a category.")]
    public Guid? CategoryId { get; set; }

    /// <summary>The language the title and description are written in (see <see cref="Languages"/>).</summary>
    public string? Language { get; set; }

    [Range(1, 30, ErrorMessage = "Enter the days you need to ship, from 1 to the marketplace's longest handling time.")]
    public int HandlingDays { get; set; } = 3;

    public List<SpecRow> Specs { get; set; } = [];

    public List<VariantRow> Variants { get; set; } = [];

    public List<ShippingRow> Shipping { get; set; } = [];

    public sealed class SpecRow
    {
        public string? Key { get; set; }

        public string? Value { get; set; }
    }

    public sealed class VariantRow
    {
        public Guid? Id { get; set; }

        public string? Sku { get; set; }

        public string? Name { get; set; }

        public string? Price { get; set; }

        public int? Stock { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Sku) && string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Price);
    }

    public sealed class ShippingRow
    {
        /// <summary>An ISO country code, or "*" for all other countries.</summary>
        public string? Country { get; set; }

        public ShippingMethod Method { get; set; } = ShippingMethod.Standard;

        public string? Carrier { get; set; }

        public string? Price { get; set; }

        public int? MinDays { get; set; }

        public int? MaxDays { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Country) && string.IsNullOrWhiteSpace(Carrier) && string.IsNullOrWhiteSpace(Price);
    }

    public const string AllOtherCountries = "*";

    /// <summary>The listing as the editor shows it; prices in <paramref name="culture"/> (the person's by default), as <see cref="Parse"/> reads them back.</summary>
    public static ListingForm From(Listing listing, CultureInfo? culture = null) => Build(listing, culture ?? CultureInfo.CurrentCulture);

    private static ListingForm Build(Listing listing, CultureInfo culture) => new()
    {
        Title = listing.Title,
        Description = listing.Description,
        CategoryId = listing.CategoryId,
        HandlingDays = listing.HandlingDays,
        Language = listing.Language,
        Specs = listing.Specs.OrderBy(s => s.Position).Select(s => new SpecRow { Key = s.Key, Value = s.Value }).ToList(),
        Variants = listing.Variants.OrderBy(v => v.Position).Select(v => new VariantRow
        {
            Id = v.Id,
            Sku = v.Sku,
            Name = v.Name,
            Price = Money.FormatPlain(v.Price, culture),
            Stock = v.Stock,
        }).ToList(),
        Shipping = listing.ShippingOptions
            .OrderBy(o => o.DestinationCountry is null)
            .ThenBy(o => o.DestinationCountry, StringComparer.Ordinal)
            .ThenBy(o => o.Method)
            .Select(o => new ShippingRow
            {
                Country = o.DestinationCountry ?? AllOtherCountries,
                Method = o.Method,
                Carrier = o.Carrier,
                Price = Money.FormatPlain(o.Price, culture),
                MinDays = o.MinDays,
                MaxDays = o.MaxDays,
            }).ToList(),
    };

    /// <summary>Adds blank rows so the editor always offers room for more.</summary>
    public ListingForm WithBlankRows(int specs = 3, int variants = 2, int shipping = 2)
    {
        Specs.AddRange(Enumerable.Range(0, specs).Select(_ => new SpecRow()));
        Variants.AddRange(Enumerable.Range(0, variants).Select(_ => new VariantRow()));
        Shipping.AddRange(Enumerable.Range(0, shipping).Select(_ => new ShippingRow { Country = string.Empty }));
        return this;
    }

    /// <summary>
    /// Checks the rows and turns them into domain inputs. Errors are keyed by the form field they belong to. Prices are read
    /// in <paramref name="culture"/> (the person's own by default; the API's are invariant, "12.99").
    /// </summary>
    public ListingInput? Parse(string currency, string prefix, List<(string Field, Text Message)> errors, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var specs = new List<(string, string)>();
        for (var i = 0; i < Specs.Count; i++)
        {
            var row = Specs[i];
            if (string.IsNullOrWhiteSpace(row.Key) && string.IsNullOrWhiteSpace(row.Value))
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(row.Key) || string.IsNullOrWhiteSpace(row.Value))
            {
                errors.Add(($"{prefix}.Specs[{i}].Key", Text.Of("A spec needs a name and a value.")));
                continue;
            }

            if (row.Key.Trim().Length > ListingSpec.MaxKeyLength || row.Value.Trim().Length > ListingSpec.MaxValueLength)
            {
                errors.Add(($"{prefix}.Specs[{i}].Key", Text.Of("A spec's name can be at most {0} characters and its value at most {1}.", ListingSpec.MaxKeyLength, ListingSpec.MaxValueLength)));
                continue;
            }

            if (specs.Any(s => string.Equals(s.Item1, row.Key.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add(($"{prefix}.Specs[{i}].Key", Text.Of("“{0}” is listed twice.", row.Key.Trim())));
                continue;
            }

            specs.Add((row.Key.Trim(), row.Value.Trim()));
        }

        var variants = new List<VariantInput>();
        for (var i = 0; i < Variants.Count; i++)
        {
            var row = Variants[i];
            if (row.IsBlank)
            {
                continue;
            }

            var field = $"{prefix}.Variants[{i}]";
            var errorsBefore = errors.Count;
            if (string.IsNullOrWhiteSpace(row.Sku) || string.IsNullOrWhiteSpace(row.Name))
            {
                errors.Add(($"{field}.Sku", Text.Of("Each variant needs a SKU and a name (e.g. “Red / M”).")));
            }
            else if (row.Sku.Trim().Length > ListingVariant.MaxSkuLength)
            {
                errors.Add(($"{field}.Sku", Text.Of("A SKU can be at most {0} characters.", ListingVariant.MaxSkuLength)));
            }
            else if (row.Name.Trim().Length > ListingVariant.MaxNameLength)
            {
                errors.Add(($"{field}.Name", Text.Of("A variant's name can be at most {0} characters.", ListingVariant.MaxNameLength)));
            }
            else if (variants.Any(v => string.Equals(v.Sku, row.Sku.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add(($"{field}.Sku", Text.Of("The SKU “{0}” is used twice.", row.Sku.Trim())));
            }

            if (!MoneyText.TryParse(row.Price, currency, culture, out var price, out var problem) || price.Amount <= 0)
            {
                errors.Add(($"{field}.Price", problem is not null && !string.IsNullOrWhiteSpace(row.Price) ? problem : Text.Of("Enter a price above zero, like 12.99 ({0}).", currency)));
            }
            else if (price.Amount > Money.MaxUnitPrice)
            {
                errors.Add(($"{field}.Price", Text.Of("A price can be at most {0}.", new Money(Money.MaxUnitPrice, currency))));
            }

            if (row.Stock is null or < 0 or > 1_000_000)
            {
                errors.Add(($"{field}.Stock", Text.Of("Stock is a whole number from 0 to 1,000,000.")));
            }

            if (errors.Count == errorsBefore)
            {
                variants.Add(new VariantInput(row.Id, row.Sku!.Trim(), row.Name!.Trim(), price, row.Stock!.Value));
            }
        }

        var shipping = new List<ShippingInput>();
        for (var i = 0; i < Shipping.Count; i++)
        {
            var row = Shipping[i];
            if (row.IsBlank)
            {
                continue;
            }

            var field = $"{prefix}.Shipping[{i}]";
            var country = row.Country?.Trim().ToUpperInvariant();
            var countryOk = country == AllOtherCountries || Countries.IsKnown(country);
            if (!countryOk)
            {
                errors.Add(($"{field}.Country", Text.Of("Pick a destination country, or “All other countries”.")));
            }

            var carrierOk = !string.IsNullOrWhiteSpace(row.Carrier) && row.Carrier.Trim().Length <= ShippingOption.MaxCarrierLength;
            if (string.IsNullOrWhiteSpace(row.Carrier))
            {
                errors.Add(($"{field}.Carrier", Text.Of("Name the carrier (e.g. DHL, USPS, China Post).")));
            }
            else if (!carrierOk)
            {
                errors.Add(($"{field}.Carrier", Text.Of("A carrier's name can be at most {0} characters.", ShippingOption.MaxCarrierLength)));
            }

            if (!MoneyText.TryParse(row.Price, currency, culture, out var price, out var problem) || price.IsNegative)
            {
                errors.Add(($"{field}.Price", problem is not null && !string.IsNullOrWhiteSpace(row.Price) ? problem : Text.Of("Enter the shipping price, or 0 for free shipping.")));
            }
            else if (price.Amount > Money.MaxShippingPrice)
            {
                errors.Add(($"{field}.Price", Text.Of("A shipping price can be at most {0}.", new Money(Money.MaxShippingPrice, currency))));
            }

            var windowOk = row.MinDays is >= 1 && row.MaxDays is <= 120 && row.MaxDays >= row.MinDays;
            if (!windowOk)
            {
                errors.Add(($"{field}.MinDays", Text.Of("Delivery takes between 1 and 120 days, min ≤ max.")));
            }

            var destination = country == AllOtherCountries ? null : country;
            if (countryOk && shipping.Any(s => s.DestinationCountry == destination && s.Method == row.Method))
            {
                errors.Add(($"{field}.Method", Text.Of("That method is already offered to that destination.")));
            }
            else if (countryOk && windowOk && carrierOk && !price.IsNegative && price.Currency is not null)
            {
                shipping.Add(new ShippingInput(destination, row.Method, row.Carrier!.Trim(), price, row.MinDays!.Value, row.MaxDays!.Value));
            }
        }

        return errors.Count == 0 && CategoryId is { } category
            ? new ListingInput(Title.Trim(), (Description ?? string.Empty).Trim(), category, HandlingDays, specs, variants, shipping, Languages.Listed.Contains(Language) ? Language : null)
            : null;
    }
}

public sealed record ListingInput(
    string Title,
    string Description,
    Guid CategoryId,
    int HandlingDays,
    IReadOnlyList<(string Key, string Value)> Specs,
    IReadOnlyList<VariantInput> Variants,
    IReadOnlyList<ShippingInput> Shipping,
    string? Language = null);

/// <summary>The languages a seller can say a listing is written in: the UI's and the other big marketplace languages.</summary>
public static class Languages
{
    public static IReadOnlyList<string> Listed { get; } = ["en", "de", "es", "fr", "pt-BR", "pt", "it", "nl", "pl", "ru", "tr", "ar", "zh-Hans", "zh-Hant", "ja", "ko"];

    /// <summary>
    /// "German", "Japanese": the language's name in English, the key of its name in the reader's language as it reads inside
    /// a sentence ("auf Deutsch", "en allemand", "ドイツ語").
    /// </summary>
    public static string EnglishName(string tag) => tag switch
    {
        "en" => "English",
        "de" => "German",
        "es" => "Spanish",
        "fr" => "French",
        "pt-BR" => "Portuguese (Brazil)",
        "pt" => "Portuguese",
        "it" => "Italian",
        "nl" => "Dutch",
        "pl" => "Polish",
        "ru" => "Russian",
        "tr" => "Turkish",
        "ar" => "Arabic",
        "zh-Hans" => "Chinese (Simplified)",
        "zh-Hant" => "Chinese (Traditional)",
        "ja" => "Japanese",
        "ko" => "Korean",
        _ => CultureInfo.GetCultureInfo(tag).EnglishName,
    };

    /// <summary>"Deutsch", "日本語": the language in its own words.</summary>
    public static string NativeName(string tag)
    {
        var culture = CultureInfo.GetCultureInfo(tag);
        var name = culture.NativeName;
        return char.ToUpper(name[0], culture) + name[1..];
    }
}

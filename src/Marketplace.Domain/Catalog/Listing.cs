using Marketplace.Domain.Common;

namespace Marketplace.Domain.Catalog;

public enum ListingStatus
{
    Draft,
    Published,
    Unpublished,
    Archived,

    /// <summary>Held back at publishing by a counterfeit signal; an admin approves or rejects it.</summary>
    PendingReview,

    /// <summary>Removed by an admin (a takedown); the seller sees the statement of reasons and can't republish it.</summary>
    TakenDown,
}

/// <summary>A seller's listing. Variants, specs, images and shipping options live inside it.</summary>
public sealed partial class Listing : IVersioned
{
    public const int MaxTitleLength = 140;

    private readonly List<ListingSpec> _specs = [];
    private readonly List<ListingVariant> _variants = [];
    private readonly List<ListingImage> _images = [];
    private readonly List<ShippingOption> _shippingOptions = [];

    private Listing()
    {
        Title = string.Empty;
        Description = string.Empty;
    }

    public Listing(Guid sellerId, Guid categoryId, string title, string description, int handlingDays, string currency, DateTimeOffset now)
    {
        PriceFrom = Money.Zero(currency);
        Id = Ids.New();
        SellerId = sellerId;
        CategoryId = categoryId;
        CreatedAt = now;
        UpdatedAt = now;
        Status = ListingStatus.Draft;
        Title = string.Empty;
        Description = string.Empty;
        Edit(title, description, categoryId, handlingDays, now);
    }

    public Guid Id { get; private set; }

    public Guid SellerId { get; private set; }

    public Guid CategoryId { get; private set; }

    public string Title { get; private set; }

    public string Description { get; private set; }

    /// <summary>Days the seller needs to ship (SPEC: up to 7 by default).</summary>
    public int HandlingDays { get; private set; }

    /// <summary>The language the seller wrote the title and description in ("de", "pt-BR"); listings are never machine-translated.</summary>
    public string? Language { get; private set; }

    public void SetLanguage(string? language, DateTimeOffset now)
    {
        var tag = string.IsNullOrWhiteSpace(language) ? null : language.Trim();
        if (tag is { Length: > MaxLanguageLength })
        {
            throw new ArgumentException($"A language tag has at most {MaxLanguageLength} characters.", nameof(language));
        }

        if (tag != Language)
        {
            Language = tag;
            UpdatedAt = now;
        }
    }

    public const int MaxLanguageLength = 16;

    public ListingStatus Status { get; private set; }

    /// <summary>The lowest variant price: kept here so that price filters and sorts stay one indexed column.</summary>
    public Money PriceFrom { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>"key value key value…" of the specs: kept on the listing so search can weigh it in one row.</summary>
    public string SpecsText { get; private set; } = string.Empty;

    public IReadOnlyList<ListingSpec> Specs => _specs;

    public IReadOnlyList<ListingVariant> Variants => _variants;

    public IReadOnlyList<ListingImage> Images => _images;

    public IReadOnlyList<ShippingOption> ShippingOptions => _shippingOptions;

    public void Edit(string title, string description, Guid categoryId, int handlingDays, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > MaxTitleLength)
        {
            throw new ArgumentException($"A title needs 1–{MaxTitleLength} characters.", nameof(title));
        }

        if (handlingDays is < 1 or > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(handlingDays), "Handling time must be 1–30 days.");
        }

        Title = title.Trim();
        Description = description.Trim();
        CategoryId = categoryId;
        HandlingDays = handlingDays;
        UpdatedAt = now;
    }

    public ListingSpec AddSpec(string key, string value)
    {
        var spec = new ListingSpec(key, value, _specs.Count);
        _specs.Add(spec);
        SpecsText = string.Join(' ', _specs.Select(s => $"{s.Key} {s.Value}"));
        return spec;
    }

    public ListingVariant AddVariant(string sku, string name, Money price, int stock)
    {
        if (price.Currency != PriceFrom.Currency)
        {
            throw new ArgumentException("All variants of a listing use one currency.", nameof(price));
        }

        var variant = new ListingVariant(sku, name, price, stock, _variants.Count);
        _variants.Add(variant);
        PriceFrom = _variants.Select(v => v.Price).Aggregate((a, b) => a <= b ? a : b);
        return variant;
    }

    public ListingImage AddImage(string storageKey, string thumbnailKey, string contentType, string altText)
    {
        var image = new ListingImage(storageKey, thumbnailKey, contentType, altText, _images.Count);
        _images.Add(image);
        return image;
    }

    public ShippingOption AddShippingOption(string? destinationCountry, ShippingMethod method, string carrier, Money price, int minDays, int maxDays)
    {
        var option = new ShippingOption(destinationCountry, method, carrier, price, minDays, maxDays);
        _shippingOptions.Add(option);
        return option;
    }

    /// <summary>Replaces the specifications (blank keys are skipped; a key appears once).</summary>
    public void SetSpecs(IEnumerable<(string Key, string Value)> specs, DateTimeOffset now)
    {
        _specs.Clear();
        SpecsText = string.Empty;
        foreach (var (key, value) in specs.Where(s => !string.IsNullOrWhiteSpace(s.Key)))
        {
            if (_specs.Any(s => string.Equals(s.Key, key.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"The spec '{key.Trim()}' appears twice.", nameof(specs));
            }

            AddSpec(key, value);
        }

        UpdatedAt = now;
    }

    /// <summary>
    /// Makes the variants match <paramref name="variants"/>: rows with a known id update that variant
    /// (so ids stay stable for carts and orders), rows without one are added, variants not named are removed.
    /// </summary>
    public void SetVariants(IReadOnlyList<VariantInput> variants, DateTimeOffset now)
    {
        if (variants.Select(v => v.Sku.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != variants.Count)
        {
            throw new ArgumentException("Each variant needs its own SKU.", nameof(variants));
        }

        _variants.RemoveAll(existing => !variants.Any(v => v.Id == existing.Id));
        var position = 0;
        foreach (var input in variants)
        {
            if (input.Price.Currency != PriceFrom.Currency)
            {
                throw new ArgumentException("All variants of a listing use one currency.", nameof(variants));
            }

            var existing = input.Id is { } id ? _variants.FirstOrDefault(v => v.Id == id) : null;
            if (existing is null)
            {
                _variants.Add(new ListingVariant(input.Sku, input.Name, input.Price, input.Stock, position));
            }
            else
            {
                existing.Update(input.Sku, input.Name, input.Price, input.Stock, position);
            }

            position++;
        }

        _variants.Sort((a, b) => a.Position.CompareTo(b.Position));
        PriceFrom = _variants.Count == 0 ? Money.Zero(PriceFrom.Currency) : _variants.Select(v => v.Price).Aggregate((a, b) => a <= b ? a : b);
        UpdatedAt = now;
    }

    /// <summary>
    /// Changes one variant's price and/or stock, leaving the rest of the listing as it is (the seller API's bulk updates);
    /// null leaves a value unchanged. The same bounds as the editor: a price above zero and at most
    /// <see cref="Money.MaxUnitPrice"/> in the listing's currency, stock 0–1,000,000.
    /// </summary>
    public Result<ListingVariant> ChangeVariant(Guid variantId, long? price, int? stock, DateTimeOffset now)
    {
        if (_variants.FirstOrDefault(v => v.Id == variantId) is not { } variant)
        {
            return CatalogErrors.VariantNotFound;
        }

        if (price is <= 0 or > Money.MaxUnitPrice)
        {
            return CatalogErrors.PriceOutOfRange(new Money(Money.MaxUnitPrice, PriceFrom.Currency));
        }

        if (stock is < 0 or > MaxStock)
        {
            return CatalogErrors.StockOutOfRange;
        }

        variant.Update(variant.Sku, variant.Name, price is { } amount ? new Money(amount, PriceFrom.Currency) : variant.Price, stock ?? variant.Stock, variant.Position);
        PriceFrom = _variants.Select(v => v.Price).Aggregate((a, b) => a <= b ? a : b);
        UpdatedAt = now;
        return Result<ListingVariant>.Ok(variant);
    }

    /// <summary>The most units of one variant a seller can say they have.</summary>
    public const int MaxStock = 1_000_000;

    /// <summary>Replaces the shipping options.</summary>
    public void SetShippingOptions(IEnumerable<ShippingInput> options, DateTimeOffset now)
    {
        var list = options.ToList();
        if (list.GroupBy(o => (o.DestinationCountry?.ToUpperInvariant(), o.Method)).Any(g => g.Count() > 1))
        {
            throw new ArgumentException("One option per method and destination.", nameof(options));
        }

        _shippingOptions.Clear();
        foreach (var o in list)
        {
            AddShippingOption(o.DestinationCountry, o.Method, o.Carrier, o.Price, o.MinDays, o.MaxDays);
        }

        UpdatedAt = now;
    }

    public void RemoveImage(Guid imageId, DateTimeOffset now)
    {
        _images.RemoveAll(i => i.Id == imageId);
        Renumber(_images);
        UpdatedAt = now;
    }

    /// <summary>Moves an image to the front: the first image is the listing's main photo.</summary>
    public void MakeImageMain(Guid imageId, DateTimeOffset now)
    {
        var image = _images.FirstOrDefault(i => i.Id == imageId);
        if (image is null)
        {
            return;
        }

        _images.Remove(image);
        _images.Insert(0, image);
        Renumber(_images);
        UpdatedAt = now;
    }

    public Result<ListingStatus> Unpublish(DateTimeOffset now)
    {
        if (Status is not (ListingStatus.Published or ListingStatus.PendingReview))
        {
            return CatalogErrors.NotPublished;
        }

        Status = ListingStatus.Unpublished;
        UpdatedAt = now;
        return Result<ListingStatus>.Ok(Status);
    }

    /// <summary>Retires the listing for good; it stays in the database for past orders.</summary>
    public Result<ListingStatus> Archive(DateTimeOffset now)
    {
        if (Status == ListingStatus.TakenDown)
        {
            return CatalogErrors.TakenDown;
        }

        Status = ListingStatus.Archived;
        UpdatedAt = now;
        return Result<ListingStatus>.Ok(Status);
    }

    private static void Renumber(List<ListingImage> images)
    {
        for (var i = 0; i < images.Count; i++)
        {
            images[i].MoveTo(i);
        }
    }

    /// <summary>
    /// The options that serve a destination: those named for the country when there are any,
    /// else the "all other countries" options. Empty when the listing doesn't ship there.
    /// </summary>
    public IReadOnlyList<ShippingOption> ShippingOptionsTo(string countryCode) =>
        ShippingCoverage.OptionsFor(_shippingOptions, countryCode);

    public bool ShipsTo(string countryCode) => ShippingOptionsTo(countryCode).Count > 0;

    /// <summary>
    /// Puts the listing in the shop, or holds it for an admin when <paramref name="review"/> names counterfeit
    /// signals an admin has not already cleared for it.
    /// </summary>
    public Result<ListingStatus> Publish(DateTimeOffset now, string? review = null)
    {
        if (Status == ListingStatus.Archived)
        {
            return CatalogErrors.Archived;
        }

        if (Status == ListingStatus.TakenDown)
        {
            return CatalogErrors.TakenDown;
        }

        if (_variants.Count == 0)
        {
            return CatalogErrors.NoVariants;
        }

        if (_shippingOptions.Count == 0)
        {
            return CatalogErrors.NoShipping;
        }

        UpdatedAt = now;
        if (review is not null && review != ClearedReview)
        {
            Status = ListingStatus.PendingReview;
            ModerationNote = review;
            return Result<ListingStatus>.Ok(Status);
        }

        Status = ListingStatus.Published;
        ModerationNote = null;
        PublishedAt ??= now;
        return Result<ListingStatus>.Ok(Status);
    }
}

/// <summary>Which shipping options serve a country: a country's own options win over "all other countries".</summary>
public static class ShippingCoverage
{
    public static IReadOnlyList<ShippingOption> OptionsFor(IEnumerable<ShippingOption> options, string countryCode)
    {
        var all = options as IReadOnlyCollection<ShippingOption> ?? options.ToList();
        var specific = all.Where(o => string.Equals(o.DestinationCountry, countryCode, StringComparison.OrdinalIgnoreCase)).ToList();
        var chosen = specific.Count > 0 ? specific : all.Where(o => o.DestinationCountry is null).ToList();
        return chosen.OrderBy(o => o.Price.Amount).ThenBy(o => o.MaxDays).ToList();
    }
}

public static class CatalogErrors
{
    public static readonly DomainError Archived = new("listing.archived", "An archived listing cannot be published.", ErrorKind.Conflict);
    public static readonly DomainError NoVariants = new("listing.no_variants", "Add at least one variant with a price before publishing.");
    public static readonly DomainError NoShipping = new("listing.no_shipping", "Add at least one shipping option before publishing.");
    public static readonly DomainError NotFound = new("listing.not_found", "That listing does not exist.", ErrorKind.NotFound);
    public static readonly DomainError NotPublished = new("listing.not_published", "Only a published listing can be unpublished.", ErrorKind.Conflict);
    public static readonly DomainError TakenDown = new("listing.taken_down", "This listing was taken down by Marketplace; see the statement of reasons.", ErrorKind.Conflict);
    public static readonly DomainError NotPendingReview = new("listing.not_pending", "This listing isn't waiting for review.", ErrorKind.Conflict);
    public static readonly DomainError NotTakenDown = new("listing.not_taken_down", "This listing isn't taken down.", ErrorKind.Conflict);
    public static readonly DomainError VariantNotFound = new("listing.variant_not_found", "That variant does not exist.", ErrorKind.NotFound);
    public static readonly DomainError StockOutOfRange = new("listing.stock", "Stock is a whole number from 0 to 1,000,000.");

    public static DomainError PriceOutOfRange(Money max) => DomainError.Of("listing.price", "Enter a price above zero and at most {0}.", max);

    public static readonly DomainError ReasonRequired = DomainError.Of("listing.reason", "Write the reason (up to {0} characters): the seller reads it.", Listing.MaxReasonLength);
}

/// <summary>A variant row as the seller entered it; <see cref="Id"/> is null for a new variant.</summary>
public sealed record VariantInput(Guid? Id, string Sku, string Name, Money Price, int Stock);

/// <summary>A shipping option row; <see cref="DestinationCountry"/> null means "all other countries".</summary>
public sealed record ShippingInput(string? DestinationCountry, ShippingMethod Method, string Carrier, Money Price, int MinDays, int MaxDays);

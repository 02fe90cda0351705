using Marketplace.Domain.Common;

namespace Marketplace.Domain.Catalog;

/// <summary>A key/value specification such as "Material: Cotton".</summary>
public sealed class ListingSpec
{
    public const int MaxKeyLength = 60;

    public const int MaxValueLength = 300;

    private ListingSpec()
    {
        Key = string.Empty;
        Value = string.Empty;
    }

    internal ListingSpec(string key, string value, int position)
    {
        Id = Ids.New();
        Key = key.Trim();
        Value = value.Trim();
        Position = position;
    }

    public Guid Id { get; private set; }

    public string Key { get; private set; }

    public string Value { get; private set; }

    public int Position { get; private set; }
}

/// <summary>A purchasable variant (e.g. "Red / M") with its own SKU, price and stock.</summary>
public sealed class ListingVariant : IVersioned
{
    public const int MaxSkuLength = 64;

    public const int MaxNameLength = 120;

    private ListingVariant()
    {
        Sku = string.Empty;
        Name = string.Empty;
    }

    internal ListingVariant(string sku, string name, Money price, int stock, int position)
    {
        if (price.Amount is <= 0 or > Money.MaxUnitPrice)
        {
            throw new ArgumentOutOfRangeException(nameof(price), "A variant's price must be above zero and at most Money.MaxUnitPrice.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(stock);
        Id = Ids.New();
        Sku = sku.Trim();
        Name = name.Trim();
        Price = price;
        Stock = stock;
        Position = position;
    }

    public Guid Id { get; private set; }

    public Guid ListingId { get; private set; }

    public string Sku { get; private set; }

    /// <summary>The option values that tell it apart, e.g. "Red / M".</summary>
    public string Name { get; private set; }

    public Money Price { get; private set; }

    public int Stock { get; private set; }

    public int Position { get; private set; }

    public int Version { get; private set; }

    public bool InStock => Stock > 0;

    internal void Update(string sku, string name, Money price, int stock, int position)
    {
        if (price.Amount is <= 0 or > Money.MaxUnitPrice)
        {
            throw new ArgumentOutOfRangeException(nameof(price), "A variant's price must be above zero.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(stock);
        Sku = sku.Trim();
        Name = name.Trim();
        Price = price;
        Stock = stock;
        Position = position;
    }

    /// <summary>Takes stock for an order; refuses to go below zero.</summary>
    public bool TryReserve(int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (quantity > Stock)
        {
            return false;
        }

        Stock -= quantity;
        return true;
    }

    public void Restock(int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        Stock = checked(Stock + quantity);
    }
}

/// <summary>An image of a listing, kept in file storage under <see cref="StorageKey"/>.</summary>
public sealed class ListingImage
{
    private ListingImage()
    {
        StorageKey = string.Empty;
        ThumbnailKey = string.Empty;
        ContentType = string.Empty;
        AltText = string.Empty;
    }

    internal ListingImage(string storageKey, string thumbnailKey, string contentType, string altText, int position)
    {
        Id = Ids.New();
        StorageKey = storageKey;
        ThumbnailKey = thumbnailKey;
        ContentType = contentType;
        AltText = altText;
        Position = position;
    }

    public Guid Id { get; private set; }

    public string StorageKey { get; private set; }

    public string ThumbnailKey { get; private set; }

    public string ContentType { get; private set; }

    public string AltText { get; private set; }

    public int Position { get; private set; }

    internal void MoveTo(int position) => Position = position;
}

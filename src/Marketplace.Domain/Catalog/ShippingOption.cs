using Marketplace.Domain.Common;

namespace Marketplace.Domain.Catalog;

public enum ShippingMethod
{
    EconomyMail,
    Standard,
    ExpressCourier,
}

/// <summary>
/// One way a listing ships: to one destination country, or (DestinationCountry null) to "all other countries".
/// </summary>
public sealed class ShippingOption
{
    public const int MaxCarrierLength = 60;

    private ShippingOption()
    {
        Carrier = string.Empty;
    }

    internal ShippingOption(string? destinationCountry, ShippingMethod method, string carrier, Money price, int minDays, int maxDays)
    {
        if (destinationCountry is not null && !Countries.IsKnown(destinationCountry))
        {
            throw new ArgumentException($"Unknown country '{destinationCountry}'.", nameof(destinationCountry));
        }

        if (minDays < 1 || maxDays < minDays || maxDays > 120)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDays), "The delivery window must be 1 ≤ min ≤ max ≤ 120 days.");
        }

        if (price.IsNegative || price.Amount > Money.MaxShippingPrice)
        {
            throw new ArgumentOutOfRangeException(nameof(price), "A shipping price is between 0 and Money.MaxShippingPrice.");
        }

        Id = Ids.New();
        DestinationCountry = destinationCountry?.ToUpperInvariant();
        Method = method;
        Carrier = carrier;
        Price = price;
        MinDays = minDays;
        MaxDays = maxDays;
    }

    public Guid Id { get; private set; }

    /// <summary>ISO 3166-1 alpha-2 code, or null for "all other countries".</summary>
    public string? DestinationCountry { get; private set; }

    public ShippingMethod Method { get; private set; }

    public string Carrier { get; private set; }

    public Money Price { get; private set; }

    public int MinDays { get; private set; }

    public int MaxDays { get; private set; }

    public bool IsFree => Price.IsZero;

    public static string MethodName(ShippingMethod method) => method switch
    {
        ShippingMethod.EconomyMail => "Economy mail",
        ShippingMethod.Standard => "Standard",
        ShippingMethod.ExpressCourier => "Express courier",
    };
}

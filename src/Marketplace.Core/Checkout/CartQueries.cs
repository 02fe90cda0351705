using Marketplace.Core.Data;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Sellers;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Checkout;

public sealed record CartLineView(
    Guid ListingId,
    Guid VariantId,
    Guid CategoryId,
    string Title,
    string VariantName,
    string Sku,
    string? ThumbnailKey,
    Money SellerUnitPrice,
    int Quantity,
    int Stock,
    int HandlingDays,
    bool Available,
    ExchangeRate Rate)
{
    /// <summary>The unit price in the checkout's currency (the seller's own price converted once, rounded in its minor units).</summary>
    public Money UnitPrice => Rate.Convert(SellerUnitPrice);

    public Money LineTotal => UnitPrice.Multiply(Quantity);

    /// <summary>Can be bought as it stands: still listed, and enough stock for the quantity.</summary>
    public bool Buyable => Available && Stock >= Quantity;
}

/// <summary>One seller's part of the cart: its lines, subtotal and the ways it can ship them to the destination.</summary>
/// <remarks>
/// Prices are the seller's own (<see cref="SellerShippingChoices"/>, each line's seller price) converted at <see cref="Rate"/>
/// into the checkout's currency: what the buyer sees here is what the order freezes.
/// </remarks>
public sealed record CartSellerGroup(Guid SellerId, string StoreName, string StoreSlug, string SellerCountry, IReadOnlyList<CartLineView> Lines, IReadOnlyList<ShippingChoice> SellerShippingChoices, ExchangeRate Rate)
{
    public IReadOnlyList<ShippingChoice> ShippingChoices { get; } =
        SellerShippingChoices.Select(c => new ShippingChoice(c.Method, c.Carrier, Rate.Convert(c.Price), c.MinDays, c.MaxDays)).ToList();

    public Money Subtotal => Lines.Where(l => l.Buyable).Aggregate(Money.Zero(Rate.To), (sum, l) => sum + l.LineTotal);

    public int HandlingDays => Lines.Max(l => l.HandlingDays);
}

/// <param name="Currency">What the checkout charges: the buyer's currency, or the sellers' one currency when rates can't convert now.</param>
/// <param name="CurrencyProblem">Set when no one currency can be charged (stale rates and sellers pricing in different currencies).</param>
public sealed record CartView(Guid? CartId, IReadOnlyList<CartSellerGroup> Groups, string Destination, string Currency, string? CurrencyProblem = null)
{
    public static CartView Empty(string destination, string currency) => new(null, [], destination, currency);

    public bool IsEmpty => Groups.Count == 0;

    /// <summary>The items the subtotals count: those that can be bought as they stand.</summary>
    public int ItemCount => Groups.Sum(g => g.Lines.Where(l => l.Buyable).Sum(l => l.Quantity));

    /// <summary>Some prices are converted from the sellers' currencies: shown as approximate until the order freezes them.</summary>
    public bool IsConverted => Groups.Any(g => !g.Rate.IsIdentity);

    /// <summary>Every line can be bought, every seller ships to the destination, and one currency can be charged.</summary>
    public bool ReadyForCheckout => !IsEmpty && CurrencyProblem is null && Groups.All(g => g.ShippingChoices.Count > 0 && g.Lines.All(l => l.Buyable));
}

/// <summary>
/// The cart as the buyer sees it now: today's prices and stock, grouped by seller, with shipping for the destination, in the
/// currency the checkout will charge.
/// </summary>
public sealed class CartQueries(MarketplaceDbContext db, Exchange.ExchangeRatesStore rates)
{
    public static readonly DomainError MixedCurrencies =
        new("checkout.currency", "Prices can't be converted right now, and the sellers in your cart price in different currencies. Check out one store's items at a time.");

    /// <param name="currency">The buyer's currency (their display currency); null: the sellers' own when they share one.</param>
    public async Task<CartView> ViewAsync(Cart? cart, string destination, string? currency = null, CancellationToken ct = default)
    {
        if (cart is null || cart.Lines.Count == 0)
        {
            return CartView.Empty(destination, currency ?? Currencies.Fallback);
        }

        var listingIds = cart.Lines.Select(l => l.ListingId).Distinct().ToList();
        var listings = await db.Listings.AsNoTracking().AsSplitQuery()
            .Include(l => l.Variants)
            .Include(l => l.ShippingOptions)
            .Where(l => listingIds.Contains(l.Id))
            .ToListAsync(ct);
        var sellerIds = listings.Select(l => l.SellerId).Distinct().ToList();
        var sellers = await db.Sellers.AsNoTracking().Where(s => sellerIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);

        var lines = cart.Lines
            .Select(line => (line, listing: listings.FirstOrDefault(l => l.Id == line.ListingId)))
            .Where(x => x.listing is not null && x.listing.Variants.Any(v => v.Id == x.line.VariantId))
            .Select(x =>
            {
                var listing = x.listing!;
                var variant = listing.Variants.First(v => v.Id == x.line.VariantId);
                var seller = sellers[listing.SellerId];
                return (listing, view: new CartLineView(
                    listing.Id,
                    variant.Id,
                    listing.CategoryId,
                    listing.Title,
                    variant.Name,
                    variant.Sku,
                    listing.Images.OrderBy(i => i.Position).Select(i => i.ThumbnailKey).FirstOrDefault(),
                    variant.Price,
                    x.line.Quantity,
                    variant.Stock,
                    listing.HandlingDays,
                    listing.Status == ListingStatus.Published && seller.Status == SellerStatus.Active,
                    ExchangeRate.Identity(variant.Price.Currency)));
            })
            .ToList();

        // One currency per checkout: the buyer's when every seller's prices convert into it now, else the sellers' own if they
        // share one; with neither, the cart says so and can't be checked out as it stands.
        var sellerCurrencies = lines.Select(x => x.view.SellerUnitPrice.Currency).Distinct().ToList();
        var inForce = await rates.CurrentAsync(ct);
        string? problem = null;
        var charged = currency ?? (sellerCurrencies.Count == 1 ? sellerCurrencies[0] : Currencies.Fallback);
        if (sellerCurrencies.Any(c => inForce.Between(c, charged) is null))
        {
            charged = sellerCurrencies.Count == 1 ? sellerCurrencies[0] : charged;
            problem = sellerCurrencies.Count == 1 ? null : MixedCurrencies.Message;
        }

        lines = lines.Select(x => (x.listing, view: x.view with { Rate = inForce.Between(x.view.SellerUnitPrice.Currency, charged) ?? ExchangeRate.Identity(x.view.SellerUnitPrice.Currency) })).ToList();

        var groups = lines
            .GroupBy(x => x.listing.SellerId)
            .Select(g =>
            {
                var seller = sellers[g.Key];
                var rate = g.First().view.Rate;
                var choices = ShippingQuote.For(
                    g.Select(x => x.listing).DistinctBy(l => l.Id).Select(l => (IReadOnlyCollection<ShippingOption>)l.ShippingOptions).ToList(),
                    destination,
                    rate.From);
                return new CartSellerGroup(seller.Id, seller.StoreName, seller.Slug, seller.CountryCode, g.Select(x => x.view).ToList(), choices, rate);
            })
            .OrderBy(g => g.StoreName)
            .ToList();

        return new CartView(cart.Id, groups, destination, charged, problem);
    }
}

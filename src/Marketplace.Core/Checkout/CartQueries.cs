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
    Money UnitPrice,
    int Quantity,
    int Stock,
    int HandlingDays,
    bool Available)
{
    public Money LineTotal => UnitPrice.Multiply(Quantity);

    /// <summary>Can be bought as it stands: still listed, and enough stock for the quantity.</summary>
    public bool Buyable => Available && Stock >= Quantity;
}

/// <summary>One seller's part of the cart: its lines, subtotal and the ways it can ship them to the destination.</summary>
public sealed record CartSellerGroup(Guid SellerId, string StoreName, string StoreSlug, string SellerCountry, IReadOnlyList<CartLineView> Lines, IReadOnlyList<ShippingChoice> ShippingChoices)
{
    public Money Subtotal => Lines.Where(l => l.Buyable).Aggregate(Money.Zero(Lines[0].UnitPrice.Currency), (sum, l) => sum + l.LineTotal);

    public int HandlingDays => Lines.Max(l => l.HandlingDays);
}

public sealed record CartView(Guid? CartId, IReadOnlyList<CartSellerGroup> Groups, string Destination)
{
    public static CartView Empty(string destination) => new(null, [], destination);

    public bool IsEmpty => Groups.Count == 0;

    public int ItemCount => Groups.Sum(g => g.Lines.Sum(l => l.Quantity));

    /// <summary>Every line can be bought and every seller ships to the destination.</summary>
    public bool ReadyForCheckout => !IsEmpty && Groups.All(g => g.ShippingChoices.Count > 0 && g.Lines.All(l => l.Buyable));
}

/// <summary>The cart as the buyer sees it now: today's prices and stock, grouped by seller, with shipping for the destination.</summary>
public sealed class CartQueries(MarketplaceDbContext db)
{
    public async Task<CartView> ViewAsync(Cart? cart, string destination, CancellationToken ct = default)
    {
        if (cart is null || cart.Lines.Count == 0)
        {
            return CartView.Empty(destination);
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
                    listing.Status == ListingStatus.Published && seller.Status == SellerStatus.Active));
            })
            .ToList();

        var groups = lines
            .GroupBy(x => x.listing.SellerId)
            .Select(g =>
            {
                var seller = sellers[g.Key];
                var choices = ShippingQuote.For(
                    g.Select(x => x.listing).DistinctBy(l => l.Id).Select(l => (IReadOnlyCollection<ShippingOption>)l.ShippingOptions).ToList(),
                    destination,
                    g.First().view.UnitPrice.Currency);
                return new CartSellerGroup(seller.Id, seller.StoreName, seller.Slug, seller.CountryCode, g.Select(x => x.view).ToList(), choices);
            })
            .OrderBy(g => g.StoreName)
            .ToList();

        return new CartView(cart.Id, groups, destination);
    }
}

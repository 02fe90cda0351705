using Marketplace.Core.Data;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Sellers;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Checkout;

/// <summary>Whose cart: a signed-in buyer's, or a guest's found by the id in the cart cookie.</summary>
public readonly record struct CartOwner(Guid? UserId, Guid? GuestCartId)
{
    public static CartOwner User(Guid userId) => new(userId, null);

    public static CartOwner Guest(Guid? cartId) => new(null, cartId);
}

/// <summary>Finds carts. A guest id never opens a signed-in buyer's cart.</summary>
public sealed class CartFinder(MarketplaceDbContext db)
{
    public Task<Cart?> FindAsync(CartOwner owner, CancellationToken ct) =>
        owner.UserId is { } userId
            ? db.Carts.FirstOrDefaultAsync(c => c.OwnerId == userId, ct)
            : owner.GuestCartId is { } cartId
                ? db.Carts.FirstOrDefaultAsync(c => c.Id == cartId && c.OwnerId == null, ct)
                : Task.FromResult<Cart?>(null);

    /// <summary>How many items the cart holds (the count beside "Cart" on every page).</summary>
    public async Task<int> CountAsync(CartOwner owner, CancellationToken ct) =>
        owner.UserId is not null || owner.GuestCartId is not null ? await QuantitiesIn(db, owner).SumAsync(ct) : 0;

    /// <summary>The quantity of each line in <paramref name="owner"/>'s cart.</summary>
    public static IQueryable<int> QuantitiesIn(MarketplaceDbContext db, CartOwner owner) =>
        owner.UserId is { } userId
            ? db.Carts.Where(c => c.OwnerId == userId).SelectMany(c => c.Lines).Select(l => l.Quantity)
            : db.Carts.Where(c => c.Id == owner.GuestCartId && c.OwnerId == null).SelectMany(c => c.Lines).Select(l => l.Quantity);
}

/// <summary>
/// Puts a variant of a published listing in the cart, if that much is in stock now and, when the buyer's ship-to
/// country is given, the seller ships there (else checkout would be blocked for the whole cart).
/// </summary>
public sealed class AddToCart(MarketplaceDbContext db, CartFinder carts, TimeProvider clock)
{
    public Task<Result<Cart>> ExecuteAsync(CartOwner owner, Guid listingId, Guid variantId, int quantity, CancellationToken ct = default) =>
        ExecuteAsync(owner, listingId, variantId, quantity, null, ct);

    public async Task<Result<Cart>> ExecuteAsync(CartOwner owner, Guid listingId, Guid variantId, int quantity, string? shipTo, CancellationToken ct = default)
    {
        if (await StockOnSaleAsync(db, variantId, listingId, ct) is not { } stock)
        {
            return CartErrors.NotAvailable;
        }

        if (shipTo is not null && !await db.Listings.Where(l => l.Id == listingId).SelectMany(l => l.ShippingOptions).AnyAsync(o => o.DestinationCountry == shipTo || o.DestinationCountry == null, ct))
        {
            return CartErrors.NotShipped(Text.Of(Countries.NameOf(shipTo)));
        }

        var now = clock.GetUtcNow();
        var cart = await carts.FindAsync(owner, ct);
        if (cart is null)
        {
            cart = new Cart(owner.UserId, now);
            db.Carts.Add(cart);
        }

        var inCart = cart.Lines.FirstOrDefault(l => l.VariantId == variantId)?.Quantity ?? 0;
        if (inCart + quantity > stock)
        {
            return stock == 0 ? CartErrors.SoldOut : inCart > 0
                ? DomainError.Of(CartErrors.SoldOut.Code, ErrorKind.Conflict, "Only {0} left in stock, and {1} already in your cart.", stock, inCart)
                : OnlyLeft(stock);
        }

        if (cart.Add(listingId, variantId, quantity, now) is { } error)
        {
            return error;
        }

        await db.SaveChangesAsync(ct);
        return Result<Cart>.Ok(cart);
    }

    /// <summary>The stock of a variant (of <paramref name="listingId"/>, when given) on sale now: its listing published, its seller active; else null.</summary>
    internal static Task<int?> StockOnSaleAsync(MarketplaceDbContext db, Guid variantId, Guid? listingId, CancellationToken ct) =>
        (from v in db.ListingVariants
         join l in db.Listings on v.ListingId equals l.Id
         join s in db.Sellers on l.SellerId equals s.Id
         where v.Id == variantId && (listingId == null || l.Id == listingId) && l.Status == ListingStatus.Published && s.Status == SellerStatus.Active
         select (int?)v.Stock)
            .FirstOrDefaultAsync(ct);

    internal static DomainError OnlyLeft(int stock) => DomainError.Of(CartErrors.SoldOut.Code, ErrorKind.Conflict, "Only {0} left in stock.", stock);
}

/// <summary>Changes a line's quantity (0 removes it).</summary>
public sealed class UpdateCartLine(MarketplaceDbContext db, CartFinder carts, TimeProvider clock)
{
    public async Task<DomainError?> ExecuteAsync(CartOwner owner, Guid variantId, int quantity, CancellationToken ct = default)
    {
        var cart = await carts.FindAsync(owner, ct);
        if (cart is null)
        {
            return CartErrors.NoSuchLine;
        }

        // More than before must be on sale, as adding it is (fewer or none always may be: that's how a problem is fixed).
        if (cart.Lines.FirstOrDefault(l => l.VariantId == variantId) is { } line && quantity > line.Quantity)
        {
            var stock = await AddToCart.StockOnSaleAsync(db, variantId, null, ct);
            if (stock is null)
            {
                return CartErrors.NotAvailable;
            }

            if (quantity > stock)
            {
                return stock == 0 ? CartErrors.SoldOut : AddToCart.OnlyLeft(stock.Value);
            }
        }

        if (cart.SetQuantity(variantId, quantity, clock.GetUtcNow()) is { } error)
        {
            return error;
        }

        await db.SaveChangesAsync(ct);
        return null;
    }
}

/// <summary>At sign-in, a guest's cart joins the account's cart (or becomes it).</summary>
public sealed class MergeGuestCart(MarketplaceDbContext db, TimeProvider clock)
{
    public async Task ExecuteAsync(Guid userId, Guid guestCartId, CancellationToken ct = default)
    {
        var guest = await db.Carts.FirstOrDefaultAsync(c => c.Id == guestCartId && c.OwnerId == null, ct);
        if (guest is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var mine = await db.Carts.FirstOrDefaultAsync(c => c.OwnerId == userId, ct);
        if (mine is null)
        {
            mine = new Cart(userId, now);
            db.Carts.Add(mine);
        }

        mine.Absorb(guest, now);
        db.Carts.Remove(guest);
        await db.SaveChangesAsync(ct);
    }
}

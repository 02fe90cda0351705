using Marketplace.Domain.Common;

namespace Marketplace.Domain.Orders;

/// <summary>
/// What a buyer means to buy, from any number of sellers. A guest's cart is found by a cookie
/// (<see cref="OwnerId"/> null) and merged into the account's cart at sign-in. Prices and stock are not
/// copied here: the cart always shows today's, and checkout checks them again.
/// </summary>
public sealed class Cart
{
    public const int MaxQuantity = 99;
    public const int MaxLines = 50;

    private readonly List<CartLine> _lines = [];

    private Cart()
    {
    }

    public Cart(Guid? ownerId, DateTimeOffset now)
    {
        Id = Ids.New();
        OwnerId = ownerId;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid? OwnerId { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<CartLine> Lines => _lines;

    public int ItemCount => _lines.Sum(l => l.Quantity);

    /// <summary>Adds to the line of that variant (one line per variant), up to <see cref="MaxQuantity"/>.</summary>
    public DomainError? Add(Guid listingId, Guid variantId, int quantity, DateTimeOffset now)
    {
        if (quantity is < 1 or > MaxQuantity)
        {
            return CartErrors.BadQuantity;
        }

        var line = _lines.FirstOrDefault(l => l.VariantId == variantId);
        if (line is null)
        {
            if (_lines.Count >= MaxLines)
            {
                return CartErrors.Full;
            }

            _lines.Add(new CartLine(listingId, variantId, quantity));
        }
        else
        {
            line.Quantity = Math.Min(MaxQuantity, line.Quantity + quantity);
        }

        UpdatedAt = now;
        return null;
    }

    /// <summary>Sets a line's quantity; 0 removes it.</summary>
    public DomainError? SetQuantity(Guid variantId, int quantity, DateTimeOffset now)
    {
        if (quantity is < 0 or > MaxQuantity)
        {
            return CartErrors.BadQuantity;
        }

        var line = _lines.FirstOrDefault(l => l.VariantId == variantId);
        if (line is null)
        {
            return CartErrors.NoSuchLine;
        }

        if (quantity == 0)
        {
            _lines.Remove(line);
        }
        else
        {
            line.Quantity = quantity;
        }

        UpdatedAt = now;
        return null;
    }

    /// <summary>Takes a guest cart's lines into this one (quantities of the same variant add up, capped).</summary>
    public void Absorb(Cart guest, DateTimeOffset now)
    {
        foreach (var line in guest._lines)
        {
            _ = Add(line.ListingId, line.VariantId, line.Quantity, now);
        }

        guest._lines.Clear();
    }

    public void Remove(IEnumerable<Guid> variantIds, DateTimeOffset now)
    {
        var ids = variantIds.ToHashSet();
        _lines.RemoveAll(l => ids.Contains(l.VariantId));
        UpdatedAt = now;
    }
}

public sealed class CartLine
{
    private CartLine()
    {
    }

    internal CartLine(Guid listingId, Guid variantId, int quantity)
    {
        Id = Ids.New();
        ListingId = listingId;
        VariantId = variantId;
        Quantity = quantity;
    }

    public Guid Id { get; private set; }

    public Guid CartId { get; private set; }

    public Guid ListingId { get; private set; }

    public Guid VariantId { get; private set; }

    public int Quantity { get; internal set; }
}

public static class CartErrors
{
    public static readonly DomainError BadQuantity = DomainError.Of("cart.bad_quantity", "Choose a quantity from 1 to {0}.", Cart.MaxQuantity);
    public static readonly DomainError Full = DomainError.Of("cart.full", "A cart holds at most {0} different items.", Cart.MaxLines);
    public static readonly DomainError NoSuchLine = new("cart.no_such_line", "That item is not in your cart.", ErrorKind.NotFound);
    public static readonly DomainError NotAvailable = new("cart.not_available", "That item is no longer available.", ErrorKind.NotFound);
    public static readonly DomainError SoldOut = new("cart.sold_out", "Sold out: there isn't enough stock left for that quantity.", ErrorKind.Conflict);

    /// <summary>The seller has no shipping option to where the buyer ships (the "Ship to" country).</summary>
    public static DomainError NotShipped(Text countryName) =>
        DomainError.Of("cart.not_shipped", ErrorKind.Conflict, "This seller doesn't ship to {0}. Change “Ship to” at the top if it goes elsewhere, or pick another item.", countryName);
}

using Marketplace.Core.Data;
using Marketplace.Domain.Common;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Checkout;

/// <summary>What the checkout form sends: where to ship, one shipping method name per seller, and the buyer's currency.</summary>
public sealed record CheckoutRequest(ShippingAddress Address, IReadOnlyDictionary<Guid, string> ShippingMethodBySeller, string? Currency = null);

public static class PlaceOrderErrors
{
    public static DomainError NoShipping(string store, string country) =>
        DomainError.Of("checkout.no_shipping", "{0} doesn't ship to {1}. Remove its items or choose another address.", store, Text.Of(Countries.NameOf(country)));

    public static DomainError ChooseShipping(string store) =>
        DomainError.Of("checkout.choose_shipping", "Choose how {0} should ship your items.", store);

    public static DomainError SoldOut(string title) =>
        DomainError.Of("checkout.sold_out", ErrorKind.Conflict, "Sold out: \"{0}\" no longer has enough stock for your quantity. Nothing was charged.", title);

    public static DomainError TooLarge(string currency) =>
        DomainError.Of("checkout.too_large", "One checkout can be at most {0}. Split your cart into several checkouts.", new Money(Money.MaxCheckoutTotal, currency));

    public static DomainError Unavailable(string title) =>
        DomainError.Of("checkout.unavailable", ErrorKind.Conflict, "\"{0}\" is no longer available. Remove it from your cart to continue.", title);
}

/// <summary>
/// Turns the buyer's cart into one unpaid order per seller and one payment for them all. Stock is taken
/// with one conditional UPDATE per variant inside the same transaction, so racing buyers can never
/// oversell: the loser's UPDATE finds too little stock, everything rolls back and they read "sold out".
/// </summary>
public sealed class PlaceOrder(MarketplaceDbContext db, CartFinder carts, CartQueries cartQueries, Rules.RulesStore rulesStore, TimeProvider clock)
{
    public async Task<Result<CheckoutPayment>> ExecuteAsync(Guid buyerId, CheckoutRequest request, CancellationToken ct = default)
    {
        var cart = await carts.FindAsync(CartOwner.User(buyerId), ct);
        var view = await cartQueries.ViewAsync(cart, request.Address.CountryCode, request.Currency, ct);
        if (view.IsEmpty)
        {
            // The second of a double submit that came after the first had finished: where the first went.
            return await PlacedJustNowAsync(buyerId, request, null, clock.GetUtcNow(), ct) is { } placed ? Result<CheckoutPayment>.Ok(placed) : CheckoutErrors.EmptyCart;
        }

        if (view.CurrencyProblem is not null)
        {
            return CartQueries.MixedCurrencies;
        }

        if (view.Groups.SelectMany(g => g.Lines).FirstOrDefault(l => !l.Available) is { } gone)
        {
            return PlaceOrderErrors.Unavailable(gone.Title);
        }

        // The last units may have gone to this very checkout, submitted twice: then it isn't sold out for this buyer.
        var lines = view.Groups.SelectMany(g => g.Lines).Select(l => (l.VariantId, l.Quantity)).ToHashSet();
        async Task<Result<CheckoutPayment>> SoldOutUnlessPlacedAsync(string title) =>
            await PlacedJustNowAsync(buyerId, request, lines, clock.GetUtcNow(), ct) is { } placed ? Result<CheckoutPayment>.Ok(placed) : PlaceOrderErrors.SoldOut(title);

        if (view.Groups.SelectMany(g => g.Lines).FirstOrDefault(l => l.Stock < l.Quantity) is { } tooFew)
        {
            return await SoldOutUnlessPlacedAsync(tooFew.Title);
        }

        var plans = new List<(CartSellerGroup Group, ShippingChoice Shipping)>();
        foreach (var group in view.Groups)
        {
            if (group.ShippingChoices.Count == 0)
            {
                return PlaceOrderErrors.NoShipping(group.StoreName, request.Address.CountryCode);
            }

            var method = request.ShippingMethodBySeller.GetValueOrDefault(group.SellerId);
            var choice = group.SellerShippingChoices.FirstOrDefault(c => c.Method == method);
            if (choice is null)
            {
                return PlaceOrderErrors.ChooseShipping(group.StoreName);
            }

            plans.Add((group, choice));
        }

        // A category without its own commission takes its parent's, up the tree; the platform's rate at the top.
        var categories = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.ParentId, c.CommissionOverrideBasisPoints }).ToDictionaryAsync(c => c.Id, ct);
        var rules = await rulesStore.CurrentAsync(ct);
        int CommissionOf(Guid categoryId)
        {
            for (var (id, depth) = ((Guid?)categoryId, 0); id is { } at && categories.TryGetValue(at, out var category) && depth < 10; (id, depth) = (category.ParentId, depth + 1))
            {
                if (category.CommissionOverrideBasisPoints is { } own)
                {
                    return own;
                }
            }

            return rules.CommissionBasisPoints;
        }

        var now = clock.GetUtcNow();
        var total = plans.Aggregate(Money.Zero(view.Currency), (sum, p) => sum + p.Group.Subtotal + p.Group.Rate.Convert(p.Shipping.Price));
        if (total.Amount > Money.MaxCheckoutTotal)
        {
            return PlaceOrderErrors.TooLarge(view.Currency);
        }

        var payment = new CheckoutPayment(buyerId, total, now, rules.PaymentWindow);
        var orders = plans
            .Select(p => Order.Place(
                payment.Id,
                buyerId,
                p.Group.SellerId,
                request.Address,
                p.Shipping,
                rules.HandlingDaysFor(p.Group.HandlingDays),
                // One rate per order: with items from differently-priced categories the seller pays the lowest.
                p.Group.Lines.Min(l => CommissionOf(l.CategoryId)),
                p.Group.Lines.Select(l => new OrderLineInput(l.ListingId, l.VariantId, l.Title, l.VariantName, l.Sku, l.SellerUnitPrice, l.Quantity)).ToList(),
                now,
                rules,
                p.Group.Rate))
            .ToList();
        if (orders.Sum(o => o.Total.Amount) != total.Amount)
        {
            throw new InvalidOperationException("The orders don't add up to the checkout's total.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var line in view.Groups.SelectMany(g => g.Lines))
        {
            var taken = await db.ListingVariants
                .Where(v => v.Id == line.VariantId && v.Stock >= line.Quantity)
                .ExecuteUpdateAsync(set => set.SetProperty(v => v.Stock, v => v.Stock - line.Quantity).SetProperty(v => v.Version, v => v.Version + 1), ct);
            if (taken == 0)
            {
                await transaction.RollbackAsync(ct);
                return await SoldOutUnlessPlacedAsync(line.Title);
            }
        }

        await Catalog.CatalogChangeInterceptor.TouchAsync(db, view.Groups.SelectMany(g => g.Lines).Select(l => l.ListingId));

        db.CheckoutPayments.Add(payment);
        db.Orders.AddRange(orders);
        cart!.Remove(view.Groups.SelectMany(g => g.Lines).Select(l => l.VariantId), now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The cart changed since it was read: most often the same checkout submitted twice at once (two tabs, a double
            // click), and the other one placed these very orders. Nothing of this attempt is kept (stock included).
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await PlacedJustNowAsync(buyerId, request, lines, now, ct) is { } placed
                ? Result<CheckoutPayment>.Ok(placed)
                : CheckoutErrors.CartChanged;
        }

        await transaction.CommitAsync(ct);
        return Result<CheckoutPayment>.Ok(payment);
    }

    /// <summary>
    /// The buyer's newest unpaid checkout of the last minute placed as <paramref name="request"/> asks (the same address,
    /// each seller's shipping method and the currency) and, when given, holding exactly <paramref name="lines"/>: what a
    /// repeated submit of the same checkout form means. A form changed before it was sent again (another address, another
    /// method) is not the same checkout.
    /// </summary>
    private async Task<CheckoutPayment?> PlacedJustNowAsync(Guid buyerId, CheckoutRequest request, HashSet<(Guid VariantId, int Quantity)>? lines, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - TimeSpan.FromMinutes(1);
        var recent = await db.CheckoutPayments
            .AsNoTracking()
            .Where(p => p.BuyerId == buyerId && p.Status == PaymentStatus.AwaitingPayment && p.CreatedAt >= since)
            .OrderByDescending(p => p.CreatedAt)
            .Take(3)
            .ToListAsync(ct);
        var ids = recent.Where(p => request.Currency is null || p.Amount.Currency == request.Currency).Select(p => p.Id).ToList();
        var ordersOf = (await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => ids.Contains(o.CheckoutId)).ToListAsync(ct)).ToLookup(o => o.CheckoutId);
        foreach (var candidate in recent.Where(p => ids.Contains(p.Id)))
        {
            var placed = ordersOf[candidate.Id].ToList();
            var asAsked = placed.Count > 0 && placed.All(o =>
                o.Address == request.Address
                && request.ShippingMethodBySeller.TryGetValue(o.SellerId, out var method) && method == o.Shipping.Method);
            var items = placed.SelectMany(o => o.Lines).Select(l => (l.VariantId, l.Quantity)).ToList();
            if (asAsked && (lines is null || (items.Count == lines.Count && items.All(lines.Contains))))
            {
                return candidate;
            }
        }

        return null;
    }
}

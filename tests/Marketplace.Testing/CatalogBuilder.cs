using Marketplace.Core.Data;
using Marketplace.Core.Identity;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Sellers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Testing;

/// <summary>Puts sellers and listings straight into the app's database for tests that read the catalog.</summary>
public sealed class CatalogBuilder(MarketplaceAppFactory factory)
{
    public async Task<Category> CategoryAsync(string name, Category? parent = null)
    {
        var category = new Category(name, Slug.From(name), parent?.Id);
        await SaveAsync(db => db.Categories.Add(category));
        return category;
    }

    public async Task<Seller> SellerAsync(string storeName, string country, string? currency = null)
    {
        var user = await factory.CreateUserAsync($"{Slug.From(storeName)}-{Guid.NewGuid():N}@test.local", true, Roles.Seller);
        var seller = new Seller(user.Id, storeName, country, $"{storeName} sells things.", factory.Clock.GetUtcNow().AddYears(-2), approved: true, currency);
        await SaveAsync(db => db.Sellers.Add(seller));
        return seller;
    }

    /// <summary>
    /// A published listing; <paramref name="configure"/> adds variants and shipping (defaults: one $10 variant, ships everywhere).
    /// Priced in US dollars unless <paramref name="currency"/> says otherwise (what most tests assume, whatever the store's country).
    /// </summary>
    public async Task<Listing> ListingAsync(
        Seller seller, Category category, string title, string description = "A fine item.", int handlingDays = 3,
        Action<Listing>? configure = null, DateTimeOffset? publishedAt = null, bool publish = true, string currency = "USD")
    {
        var now = publishedAt ?? factory.Clock.GetUtcNow();
        var listing = new Listing(seller.Id, category.Id, title, description, handlingDays, currency, now);
        if (configure is null)
        {
            listing.AddVariant($"SKU-{Guid.NewGuid():N}"[..20], "Standard", new Money(1000, "USD"), 10);
            listing.AddShippingOption(null, ShippingMethod.Standard, "Post", new Money(500, "USD"), 5, 10);
        }
        else
        {
            configure(listing);
        }

        if (publish)
        {
            var published = listing.Publish(now);
            if (!published.Succeeded)
            {
                throw new InvalidOperationException(published.Error!.Message);
            }
        }

        await SaveAsync(db => db.Listings.Add(listing));
        return listing;
    }

    /// <summary>
    /// Many published listings in one save, newest first by index (title i = i minutes old), shipping everywhere or only
    /// to <paramref name="shipsTo"/>.
    /// </summary>
    public async Task ManyListingsAsync(Seller seller, Category category, int count, Func<int, string> title, string? shipsTo = null)
    {
        var now = factory.Clock.GetUtcNow();
        var listings = Enumerable.Range(0, count).Select(i =>
        {
            var listing = new Listing(seller.Id, category.Id, title(i), "Bulk item.", 3, "USD", now.AddMinutes(-i));
            listing.AddVariant($"BULK-{i}", "Standard", new Money(1000 + i, "USD"), 1);
            listing.AddShippingOption(shipsTo, ShippingMethod.Standard, "Post", new Money(0, "USD"), 5, 10);
            listing.Publish(now.AddMinutes(-i));
            return listing;
        }).ToList();
        await SaveAsync(db => db.Listings.AddRange(listings));
    }

    /// <summary>What the seller's editor does to a price: every variant of the listing at <paramref name="amount"/> US cents, through the app's own context.</summary>
    public async Task ChangePriceAsync(Guid listingId, long amount)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var listing = await db.Listings.Include(l => l.Variants).SingleAsync(l => l.Id == listingId);
        listing.SetVariants(listing.Variants.Select(v => new VariantInput(v.Id, v.Sku, v.Name, new Money(amount, "USD"), v.Stock)).ToList(), factory.Clock.GetUtcNow());
        await db.SaveChangesAsync();
    }

    private async Task SaveAsync(Action<MarketplaceDbContext> change)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        change(db);
        await db.SaveChangesAsync();
    }
}

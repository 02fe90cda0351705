using Marketplace.Core.Data;
using Marketplace.Core.Identity;
using Marketplace.Core.Storage;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Sellers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Demo;

/// <summary>
/// Fills an empty database with a demo marketplace: an admin, five buyers, five sellers from five
/// countries and 87 published listings with specs, variants, shipping options and locally drawn photos, and twelve
/// weeks of orders between them (<see cref="DemoOrders"/>). Deterministic (fixed random seed), and a no-op when any user exists.
/// </summary>
public sealed class DemoDataSeeder(
    MarketplaceDbContext db,
    UserManager<AppUser> users,
    RoleSeeder roles,
    IFileStorage storage,
    TimeProvider clock)
{
    /// <summary>The demo accounts' password in Development and tests; elsewhere each seeding draws a new one (<see cref="NewPassword"/>).</summary>
    public const string Password = "Demo-Pass-1";

    private string _password = Password;

    private RateTable _rates = RateTable.Empty;

    /// <summary>A password nobody knows in advance (for a demo seeded outside Development): 20 random characters meeting Identity's rules.</summary>
    public static string NewPassword() =>
        "Dm-" + System.Security.Cryptography.RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 16) + "-7a";
    public const string AdminEmail = "admin@demo.marketplace";
    public const string RightsHolderEmail = "legal@demo.marketplace";
    /// <summary>The demo catalogue's prices are written in US dollars and converted into each store's currency at the shipped rates.</summary>
    public const string Currency = "USD";

    public static string BuyerEmail(int n) => $"buyer{n}@demo.marketplace";

    public static string SellerEmail(string storeKey) => $"seller-{storeKey}@demo.marketplace";

    public async Task<bool> SeedAsync(CancellationToken ct = default) => await SeedAsync(Password, ct);

    /// <summary>Seeds the demo with every account's password set to <paramref name="password"/>; false when the database already has users.</summary>
    public async Task<bool> SeedAsync(string password, CancellationToken ct = default)
    {
        _password = password;
        await roles.EnsureRolesAsync();
        if (await db.Users.AnyAsync(ct))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var random = new Random(20261127);

        await CreateUserAsync(AdminEmail, "Ada Admin", "IE", now.AddYears(-3), Roles.Admin);
        await CreateUserAsync(RightsHolderEmail, "Brand Legal Team", "FR", now.AddYears(-1), Roles.RightsHolder);
        await new Trust.BrandRegistry(db, clock).ImportShippedAsync(null, ct);
        _rates = Exchange.ExchangeRatesStore.Shipped(now);
        if (!await db.ExchangeRates.AnyAsync(ct))
        {
            db.ExchangeRates.AddRange(Exchange.ExchangeRateRow.From(_rates));
        }

        string[] buyerCountries = ["US", "GB", "FR", "BR", "AU"];
        string[] buyerNames = ["Sam Carter", "Olivia Brown", "Lucas Martin", "Beatriz Souza", "Noah Wilson"];
        var buyers = new List<(Guid Id, string Name, string Country)>();
        for (var i = 0; i < buyerCountries.Length; i++)
        {
            var buyer = await CreateUserAsync(BuyerEmail(i + 1), buyerNames[i], buyerCountries[i], now.AddDays(-random.Next(30, 700)));
            buyers.Add((buyer.Id, buyerNames[i], buyerCountries[i]));
        }

        var stores = new Dictionary<string, Seller>();
        foreach (var store in DemoCatalog.Stores)
        {
            var since = now.AddDays(-random.Next(200, 1500));
            var user = await CreateUserAsync(SellerEmail(store.Key), store.OwnerName, store.Country, since, Roles.Seller);
            var seller = new Seller(user.Id, store.StoreName, store.Country, store.Description, since, approved: true);
            db.Sellers.Add(seller);
            stores[store.Key] = seller;
        }

        var categories = new Dictionary<string, Category>();
        foreach (var seed in DemoCatalog.Categories)
        {
            var parent = seed.Parent is null ? null : categories[seed.Parent];
            var category = new Category(seed.Name, seed.Slug, parent?.Id).RequireSpecs(seed.RequiredSpecs);
            db.Categories.Add(category);
            categories[seed.Slug] = category;
        }

        await db.SaveChangesAsync(ct);

        var listings = new List<(Listing, Seller)>();
        foreach (var seed in DemoCatalog.Categories)
        {
            var storeKeys = StoresFor(seed.Slug);
            for (var i = 0; i < seed.Products.Length; i++)
            {
                var product = seed.Products[i];
                var store = storeKeys[i % storeKeys.Length];
                var listing = await BuildListingAsync(product, categories[seed.Slug], stores[store], store, seed.Hue, now, random, ct);
                db.Listings.Add(listing);
                listings.Add((listing, stores[store]));
            }

            await db.SaveChangesAsync(ct);
        }

        DemoOrders.Add(db, buyers, listings, now, random);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<Listing> BuildListingAsync(
        DemoCatalog.Product product, Category category, Seller seller, string storeKey, float hue, DateTimeOffset now, Random random, CancellationToken ct)
    {
        var published = now.AddHours(-random.Next(1, 24 * 60));
        var listing = new Listing(seller.Id, category.Id, product.Title, product.Blurb + "\n\n" + Boilerplate(seller), random.Next(1, 6), seller.Currency, published.AddDays(-1));
        listing.SetLanguage("en", published.AddDays(-1));
        foreach (var spec in product.Specs)
        {
            var parts = spec.Split('=', 2);
            listing.AddSpec(parts[0], parts[1]);
        }

        var skuStem = $"{storeKey.ToUpperInvariant()}-{Slug.From(product.Title, 12).ToUpperInvariant()}";
        for (var v = 0; v < product.Variants.Length; v++)
        {
            var price = product.PriceCents + (v * (product.PriceCents / 20));
            var stock = random.Next(0, 10) == 0 ? 0 : random.Next(3, 150);
            listing.AddVariant($"{skuStem}-{v + 1}", product.Variants[v], InStoreCurrency(price, seller), stock);
        }

        AddShipping(listing, storeKey, cents => InStoreCurrency(cents, seller));

        for (var n = 0; n < 2; n++)
        {
            var key = $"listings/{listing.Id:N}/{n + 1}.jpg";
            var thumb = $"listings/{listing.Id:N}/{n + 1}-thumb.jpg";
            var shape = Math.Abs(product.Title.GetHashCode(StringComparison.Ordinal) % 3) + n;
            await SaveAsync(key, DemoImages.Render(ShortName(product.Title), hue, shape, 640), ct);
            await SaveAsync(thumb, DemoImages.Render(ShortName(product.Title), hue, shape, 320), ct);
            listing.AddImage(key, thumb, "image/jpeg", n == 0 ? product.Title : $"{product.Title}, another view");
        }

        _ = listing.Publish(published);
        return listing;
    }

    private static string[] StoresFor(string categorySlug) => categorySlug switch
    {
        "electronics" or "phone-accessories" => ["cn", "cn", "us"],
        "home-kitchen" => ["de", "jp", "pt"],
        "fashion" => ["pt", "pt", "cn"],
        "sports-outdoors" or "pet-supplies" => ["us", "us", "de"],
        "toys-games" => ["cn", "pt"],
        "beauty-health" => ["pt", "cn"],
        "garden-tools" => ["de", "jp", "us"],
        _ => ["jp"],
    };

    private static readonly string[] _euNeighbours = ["FR", "NL", "AT", "BE", "IT", "ES", "PL", "PT", "DK", "IE"];

    /// <summary>A catalogue price (US cents) in the store's currency at the shipped rates, made to look like a shop's price (¥1,480, €27.99).</summary>
    private Money InStoreCurrency(long usdCents, Seller seller)
    {
        var converted = _rates.Between(Currency, seller.Currency)!.Value.Convert(new Money(usdCents, Currency));
        if (converted.Currency == Currency || converted.IsZero)
        {
            return converted;
        }

        var step = Money.MinorDigits(converted.Currency) == 0 ? 10 : 100;
        var rounded = (converted.Amount + step - 1) / step * step;
        return new Money(step == 100 ? rounded - 1 : rounded, converted.Currency);
    }

    private static void AddShipping(Listing listing, string storeKey, Func<long, Money> usd)
    {
        switch (storeKey)
        {
            case "cn":
                listing.AddShippingOption("US", ShippingMethod.Standard, "Cainiao", usd(299), 8, 15);
                listing.AddShippingOption("US", ShippingMethod.ExpressCourier, "DHL Express", usd(1999), 3, 6);
                listing.AddShippingOption(null, ShippingMethod.EconomyMail, "China Post", usd(0), 15, 35);
                listing.AddShippingOption(null, ShippingMethod.Standard, "Cainiao", usd(399), 10, 20);
                listing.AddShippingOption(null, ShippingMethod.ExpressCourier, "DHL Express", usd(2499), 4, 8);
                break;
            case "de":
                listing.AddShippingOption("DE", ShippingMethod.Standard, "DHL Paket", usd(499), 1, 3);
                foreach (var country in _euNeighbours)
                {
                    listing.AddShippingOption(country, ShippingMethod.Standard, "DHL Paket International", usd(999), 3, 6);
                    listing.AddShippingOption(country, ShippingMethod.ExpressCourier, "DHL Express", usd(2499), 1, 3);
                }

                break;
            case "jp":
                listing.AddShippingOption("JP", ShippingMethod.Standard, "Yamato Transport", usd(0), 1, 2);
                listing.AddShippingOption(null, ShippingMethod.EconomyMail, "Japan Post Airmail", usd(999), 10, 25);
                listing.AddShippingOption(null, ShippingMethod.ExpressCourier, "Japan Post EMS", usd(2999), 4, 10);
                break;
            case "us":
                listing.AddShippingOption("US", ShippingMethod.Standard, "USPS Ground Advantage", usd(0), 3, 6);
                listing.AddShippingOption("US", ShippingMethod.ExpressCourier, "UPS Next Day Air", usd(1499), 1, 3);
                listing.AddShippingOption("CA", ShippingMethod.Standard, "USPS First-Class International", usd(999), 6, 12);
                listing.AddShippingOption("MX", ShippingMethod.Standard, "USPS First-Class International", usd(999), 6, 14);
                listing.AddShippingOption(null, ShippingMethod.Standard, "USPS Priority Mail International", usd(2499), 8, 20);
                break;
            default:
                listing.AddShippingOption("PT", ShippingMethod.Standard, "CTT", usd(0), 1, 3);
                foreach (var country in _euNeighbours.Where(c => c != "PT").Append("DE"))
                {
                    listing.AddShippingOption(country, ShippingMethod.Standard, "CTT Expresso", usd(599), 3, 7);
                }

                listing.AddShippingOption(null, ShippingMethod.EconomyMail, "CTT Correio Internacional", usd(1299), 10, 25);
                listing.AddShippingOption(null, ShippingMethod.ExpressCourier, "DHL Express", usd(2999), 3, 6);
                break;
        }
    }

    private static string Boilerplate(Seller seller) =>
        $"Sold and shipped by {seller.StoreName}. Every order is protected: your payment is held in escrow until you confirm the item arrived as described.";

    private static string ShortName(string title)
    {
        var cut = title.IndexOfAny([',', ':']);
        return cut > 0 ? title[..cut] : title;
    }

    private async Task SaveAsync(string key, byte[] bytes, CancellationToken ct)
    {
        using var stream = new MemoryStream(bytes);
        await storage.SaveAsync(key, stream, ct);
    }

    private async Task<AppUser> CreateUserAsync(string email, string name, string country, DateTimeOffset createdAt, params string[] userRoles)
    {
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            CountryCode = country,
            CreatedAt = createdAt,
        };
        var created = await users.CreateAsync(user, _password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Demo user could not be created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRolesAsync(user, userRoles);
        return user;
    }
}

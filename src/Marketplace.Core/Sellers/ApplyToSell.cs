using Marketplace.Core.Data;
using Marketplace.Core.Identity;
using Marketplace.Domain.Common;
using Marketplace.Domain.Sellers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Core.Sellers;

public sealed class SellerOptions
{
    /// <summary>When true, new stores wait for an admin; the embedded default approves at once.</summary>
    public bool RequireApproval { get; set; }
}

/// <param name="Currency">What the store prices in; null or empty: the country's currency (when enabled, else USD).</param>
public sealed record SellerApplication(string StoreName, string CountryCode, string Description, string? Currency = null);

public static class SellerErrors
{
    public static readonly DomainError AlreadySelling = new("seller.exists", "You already have a store.", ErrorKind.Conflict);
    public static readonly DomainError NameTaken = new("seller.name_taken", "Another store already uses that name.");
    public static readonly DomainError UnknownCountry = new("seller.country", "Choose your country from the list.");
    public static readonly DomainError UnknownCurrency = new("seller.currency", "Choose your store's currency from the list.");
    public static readonly DomainError NameRequired = new("seller.name", "A store name needs 3–80 characters, with letters or digits.");
}

/// <summary>Any signed-in user opens a store; it is active at once unless approval is required.</summary>
public sealed class ApplyToSell(MarketplaceDbContext db, UserManager<AppUser> users, IOptions<SellerOptions> options, TimeProvider clock)
{
    public async Task<Result<Seller>> ExecuteAsync(Guid userId, SellerApplication application, CancellationToken ct = default)
    {
        var name = application.StoreName.Trim();
        if (name.Length is < 3 or > 80 || Slug.From(name).Length == 0)
        {
            return SellerErrors.NameRequired;
        }

        if (!Countries.IsKnown(application.CountryCode))
        {
            return SellerErrors.UnknownCountry;
        }

        var currency = string.IsNullOrWhiteSpace(application.Currency) ? null : application.Currency.Trim().ToUpperInvariant();
        if (currency is not null && !Currencies.IsEnabled(currency))
        {
            return SellerErrors.UnknownCurrency;
        }

        if (await db.Sellers.AnyAsync(s => s.UserId == userId, ct))
        {
            return SellerErrors.AlreadySelling;
        }

        var slug = Slug.From(name);
        if (await db.Sellers.AnyAsync(s => s.Slug == slug, ct))
        {
            return SellerErrors.NameTaken;
        }

        var seller = new Seller(userId, name, application.CountryCode, application.Description, clock.GetUtcNow(), approved: !options.Value.RequireApproval, currency);
        db.Sellers.Add(seller);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two applications at once: the unique indexes decide.
            return await db.Sellers.AnyAsync(s => s.UserId == userId, ct) ? SellerErrors.AlreadySelling : SellerErrors.NameTaken;
        }

        if (seller.IsActive)
        {
            var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("The user vanished.");
            if (!await users.IsInRoleAsync(user, Roles.Seller))
            {
                await users.AddToRoleAsync(user, Roles.Seller);
            }
        }

        return Result<Seller>.Ok(seller);
    }
}

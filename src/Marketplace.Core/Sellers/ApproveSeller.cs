using Marketplace.Core.Data;
using Marketplace.Core.Identity;
using Marketplace.Core.Trust;
using Marketplace.Domain.Common;
using Marketplace.Domain.Trust;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Sellers;

/// <summary>An admin opens a store that waited for approval; its owner becomes a seller.</summary>
public sealed class ApproveSeller(MarketplaceDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    public async Task<Result<Domain.Sellers.Seller>> ExecuteAsync(Guid adminId, Guid sellerId, CancellationToken ct = default)
    {
        var seller = await db.Sellers.FirstOrDefaultAsync(s => s.Id == sellerId, ct);
        if (seller is null)
        {
            return new DomainError("seller.not_found", "No such store.", ErrorKind.NotFound);
        }

        seller.Approve();
        db.Record(adminId, AdminActions.ApproveSeller, "Seller", seller.Id, seller.StoreName, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        var user = await users.FindByIdAsync(seller.UserId.ToString());
        if (user is not null && !await users.IsInRoleAsync(user, Roles.Seller))
        {
            await users.AddToRoleAsync(user, Roles.Seller);
        }

        return Result<Domain.Sellers.Seller>.Ok(seller);
    }
}

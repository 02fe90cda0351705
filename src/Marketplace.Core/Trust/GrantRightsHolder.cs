using Marketplace.Core.Data;
using Marketplace.Core.Identity;
using Marketplace.Domain.Common;
using Marketplace.Domain.Trust;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Core.Trust;

/// <summary>An admin lets a verified brand owner file takedown notices (the RightsHolder role), audited.</summary>
public sealed class GrantRightsHolder(MarketplaceDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    public async Task<Result<AppUser>> ExecuteAsync(Guid adminId, Guid userId, string? reason, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return TrustErrors.UserNotFound;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return TrustErrors.ReasonRequired;
        }

        if (!await users.IsInRoleAsync(user, Roles.RightsHolder))
        {
            db.Record(adminId, AdminActions.GrantRightsHolder, "User", userId, reason.Trim(), clock.GetUtcNow());
            await users.AddToRoleAsync(user, Roles.RightsHolder);
        }

        return Result<AppUser>.Ok(user);
    }
}

using Marketplace.Core.Data;
using Marketplace.Core.Identity;
using Marketplace.Core.Notifications;
using Marketplace.Domain.Common;
using Marketplace.Domain.Trust;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Trust;

public static class TrustErrors
{
    public static readonly DomainError UserNotFound = new("user.not_found", "No such user.", ErrorKind.NotFound);
    public static readonly DomainError ReasonRequired = new("trust.reason", "Write the reason: it is recorded and the person is told.");
    public static readonly DomainError NotYourself = new("user.self", "You can't suspend your own account.");
    public static readonly DomainError AlreadySuspended = new("user.suspended", "This account is already suspended.", ErrorKind.Conflict);
    public static readonly DomainError NotSuspended = new("user.not_suspended", "This account isn't suspended.", ErrorKind.Conflict);
}

/// <summary>
/// An admin suspends or reinstates an account (SPEC §5). A suspended user can't sign in (and open sessions end at
/// the next security-stamp check), their store and its listings leave the shop, and nothing else changes: their
/// open orders keep their protection and their holds keep their normal release dates, never earlier.
/// </summary>
public sealed class Suspensions(MarketplaceDbContext db, UserManager<AppUser> users, Notifier notifier, TimeProvider clock)
{
    public async Task<Result<AppUser>> SuspendAsync(Guid adminId, Guid userId, string? reason, CancellationToken ct = default)
    {
        if (adminId == userId)
        {
            return TrustErrors.NotYourself;
        }

        return await ChangeAsync(adminId, userId, reason, suspend: true, ct);
    }

    public Task<Result<AppUser>> ReinstateAsync(Guid adminId, Guid userId, string? reason, CancellationToken ct = default) =>
        ChangeAsync(adminId, userId, reason, suspend: false, ct);

    private async Task<Result<AppUser>> ChangeAsync(Guid adminId, Guid userId, string? reason, bool suspend, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return TrustErrors.UserNotFound;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return TrustErrors.ReasonRequired;
        }

        if (suspend == (user.SuspendedAt is not null))
        {
            return suspend ? TrustErrors.AlreadySuspended : TrustErrors.NotSuspended;
        }

        var now = clock.GetUtcNow();
        reason = reason.Trim();
        user.SuspendedAt = suspend ? now : null;
        user.SuspensionReason = suspend ? reason : null;
        var seller = await db.Sellers.FirstOrDefaultAsync(s => s.UserId == userId, ct);
        if (suspend)
        {
            seller?.Suspend();
        }
        else
        {
            seller?.Reinstate();
        }

        db.Record(adminId, suspend ? AdminActions.SuspendUser : AdminActions.ReinstateUser, "User", userId, reason, now);
        await notifier.AddAsync(
            [
                suspend
                    ? new Notice(userId, null, Text.Of("Your account is suspended"), Text.Of("Reason: {0}. Your open orders stay protected. Reply to this e-mail to appeal.", reason), "/")
                    : new Notice(userId, null, Text.Of("Your account is active again"), Text.Of("{0}", reason), "/"),
            ],
            now,
            ct);

        // Changing the stamp saves everything above in one go and ends the user's open sessions at their next check.
        var saved = await users.UpdateSecurityStampAsync(user);
        return saved.Succeeded ? Result<AppUser>.Ok(user) : throw new InvalidOperationException(string.Join("; ", saved.Errors.Select(e => e.Description)));
    }
}

/// <summary>A sign-in manager that refuses suspended accounts (their password still works, the door doesn't).</summary>
public sealed class MarketplaceSignInManager(
    UserManager<AppUser> userManager,
    Microsoft.AspNetCore.Http.IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    Microsoft.Extensions.Options.IOptions<IdentityOptions> optionsAccessor,
    Microsoft.Extensions.Logging.ILogger<SignInManager<AppUser>> logger,
    Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) =>
        user.SuspendedAt is null && await base.CanSignInAsync(user);

    public override async Task<AppUser?> ValidateSecurityStampAsync(System.Security.Claims.ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { SuspendedAt: null } ? user : null;
    }
}

using Marketplace.Core.Data;
using Marketplace.Core.Identity;
using Marketplace.Domain.Messaging;
using Marketplace.Domain.Sellers;
using Marketplace.Domain.Trust;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Trust;

public sealed record UserRow(Guid Id, string Email, string DisplayName, DateTimeOffset CreatedAt, string? StoreName, bool Suspended);

public sealed record UserDetails(AppUser User, IReadOnlyList<string> Roles, Seller? Store, int FlaggedMessages, int ConfirmedMessages, int BrushingReports, IReadOnlyList<AuditRow> History);

public sealed record AuditRow(DateTimeOffset At, string AdminName, string Action, string Subject, Guid SubjectId, string Detail);

/// <summary>Read shapes for the admin's trust and safety pages.</summary>
public sealed class TrustQueries(MarketplaceDbContext db)
{
    /// <summary>Users whose e-mail, name or store name contains the text (newest first), or the suspended ones when the text is empty.</summary>
    public async Task<IReadOnlyList<UserRow>> FindUsersAsync(string? text, CancellationToken ct = default)
    {
        var users = db.Users.AsQueryable();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = $"%{text.Trim().ToLowerInvariant()}%";
            users = users.Where(u => EF.Functions.Like(u.NormalizedEmail!.ToLower(), pattern)
                || EF.Functions.Like(u.DisplayName.ToLower(), pattern)
                || db.Sellers.Any(s => s.UserId == u.Id && EF.Functions.Like(s.StoreName.ToLower(), pattern)));
        }
        else
        {
            users = users.Where(u => u.SuspendedAt != null);
        }

        return await users
            .OrderByDescending(u => u.CreatedAt)
            .Select(u => new UserRow(u.Id, u.Email ?? string.Empty, u.DisplayName, u.CreatedAt, db.Sellers.Where(s => s.UserId == u.Id).Select(s => s.StoreName).FirstOrDefault(), u.SuspendedAt != null))
            .Take(50)
            .ToListAsync(ct);
    }

    public async Task<UserDetails?> UserAsync(Guid userId, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return null;
        }

        var roles = await (from ur in db.UserRoles where ur.UserId == userId join r in db.Roles on ur.RoleId equals r.Id select r.Name!).ToListAsync(ct);
        var store = await db.Sellers.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId, ct);
        var flagged = await db.Messages.CountAsync(m => m.SenderId == userId && m.Signals != null, ct);
        var confirmed = await db.Messages.CountAsync(m => m.SenderId == userId && m.Moderation == ModerationOutcome.Confirmed, ct);
        var brushing = store is null ? 0 : await db.BrushingReports.CountAsync(r => r.MatchedSellerId == store.Id, ct);
        var subjects = store is null ? new[] { userId } : [userId, store.Id];
        var history = await AuditAsync(a => subjects.Contains(a.SubjectId), 50, ct);
        return new UserDetails(user, roles, store, flagged, confirmed, brushing, history);
    }

    /// <summary>The audit log, newest first.</summary>
    public Task<IReadOnlyList<AuditRow>> AuditAsync(int take = 200, CancellationToken ct = default) => AuditAsync(_ => true, take, ct);

    private async Task<IReadOnlyList<AuditRow>> AuditAsync(System.Linq.Expressions.Expression<Func<AdminAction, bool>> filter, int take, CancellationToken ct) =>
        await (
                from a in db.AdminActions.Where(filter)
                join u in db.Users on a.AdminId equals u.Id into admins
                from admin in admins.DefaultIfEmpty()
                orderby a.At descending
                select new AuditRow(a.At, admin == null ? "(unknown)" : admin.DisplayName, a.Action, a.Subject, a.SubjectId, a.Detail))
            .Take(take)
            .ToListAsync(ct);
}

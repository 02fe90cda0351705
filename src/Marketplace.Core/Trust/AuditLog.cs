using Marketplace.Core.Data;
using Marketplace.Domain.Trust;

namespace Marketplace.Core.Trust;

/// <summary>Adds an audit row to the caller's unit of work, so it is saved (or not) with the action it records.</summary>
public static class AuditLog
{
    public static void Record(this MarketplaceDbContext db, Guid adminId, string action, string subject, Guid subjectId, string detail, DateTimeOffset now) =>
        db.AdminActions.Add(new AdminAction(adminId, action, subject, subjectId, detail, now));
}

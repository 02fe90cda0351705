using Marketplace.Core.Data;
using Marketplace.Core.Escrow;
using Marketplace.Domain.Escrow;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Data.Postgres;

/// <summary>Claims due holds with <c>FOR UPDATE SKIP LOCKED</c>: concurrent release workers take disjoint batches instead of queueing behind each other.</summary>
public sealed class PostgresHoldClaims : IHoldClaims
{
    public Task<List<Guid>> ClaimDueAsync(MarketplaceDbContext db, DateTimeOffset now, int batch, CancellationToken ct) =>
        db.Database.SqlQuery<Guid>($"""
            SELECT "Id" AS "Value" FROM "EscrowHolds"
            WHERE "Status" = {nameof(HoldStatus.Held)} AND "ProtectionEndsAt" <= {now}
            ORDER BY "ProtectionEndsAt"
            LIMIT {batch}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
}

using Marketplace.Core.Api;
using Marketplace.Core.Data;
using Marketplace.Core.Email;
using Marketplace.Core.Escrow;
using Marketplace.Core.Notifications;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Payments;
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

    /// <summary>
    /// One statement per table (<see cref="PostgresBulk"/>) instead of about eight row statements per release: holds and
    /// orders updated with their version checked, order events, ledger transactions and postings, transfers, the
    /// sellers' notices and e-mails, and the webhook events the save's interceptor adds (hold.released).
    /// </summary>
    public async Task SaveBatchAsync(MarketplaceDbContext db, IReadOnlyList<LedgerTransaction> transactions, IReadOnlyList<ProviderCommand> commands, CancellationToken ct)
    {
        db.LedgerTransactions.AddRange(transactions);
        db.ProviderCommands.AddRange(commands);
        await PostgresBulk.SaveAsync(db, _written, ct);
    }

    private static readonly Type[] _written = [typeof(EscrowHold), typeof(Order), typeof(OrderEvent), typeof(LedgerTransaction), typeof(LedgerPosting), typeof(ProviderCommand), typeof(Notification), typeof(EmailMessage), typeof(WebhookEvent)];
}

using Marketplace.Core.Data;
using Marketplace.Core.Escrow;
using Marketplace.Domain.Escrow;
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

    /// <summary>Three INSERT ... SELECT FROM unnest(arrays) statements instead of five row inserts per release.</summary>
    public async Task AddRowsAsync(MarketplaceDbContext db, IReadOnlyList<LedgerTransaction> transactions, IReadOnlyList<ProviderCommand> commands, CancellationToken ct)
    {
        if (transactions.Count == 0)
        {
            return;
        }

        var ids = transactions.Select(t => t.Id).ToArray();
        var kinds = transactions.Select(t => t.Kind.ToString()).ToArray();
        var orders = transactions.Select(t => t.OrderId).ToArray();
        var ats = transactions.Select(t => t.At.ToUniversalTime()).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "LedgerTransactions" ("Id", "Kind", "OrderId", "At")
            SELECT * FROM unnest({ids}, {kinds}, {orders}, {ats})
            """, ct);

        var postings = transactions.SelectMany(t => t.Postings).ToList();
        var postingIds = postings.Select(p => p.Id).ToArray();
        var transactionIds = postings.Select(p => p.TransactionId).ToArray();
        var accounts = postings.Select(p => p.Account).ToArray();
        var amounts = postings.Select(p => p.Amount).ToArray();
        var currencies = postings.Select(p => p.Currency).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "LedgerPostings" ("Id", "TransactionId", "Account", "Amount", "Currency")
            SELECT * FROM unnest({postingIds}, {transactionIds}, {accounts}, {amounts}, {currencies})
            """, ct);

        if (commands.Count == 0)
        {
            return;
        }

        var commandIds = commands.Select(c => c.Id).ToArray();
        var commandKinds = commands.Select(c => c.Kind.ToString()).ToArray();
        var keys = commands.Select(c => c.IdempotencyKey).ToArray();
        var orderIds = commands.Select(c => c.OrderId).ToArray();
        var sellerIds = commands.Select(c => c.SellerId).ToArray();
        var references = commands.Select(c => c.PaymentReference).ToArray();
        var groups = commands.Select(c => c.TransferGroup).ToArray();
        var statuses = commands.Select(c => c.Status.ToString()).ToArray();
        var created = commands.Select(c => c.CreatedAt.ToUniversalTime()).ToArray();
        var next = commands.Select(c => c.NextAttemptAt.ToUniversalTime()).ToArray();
        var commandAmounts = commands.Select(c => c.Amount.Amount).ToArray();
        var commandCurrencies = commands.Select(c => c.Amount.Currency).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "ProviderCommands" ("Id", "Kind", "IdempotencyKey", "OrderId", "SellerId", "PaymentReference", "TransferGroup",
                "Status", "Attempts", "CreatedAt", "NextAttemptAt", "Version", "Amount", "Currency")
            SELECT id, kind, key, order_id, seller_id, reference, transfer_group, status, 0, created, next_attempt, 0, amount, currency
            FROM unnest({commandIds}, {commandKinds}, {keys}, {orderIds}, {sellerIds}, {references}, {groups}, {statuses}, {created}, {next}, {commandAmounts}, {commandCurrencies})
                AS c(id, kind, key, order_id, seller_id, reference, transfer_group, status, created, next_attempt, amount, currency)
            """, ct);
    }
}

using Marketplace.Core.Data;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Marketplace.Core.Payments;

/// <summary>
/// The outbox worker: sends due provider calls (refunds, transfers to sellers) with their idempotency keys,
/// records success (a transfer posts "payout" and a reversal "transfer reversed" to the ledger, in the same transaction), or schedules a
/// retry with backoff; after six failures the call waits for an admin. A crash between our commit and the
/// call just leaves the command pending; the next run sends it with the same key.
/// </summary>
public sealed class SendProviderCommands(MarketplaceDbContext db, IPaymentProvider provider, TimeProvider clock, ILogger<SendProviderCommands> logger)
{
    public const int BatchSize = 50;

    public async Task<int> ExecuteAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        db.ChangeTracker.Clear();
        var due = await db.ProviderCommands
            .Where(c => c.Status == ProviderCommandStatus.Pending && c.NextAttemptAt <= now)
            .OrderBy(c => c.NextAttemptAt)
            .Select(c => c.Id)
            .Take(BatchSize)
            .ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            var command = await db.ProviderCommands.FirstAsync(c => c.Id == id, ct);
            if (command.IsDue(now) && await SendAsync(command, now, ct))
            {
                sent++;
            }
        }

        return sent;
    }

    private async Task<bool> SendAsync(ProviderCommand command, DateTimeOffset now, CancellationToken ct)
    {
        string? destination = null;
        if (command.Kind == ProviderCommandKind.Transfer)
        {
            destination = await db.Sellers.Where(s => s.Id == command.SellerId && s.PayoutsEnabled).Select(s => s.PayoutAccountId).FirstOrDefaultAsync(ct);
            if (destination is null)
            {
                command.Defer("The seller has no payout account yet.", now.AddHours(1));
                await SaveAsync(ct);
                return false;
            }
        }

        // A refund queued before the buyer's bank opened a chargeback waits for the bank: if it is lost, the bank has
        // given the buyer that money and the refund is cancelled (Chargebacks); if it is won, the refund goes out then.
        if (command.Kind == ProviderCommandKind.Refund
            && await db.Orders.Where(o => o.Id == command.OrderId).AnyAsync(o => db.Chargebacks.Any(c => c.CheckoutId == o.CheckoutId && c.Status == ChargebackStatus.Open), ct))
        {
            command.Defer("A chargeback is open on this payment: the refund waits for the bank's decision.", now.AddHours(1));
            await SaveAsync(ct);
            return false;
        }

        string? transfer = null;
        if (command.Kind == ProviderCommandKind.ReverseTransfer)
        {
            transfer = await db.ProviderCommands
                .Where(c => c.OrderId == command.OrderId && c.Kind == ProviderCommandKind.Transfer && c.Status == ProviderCommandStatus.Succeeded)
                .Select(c => c.ProviderReference)
                .FirstOrDefaultAsync(ct);
            if (transfer is null)
            {
                command.Defer("The transfer to take back has not been sent yet.", now.AddHours(1));
                await SaveAsync(ct);
                return false;
            }
        }

        // Claimed and committed before the call: another worker loses the version check and skips it, and a payout the
        // provider may have made can never be cancelled afterwards.
        command.Sending(now);
        if (!await SaveAsync(ct))
        {
            return false;
        }

        try
        {
            var reference = command.Kind switch
            {
                ProviderCommandKind.Refund => await provider.RefundAsync(command, ct),
                ProviderCommandKind.Transfer => await provider.TransferAsync(command, destination!, ct),
                ProviderCommandKind.ReverseTransfer => await provider.ReverseTransferAsync(command, transfer!, ct),
                _ => throw new InvalidOperationException($"Unknown provider command {command.Kind}."),
            };
            command.Succeeded(reference, now);
            if (command.Kind == ProviderCommandKind.Transfer)
            {
                db.LedgerTransactions.Add(LedgerTransaction.PaidOut(command.OrderId, command.SellerId, command.Amount, now));
            }
            else if (command.Kind == ProviderCommandKind.ReverseTransfer)
            {
                db.LedgerTransactions.Add(LedgerTransaction.TransferReversed(command.OrderId, command.SellerId, command.Amount, now));
            }

            return await SaveAsync(ct);
        }
        catch (PaymentProviderException exception)
        {
            logger.LogWarning("{Key} failed (attempt {Attempt}): {Error}", command.IdempotencyKey, command.Attempts + 1, exception.Message);
            command.Failed(exception.Message, now);
            await SaveAsync(ct);
            return false;
        }
    }

    /// <summary>Another worker that sent the same command first wins the version check; this one's result is dropped.</summary>
    private async Task<bool> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}

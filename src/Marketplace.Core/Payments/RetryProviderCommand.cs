using Marketplace.Core.Data;
using Marketplace.Core.Trust;
using Marketplace.Domain.Payments;
using Marketplace.Domain.Trust;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Payments;

/// <summary>An admin sends a provider call that failed six times once more (after fixing its cause); same idempotency key.</summary>
public sealed class RetryProviderCommand(MarketplaceDbContext db, TimeProvider clock)
{
    public async Task<bool> ExecuteAsync(Guid adminId, Guid commandId, CancellationToken ct = default)
    {
        var command = await db.ProviderCommands.FirstOrDefaultAsync(c => c.Id == commandId && c.Status == ProviderCommandStatus.NeedsAdmin, ct);
        if (command is null)
        {
            return false;
        }

        command.Retry(clock.GetUtcNow());
        db.Record(adminId, AdminActions.RetryProviderCall, "ProviderCommand", command.Id, $"{command.Kind} {command.Amount} sent again", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return true;
    }
}

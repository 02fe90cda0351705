using Marketplace.Core.Data;
using Marketplace.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Payments;

/// <summary>An admin sends a provider call that failed six times once more (after fixing its cause); same idempotency key.</summary>
public sealed class RetryProviderCommand(MarketplaceDbContext db, TimeProvider clock)
{
    public async Task<bool> ExecuteAsync(Guid commandId, CancellationToken ct = default)
    {
        var command = await db.ProviderCommands.FirstOrDefaultAsync(c => c.Id == commandId && c.Status == ProviderCommandStatus.NeedsAdmin, ct);
        if (command is null)
        {
            return false;
        }

        command.Retry(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return true;
    }
}

using Marketplace.Core.Data;
using Marketplace.Core.Payments;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Sellers;

/// <summary>Creates the seller's payout account at the provider (once) and returns the onboarding link.</summary>
public sealed class SetUpPayouts(MarketplaceDbContext db, IPayoutAccounts provider)
{
    public async Task<Uri> StartAsync(Guid sellerId, string email, Uri dashboard, CancellationToken ct = default)
    {
        var seller = await db.Sellers.SingleAsync(s => s.Id == sellerId, ct);
        if (seller.PayoutAccountId is null)
        {
            seller.ConnectPayoutAccount(await provider.CreateAccountAsync(seller, email, ct));
            await db.SaveChangesAsync(ct);
        }

        return await provider.OnboardingLinkAsync(seller.PayoutAccountId!, dashboard, dashboard, ct);
    }

    /// <summary>Asks the provider whether onboarding finished (the seller came back from its pages).</summary>
    public async Task<bool> RefreshAsync(Guid sellerId, CancellationToken ct = default)
    {
        var seller = await db.Sellers.SingleAsync(s => s.Id == sellerId, ct);
        if (seller.PayoutsEnabled || seller.PayoutAccountId is null)
        {
            return seller.PayoutsEnabled;
        }

        if (await provider.PayoutsEnabledAsync(seller.PayoutAccountId, ct))
        {
            seller.EnablePayouts(seller.PayoutAccountId);
            await db.SaveChangesAsync(ct);
        }

        return seller.PayoutsEnabled;
    }

    /// <summary>The simulated provider's onboarding form was filled in.</summary>
    public async Task CompleteSimulatedAsync(Guid sellerId, string accountId, CancellationToken ct = default)
    {
        var seller = await db.Sellers.SingleAsync(s => s.Id == sellerId, ct);
        if (accountId.StartsWith(SimulatedPayoutAccounts.Prefix, StringComparison.Ordinal))
        {
            seller.EnablePayouts(accountId);
            await db.SaveChangesAsync(ct);
        }
    }
}

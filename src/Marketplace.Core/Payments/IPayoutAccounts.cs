using Marketplace.Domain.Sellers;

namespace Marketplace.Core.Payments;

/// <summary>
/// Where sellers get paid: the provider creates an account for the seller and an onboarding link where
/// the seller gives their bank details to the provider (never to us).
/// </summary>
public interface IPayoutAccounts
{
    string ProviderName { get; }

    Task<string> CreateAccountAsync(Seller seller, string email, CancellationToken ct = default);

    Task<Uri> OnboardingLinkAsync(string accountId, Uri returnUrl, Uri refreshUrl, CancellationToken ct = default);

    /// <summary>True when the provider says the account can receive payouts.</summary>
    Task<bool> PayoutsEnabledAsync(string accountId, CancellationToken ct = default);
}

/// <summary>
/// The default provider: no keys, no network. Accounts are "sim_acct_…"; the onboarding link is a local
/// page where the seller enters a test IBAN, which enables payouts.
/// </summary>
public sealed class SimulatedPayoutAccounts : IPayoutAccounts
{
    public const string Prefix = "sim_acct_";

    public string ProviderName => "Simulated";

    public Task<string> CreateAccountAsync(Seller seller, string email, CancellationToken ct = default) =>
        Task.FromResult(Prefix + seller.Id.ToString("N"));

    public Task<Uri> OnboardingLinkAsync(string accountId, Uri returnUrl, Uri refreshUrl, CancellationToken ct = default) =>
        Task.FromResult(new Uri(returnUrl, "/Seller/Payouts/Simulated?account=" + Uri.EscapeDataString(accountId)));

    /// <summary>The simulated onboarding page stamps the seller directly; nothing to ask.</summary>
    public Task<bool> PayoutsEnabledAsync(string accountId, CancellationToken ct = default) => Task.FromResult(false);
}

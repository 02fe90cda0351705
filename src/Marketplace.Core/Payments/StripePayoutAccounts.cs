using Marketplace.Domain.Sellers;
using Stripe;

namespace Marketplace.Core.Payments;

public sealed class StripeOptions
{
    public string? SecretKey { get; set; }

    /// <summary>The browser's key for Stripe Elements (pk_...).</summary>
    public string? PublishableKey { get; set; }

    /// <summary>The webhook endpoint's signing secret (whsec_...).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>For tests and proxies only; empty means Stripe's own API.</summary>
    public string? ApiBase { get; set; }
}

/// <summary>
/// Stripe Connect "separate charges and transfers": each seller gets an Express connected account that
/// receives transfers; Stripe's hosted account link collects the seller's identity and bank details.
/// Every call carries an idempotency key made from our ids, so a retry never creates a second account.
/// </summary>
public sealed class StripePayoutAccounts(IStripeClient client) : IPayoutAccounts
{
    public string ProviderName => "Stripe";

    public async Task<string> CreateAccountAsync(Seller seller, string email, CancellationToken ct = default)
    {
        var account = await new AccountService(client).CreateAsync(
            new AccountCreateOptions
            {
                Type = "express",
                Country = seller.CountryCode,
                Email = email,
                BusinessProfile = new AccountBusinessProfileOptions { Name = seller.StoreName },
                Capabilities = new AccountCapabilitiesOptions
                {
                    Transfers = new AccountCapabilitiesTransfersOptions { Requested = true },
                },
                Metadata = new Dictionary<string, string> { ["seller_id"] = seller.Id.ToString() },
            },
            new RequestOptions { IdempotencyKey = $"connect-account:{seller.Id}" },
            ct);
        return account.Id;
    }

    public async Task<Uri> OnboardingLinkAsync(string accountId, Uri returnUrl, Uri refreshUrl, CancellationToken ct = default)
    {
        var link = await new AccountLinkService(client).CreateAsync(
            new AccountLinkCreateOptions
            {
                Account = accountId,
                Type = "account_onboarding",
                ReturnUrl = returnUrl.ToString(),
                RefreshUrl = refreshUrl.ToString(),
            },
            cancellationToken: ct);
        return new Uri(link.Url);
    }

    public async Task<bool> PayoutsEnabledAsync(string accountId, CancellationToken ct = default) =>
        (await new AccountService(client).GetAsync(accountId, cancellationToken: ct)).PayoutsEnabled;
}

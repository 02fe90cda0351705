using Marketplace.Domain.Common;

namespace Marketplace.Domain.Sellers;

public enum SellerStatus
{
    PendingApproval,
    Active,
    Suspended,
}

/// <summary>A user's store. One per user.</summary>
public sealed class Seller : IVersioned
{
    private Seller()
    {
        StoreName = string.Empty;
        Slug = string.Empty;
        CountryCode = string.Empty;
        Description = string.Empty;
        Currency = Currencies.Fallback;
    }

    /// <param name="currency">What the store prices in; by default its country's currency when enabled (DE → EUR), else USD.</param>
    public Seller(Guid userId, string storeName, string countryCode, string description, DateTimeOffset now, bool approved, string? currency = null)
    {
        if (!Countries.IsKnown(countryCode))
        {
            throw new ArgumentException($"Unknown country '{countryCode}'.", nameof(countryCode));
        }

        Id = Ids.New();
        UserId = userId;
        StoreName = storeName.Trim();
        Slug = Common.Slug.From(storeName);
        CountryCode = countryCode.ToUpperInvariant();
        Description = description.Trim();
        Currency = currency ?? Currencies.ForCountry(countryCode);
        if (!Currencies.IsEnabled(Currency))
        {
            throw new ArgumentException($"'{currency}' is not a currency the marketplace trades in.", nameof(currency));
        }

        CreatedAt = now;
        Status = approved ? SellerStatus.Active : SellerStatus.PendingApproval;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string StoreName { get; private set; }

    public string Slug { get; private set; }

    public string CountryCode { get; private set; }

    public string Description { get; private set; }

    /// <summary>
    /// The store's currency: new prices are typed in it and payouts are made in it. A listing keeps the currency its prices were
    /// saved in, so orders always pay the seller in the currency they priced in.
    /// </summary>
    public string Currency { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public SellerStatus Status { get; private set; }

    /// <summary>The payment provider's account that receives payouts (simulated or a Stripe connected account).</summary>
    public string? PayoutAccountId { get; private set; }

    public bool PayoutsEnabled { get; private set; }

    public int Version { get; private set; }

    public bool IsActive => Status == SellerStatus.Active;

    public void Approve() => Status = Status == SellerStatus.PendingApproval ? SellerStatus.Active : Status;

    /// <summary>The owner was suspended: the store and its listings disappear from the shop; orders carry on.</summary>
    public void Suspend() => Status = Status == SellerStatus.Active ? SellerStatus.Suspended : Status;

    public void Reinstate() => Status = Status == SellerStatus.Suspended ? SellerStatus.Active : Status;

    public void ConnectPayoutAccount(string accountId)
    {
        if (PayoutAccountId != accountId)
        {
            PayoutAccountId = accountId;
            PayoutsEnabled = false;
        }
    }

    /// <summary>The provider confirmed the account can receive money.</summary>
    public void EnablePayouts(string accountId)
    {
        if (PayoutAccountId == accountId)
        {
            PayoutsEnabled = true;
        }
    }
}

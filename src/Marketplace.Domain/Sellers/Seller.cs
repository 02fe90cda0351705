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
    }

    public Seller(Guid userId, string storeName, string countryCode, string description, DateTimeOffset now, bool approved)
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
        CreatedAt = now;
        Status = approved ? SellerStatus.Active : SellerStatus.PendingApproval;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string StoreName { get; private set; }

    public string Slug { get; private set; }

    public string CountryCode { get; private set; }

    public string Description { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public SellerStatus Status { get; private set; }

    public int Version { get; private set; }
}

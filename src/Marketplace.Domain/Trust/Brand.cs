using Marketplace.Domain.Common;

namespace Marketplace.Domain.Trust;

/// <summary>A brand in the registry admins keep (SPEC §5): its name, and what a genuine item usually costs at least.</summary>
public sealed class Brand
{
    private Brand()
    {
        Name = string.Empty;
        Key = string.Empty;
    }

    public Brand(string name, Money? referencePrice, DateTimeOffset now)
    {
        Id = Ids.New();
        Name = string.Empty;
        Key = string.Empty;
        Update(name, referencePrice, now);
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>The name as the check compares it: lower-case letters and digits only ("Ray-Ban" → "rayban").</summary>
    public string Key { get; private set; }

    /// <summary>The lowest usual price of a genuine item, in minor units of <see cref="ReferenceCurrency"/>.</summary>
    public long? ReferenceAmount { get; private set; }

    public string? ReferenceCurrency { get; private set; }

    /// <summary>A branded listing far below this price waits for review.</summary>
    public Money? ReferencePrice => ReferenceAmount is { } amount ? new Money(amount, ReferenceCurrency!) : null;

    public DateTimeOffset UpdatedAt { get; private set; }

    public void Update(string name, Money? referencePrice, DateTimeOffset now)
    {
        var key = CounterfeitSignals.KeyOf(name);
        if (key.Length < 3 || name.Trim().Length > 60)
        {
            throw new ArgumentException("A brand name needs 3–60 characters, letters or digits.", nameof(name));
        }

        if (referencePrice is { Amount: <= 0 })
        {
            throw new ArgumentOutOfRangeException(nameof(referencePrice), "A reference price must be above zero.");
        }

        Name = name.Trim();
        Key = key;
        ReferenceAmount = referencePrice?.Amount;
        ReferenceCurrency = referencePrice?.Currency;
        UpdatedAt = now;
    }
}

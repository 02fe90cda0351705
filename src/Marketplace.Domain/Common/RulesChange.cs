namespace Marketplace.Domain.Common;

/// <summary>
/// One numbered version of the marketplace's rules an admin saved, with who, when and why. Versions are never
/// edited: a change adds the next one, and orders keep a copy of the version they were placed under.
/// </summary>
public sealed class RulesChange
{
    private RulesChange()
    {
        Rules = null!;
        Reason = string.Empty;
    }

    public RulesChange(MarketplaceRules rules, Guid changedBy, string reason, DateTimeOffset now)
    {
        Version = rules.Version;
        Rules = rules;
        ChangedBy = changedBy;
        Reason = reason.Trim();
        ChangedAt = now;
    }

    /// <summary>The key: two admins saving at once can't both make version N.</summary>
    public int Version { get; private set; }

    public MarketplaceRules Rules { get; private set; }

    public Guid ChangedBy { get; private set; }

    public string Reason { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }
}

using Marketplace.Core.Data;
using Marketplace.Core.Trust;
using Marketplace.Domain.Common;
using Marketplace.Domain.Trust;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Core.Rules;

/// <summary>A category and the commission its orders pay now.</summary>
public sealed record CategoryCommission(Guid Id, string Name, Guid? ParentId, int? OverrideBasisPoints);

/// <summary>
/// The rules in force: the newest version an admin saved, or the configured defaults (version 0) while nobody
/// changed them. Read once per request or job run (scoped), so a change is seen by every instance on its next
/// request. Changes are audited and add a version; orders copy the version in force when they are placed.
/// </summary>
public sealed class RulesStore(MarketplaceDbContext db, IOptions<MarketplaceRules> defaults, TimeProvider clock, Catalog.CatalogDataCache cache)
{
    public static readonly DomainError ReasonRequired = new("rules.reason", "Say why the rules change, for the audit log.");
    public static readonly DomainError Changed = new("rules.changed", "Someone else changed the rules while you were editing them. Check the new values and save again.", ErrorKind.Conflict);
    public static readonly DomainError ReasonTooLong = new("rules.reason_length", "Keep the reason under 500 characters.");
    public static readonly DomainError Unchanged = new("rules.unchanged", "Nothing changed: the values are the ones in force.");

    private MarketplaceRules? _current;

    /// <summary>The configured defaults (version 0), for the admin page's "default" column.</summary>
    public MarketplaceRules Defaults => defaults.Value with { Version = 0 };

    /// <summary>The rules in force, kept in memory until a change is committed (any instance's: see ICatalogPages).</summary>
    public async Task<MarketplaceRules> CurrentAsync(CancellationToken ct = default) =>
        _current ??= await cache.GetOrCreateAsync(db, "rules", [], Catalog.CatalogDataCache.Lifetime, async c =>
            await db.RulesChanges.AsNoTracking().OrderByDescending(r => r.Version).Select(r => r.Rules).FirstOrDefaultAsync(c) ?? Defaults, ct);

    public async Task<IReadOnlyList<RulesChange>> HistoryAsync(int limit = 50, CancellationToken ct = default) =>
        await db.RulesChanges.AsNoTracking().OrderByDescending(c => c.Version).Take(limit).ToListAsync(ct);

    /// <summary>
    /// Saves <paramref name="proposed"/> as the next version, if it was edited from <paramref name="basedOnVersion"/>
    /// (an admin who edited an older version is told to look again) and makes sense. Applies to orders placed from now on.
    /// </summary>
    public async Task<Result<MarketplaceRules>> ChangeAsync(Guid adminId, int basedOnVersion, MarketplaceRules proposed, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return ReasonRequired;
        }

        if (reason.Trim().Length > 500)
        {
            return ReasonTooLong;
        }

        if (proposed.Problems() is [var problem, ..])
        {
            return DomainError.From("rules." + problem.Field, problem.Message);
        }

        var current = await CurrentAsync(ct);
        if (current.Version != basedOnVersion)
        {
            return Changed;
        }

        var next = proposed with { Version = current.Version + 1 };
        var changes = Describe(current, next);
        if (changes.Count == 0)
        {
            return Unchanged;
        }

        var now = clock.GetUtcNow();
        db.RulesChanges.Add(new RulesChange(next, adminId, reason, now));
        db.Record(adminId, AdminActions.ChangeRules, "Rules", Guid.Empty, $"Version {next.Version}: {string.Join("; ", changes)}. {reason.Trim()}", now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another admin saved the same version number first (the key): nothing of this change was written.
            db.ChangeTracker.Clear();
            return Changed;
        }

        _current = next;
        return Result<MarketplaceRules>.Ok(next);
    }

    public async Task<IReadOnlyList<CategoryCommission>> CategoriesAsync(CancellationToken ct = default) =>
        await db.Categories.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new CategoryCommission(c.Id, c.Name, c.ParentId, c.CommissionOverrideBasisPoints))
            .ToListAsync(ct);

    /// <summary>Sets or clears (null) one category's commission; orders placed from now on pay it. Audited.</summary>
    public async Task<Result<int?>> OverrideCommissionAsync(Guid adminId, Guid categoryId, int? basisPoints, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            return string.IsNullOrWhiteSpace(reason) ? ReasonRequired : ReasonTooLong;
        }

        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == categoryId, ct);
        if (category is null)
        {
            return new DomainError("category.not_found", "That category does not exist.", ErrorKind.NotFound);
        }

        var before = category.CommissionOverrideBasisPoints;
        var set = category.OverrideCommission(basisPoints);
        if (!set.Succeeded)
        {
            return set;
        }

        string Text(int? bp) => bp is { } v ? MarketplaceRules.Percent(v) : "the platform's rate";
        db.Record(adminId, AdminActions.CategoryCommission, "Category", category.Id, $"{category.Name}: {Text(before)} → {Text(basisPoints)}. {reason.Trim()}", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return set;
    }

    /// <summary>"Buyer protection: 15 days → 20 days" for every value that differs.</summary>
    public static IReadOnlyList<string> Describe(MarketplaceRules before, MarketplaceRules after)
    {
        var changes = new List<string>();
        foreach (var (label, from, to) in Rows(before).Zip(Rows(after), (b, a) => (b.Label.ToString(), b.Value.ToString(), a.Value.ToString())))
        {
            if (from != to)
            {
                changes.Add($"{label}: {from} → {to}");
            }
        }

        return changes;
    }

    /// <summary>Every rule with its label and its value in words, in the order the admin page shows them.</summary>
    public static IReadOnlyList<(Text Label, Text Value)> Rows(MarketplaceRules rules) =>
    [
        (Text.Of("Time to pay"), Text.Duration(rules.PaymentWindow)),
        (Text.Of("Longest handling time"), Text.Days(rules.MaxHandlingDays)),
        (Text.Of("Seller's time to answer a cancellation"), Text.Duration(rules.CancellationReplyWindow)),
        (Text.Of("Buyer protection"), Text.Duration(rules.ProtectionPeriod)),
        (Text.Of("Disputes open after shipping"), Text.Duration(rules.DisputeOpensAfterShipping)),
        (Text.Of("Seller's time to answer a dispute"), Text.Duration(rules.SellerReplyWindow)),
        (Text.Of("Escalation without agreement"), Text.Duration(rules.EscalationWindow)),
        (Text.Of("Time to send a return"), Text.Duration(rules.ReturnShipWindow)),
        (Text.Of("Seller's time to confirm a return"), Text.Duration(rules.ReturnConfirmWindow)),
        (Text.Of("Hold ceiling"), Text.Duration(rules.HoldCeiling)),
        (Text.Of("Commission"), Text.Verbatim(MarketplaceRules.Percent(rules.CommissionBasisPoints))),
    ];
}

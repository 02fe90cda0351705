namespace Marketplace.Domain.Catalog;

public sealed class Category
{
    private readonly List<string> _requiredSpecKeys = [];

    private Category()
    {
        Name = string.Empty;
        Slug = string.Empty;
    }

    public Category(string name, string slug, Guid? parentId = null)
    {
        Id = Common.Ids.New();
        Name = name;
        Slug = slug;
        ParentId = parentId;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public string Slug { get; private set; }

    public Guid? ParentId { get; private set; }

    /// <summary>This category's own commission in basis points; null: the platform's (<see cref="Common.MarketplaceRules.CommissionBasisPoints"/>).</summary>
    public int? CommissionOverrideBasisPoints { get; private set; }

    /// <summary>The commission an order of this category pays under the given platform rate.</summary>
    public int CommissionBasisPoints(int platformBasisPoints) => CommissionOverrideBasisPoints ?? platformBasisPoints;

    /// <summary>Sets (or, with null, clears) this category's own commission: 0 % to 50 %.</summary>
    public Common.Result<int?> OverrideCommission(int? basisPoints)
    {
        if (basisPoints is < 0 or > 5000)
        {
            return new Common.DomainError("category.commission", "A category's commission is 0 % to 50 %.");
        }

        CommissionOverrideBasisPoints = basisPoints;
        return Common.Result<int?>.Ok(basisPoints);
    }

    /// <summary>Spec keys every listing in this category must fill in (e.g. material, dimensions).</summary>
    public IReadOnlyList<string> RequiredSpecKeys => _requiredSpecKeys;

    public Category RequireSpecs(params string[] keys)
    {
        foreach (var key in keys)
        {
            if (!_requiredSpecKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                _requiredSpecKeys.Add(key);
            }
        }

        return this;
    }
}

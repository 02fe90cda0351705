namespace Marketplace.Domain.Catalog;

public sealed class Category
{
    private readonly List<string> _requiredSpecKeys = [];

    private Category()
    {
        Name = string.Empty;
        Slug = string.Empty;
    }

    public Category(string name, string slug, Guid? parentId = null, int commissionBasisPoints = DefaultCommissionBasisPoints)
    {
        Id = Common.Ids.New();
        Name = name;
        Slug = slug;
        ParentId = parentId;
        CommissionBasisPoints = commissionBasisPoints;
    }

    /// <summary>SPEC §3: platform commission defaults to 8 %.</summary>
    public const int DefaultCommissionBasisPoints = 800;

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public string Slug { get; private set; }

    public Guid? ParentId { get; private set; }

    public int CommissionBasisPoints { get; private set; }

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

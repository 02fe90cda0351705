using Marketplace.Core.Data;
using Marketplace.Domain.Common;
using Marketplace.Domain.Trust;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Trust;

/// <summary>Admins keep the brand registry the counterfeit check reads: names and reference prices, audited.</summary>
public sealed class BrandRegistry(MarketplaceDbContext db, TimeProvider clock)
{
    public static readonly DomainError BadName = new("brand.name", "A brand name needs 3–60 characters, letters or digits.");
    public static readonly DomainError Duplicate = new("brand.duplicate", "That brand is already in the registry.", ErrorKind.Conflict);
    public static readonly DomainError BadPrice = new("brand.price", "Write the reference price as an amount above zero, like 60.00, or leave it empty.");

    public static readonly DomainError BadCategory = new("brand.category", "Use the category slugs shown under the form, separated by commas.");
    public static readonly DomainError BadLine = new("brand.line", "A product line needs a name (up to 60 characters), a reference price above zero, and at most 20 lines per brand.");
    public static readonly DomainError TooLong = new("brand.too_long", "Other names, categories and keywords are limited in length (400, 400 and 1,000 characters).");
    private static readonly DomainError _notFound = new("brand.not_found", "No such brand.", ErrorKind.NotFound);

    public Task<List<Brand>> ListAsync(CancellationToken ct = default) =>
        db.Brands.AsNoTracking().Include(b => b.Lines).OrderBy(b => b.Key).ToListAsync(ct);

    /// <summary>
    /// Adds a brand, or changes one when <paramref name="brandId"/> is given. The price is in the platform currency.
    /// Other names ('|' or new lines between them) and categories (slugs, ',' between them) change when given.
    /// </summary>
    public async Task<Result<Brand>> SaveAsync(Guid adminId, Guid? brandId, string? name, string? referencePrice, string? aliases = null, string? categories = null, CancellationToken ct = default)
    {
        var key = CounterfeitSignals.KeyOf(name ?? string.Empty);
        if (key.Length < 3 || name!.Trim().Length > 60)
        {
            return BadName;
        }

        Money? price = null;
        if (!string.IsNullOrWhiteSpace(referencePrice))
        {
            if (!Money.TryParse(referencePrice, BrandRegistryFile.Currency, out var parsed) || parsed.Amount <= 0)
            {
                return BadPrice;
            }

            price = parsed;
        }

        if (await db.Brands.AnyAsync(b => b.Key == key && b.Id != brandId, ct))
        {
            return Duplicate;
        }

        var now = clock.GetUtcNow();
        Brand? brand;
        if (brandId is { } id)
        {
            brand = await db.Brands.FirstOrDefaultAsync(b => b.Id == id, ct);
            if (brand is null)
            {
                return _notFound;
            }

            brand.Update(name, price, now);
        }
        else
        {
            brand = new Brand(name, price, now);
            db.Brands.Add(brand);
        }

        if (aliases is not null || categories is not null)
        {
            if (await CategoriesAsync(categories ?? brand.Categories, ct) is not { } slugs)
            {
                return BadCategory;
            }

            try
            {
                brand.Describe(aliases is null ? brand.Aliases.Split('|') : aliases.Split(['|', '\n']), slugs, now);
            }
            catch (ArgumentException)
            {
                return TooLong;
            }
        }

        db.Record(adminId, AdminActions.SaveBrand, "Brand", brand.Id, $"{brand.Name}, reference {(price?.ToString() ?? "none")}, categories {brand.Categories}", now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Duplicate;
        }

        return Result<Brand>.Ok(brand);
    }

    /// <summary>Adds a product line with its reference price (platform currency); keywords '|' or ',' between them, none for "anything else".</summary>
    public async Task<Result<BrandLine>> AddLineAsync(Guid adminId, Guid brandId, string? name, string? keywords, string? categories, string? referencePrice, bool accessory, CancellationToken ct = default)
    {
        var brand = await db.Brands.Include(b => b.Lines).FirstOrDefaultAsync(b => b.Id == brandId, ct);
        if (brand is null)
        {
            return _notFound;
        }

        if (!Money.TryParse(referencePrice ?? string.Empty, BrandRegistryFile.Currency, out var price) || price.Amount <= 0
            || string.IsNullOrWhiteSpace(name) || name.Trim().Length > 60 || brand.Lines.Count >= Brand.MaxLines)
        {
            return BadLine;
        }

        if (await CategoriesAsync(categories ?? string.Empty, ct) is not { } slugs)
        {
            return BadCategory;
        }

        BrandLine line;
        var now = clock.GetUtcNow();
        try
        {
            line = brand.AddLine(name, (keywords ?? string.Empty).Split(['|', ',', '\n']), slugs, price, accessory, now);
        }
        catch (ArgumentException)
        {
            return TooLong;
        }

        db.Add(line);
        db.Record(adminId, AdminActions.SaveBrand, "Brand", brand.Id, $"{brand.Name}: line {line.Name}, reference {price}, keywords {line.Keywords}", now);
        await db.SaveChangesAsync(ct);
        return Result<BrandLine>.Ok(line);
    }

    public async Task<Result<Brand>> RemoveLineAsync(Guid adminId, Guid brandId, Guid lineId, CancellationToken ct = default)
    {
        var brand = await db.Brands.Include(b => b.Lines).FirstOrDefaultAsync(b => b.Id == brandId, ct);
        var line = brand?.Lines.FirstOrDefault(l => l.Id == lineId);
        if (brand is null || line is null)
        {
            return _notFound;
        }

        var now = clock.GetUtcNow();
        brand.RemoveLine(lineId, now);
        db.Record(adminId, AdminActions.SaveBrand, "Brand", brand.Id, $"{brand.Name}: removed line {line.Name}", now);
        await db.SaveChangesAsync(ct);
        return Result<Brand>.Ok(brand);
    }

    /// <summary>
    /// Adds the registry shipped with the app (Trust/Training/brand-registry.tsv: 79 brands with product lines and
    /// reference prices) for brands not in the registry yet; brands already there are left as the admins keep them.
    /// Returns how many were added, or -1 when a brand was added meanwhile and nothing was saved.
    /// </summary>
    public async Task<int> ImportShippedAsync(Guid? adminId, CancellationToken ct = default)
    {
        var known = (await db.Brands.Select(b => b.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var shipped in Shipped().Where(b => !known.Contains(b.Key)))
        {
            var brand = new Brand(shipped.Name, null, now);
            brand.Describe(shipped.Aliases, shipped.Categories, now);
            foreach (var line in shipped.Lines)
            {
                brand.AddLine(line.Name, line.Keywords, line.Categories, line.Reference, line.Accessory, now);
            }

            db.Brands.Add(brand);
            added++;
        }

        if (adminId is { } admin && added > 0)
        {
            db.Record(admin, AdminActions.SaveBrand, "Brand", Guid.Empty, $"Imported the shipped registry: {added} brands", now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another admin added one of these brands at the same moment: nothing was saved; importing again adds the rest.
            return -1;
        }

        return added;
    }

    public Task<List<string>> CategorySlugsAsync(CancellationToken ct = default) =>
        db.Categories.OrderBy(c => c.Slug).Select(c => c.Slug).ToListAsync(ct);

    /// <summary>The registry shipped with the app.</summary>
    public static IReadOnlyList<BrandRef> Shipped()
    {
        using var stream = typeof(BrandRegistry).Assembly.GetManifestResourceStream("Marketplace.BrandRegistry.tsv")!;
        using var reader = new StreamReader(stream);
        return BrandRegistryFile.Parse(reader);
    }

    /// <summary>The slugs, when every one is a category's; null otherwise.</summary>
    private async Task<List<string>?> CategoriesAsync(string slugs, CancellationToken ct)
    {
        if (slugs.Length > 400)
        {
            return null;
        }

        var wanted = slugs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var known = await db.Categories.Where(c => wanted.Contains(c.Slug)).Select(c => c.Slug).ToListAsync(ct);
        return known.Count == wanted.Count ? wanted : null;
    }
}

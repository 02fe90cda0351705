using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Core.Data.Configurations;

internal static class MoneyMapping
{
    public static ComplexPropertyBuilder<Money> Columns(this ComplexPropertyBuilder<Money> money, string prefix)
    {
        money.Property(m => m.Amount).HasColumnName(prefix + "Amount");
        money.Property(m => m.Currency).HasColumnName(prefix + "Currency").HasMaxLength(3).IsFixedLength();
        return money;
    }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.Slug).HasMaxLength(100);
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.HasIndex(c => c.ParentId);
        builder.HasOne<Category>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.PrimitiveCollection(c => c.RequiredSpecKeys).HasField("_requiredSpecKeys");
    }
}

internal sealed class ListingConfiguration : IEntityTypeConfiguration<Listing>
{
    public void Configure(EntityTypeBuilder<Listing> builder)
    {
        builder.Property(l => l.Title).HasMaxLength(Listing.MaxTitleLength);
        builder.Property(l => l.Description).HasMaxLength(20_000);
        builder.Property(l => l.Language).HasMaxLength(Listing.MaxLanguageLength);
        builder.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
        builder.ComplexProperty(l => l.PriceFrom, m => m.Columns("PriceFrom"));
        builder.Property(l => l.ModerationNote).HasMaxLength(2000);
        builder.Property(l => l.ClearedReview).HasMaxLength(2000);
        builder.HasOne<Category>().WithMany().HasForeignKey(l => l.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Sellers.Seller>().WithMany().HasForeignKey(l => l.SellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.Status, l.PublishedAt });
        builder.HasIndex(l => new { l.CategoryId, l.Status });
        // A store's listings newest first (the storefront; "ships to you instead" on a listing that doesn't): walked backwards
        // and stopped early. On SellerId alone, PostgreSQL read and sorted all of a seller's listings (50 ms at 5,000).
        builder.HasIndex(l => new { l.SellerId, l.PublishedAt });

        builder.HasMany(l => l.Variants).WithOne().HasForeignKey(v => v.ListingId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(l => l.Variants).HasField("_variants").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(l => l.Specs, spec =>
        {
            spec.ToTable("ListingSpecs");
            spec.WithOwner().HasForeignKey("ListingId");
            spec.HasKey(s => s.Id);
            spec.Property(s => s.Id).ValueGeneratedNever();
            spec.Property(s => s.Key).HasMaxLength(ListingSpec.MaxKeyLength);
            spec.Property(s => s.Value).HasMaxLength(ListingSpec.MaxValueLength);
        });
        builder.Navigation(l => l.Specs).HasField("_specs").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(l => l.Images, image =>
        {
            image.ToTable("ListingImages");
            image.WithOwner().HasForeignKey("ListingId");
            image.HasKey(i => i.Id);
            image.Property(i => i.Id).ValueGeneratedNever();
            image.Property(i => i.StorageKey).HasMaxLength(300);
            image.Property(i => i.ThumbnailKey).HasMaxLength(300);
            image.Property(i => i.ContentType).HasMaxLength(50);
            image.Property(i => i.AltText).HasMaxLength(200);
        });
        builder.Navigation(l => l.Images).HasField("_images").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasMany(l => l.ShippingOptions).WithOne().HasForeignKey("ListingId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(l => l.ShippingOptions).HasField("_shippingOptions").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ListingVariantConfiguration : IEntityTypeConfiguration<ListingVariant>
{
    public void Configure(EntityTypeBuilder<ListingVariant> builder)
    {
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Sku).HasMaxLength(ListingVariant.MaxSkuLength);
        builder.Property(v => v.Name).HasMaxLength(ListingVariant.MaxNameLength);
        builder.ComplexProperty(v => v.Price, m => m.Columns("Price"));
        builder.HasIndex(v => new { v.ListingId, v.Sku }).IsUnique();
    }
}

internal sealed class ShippingOptionConfiguration : IEntityTypeConfiguration<ShippingOption>
{
    public void Configure(EntityTypeBuilder<ShippingOption> builder)
    {
        builder.ToTable("ShippingOptions");
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.DestinationCountry).HasMaxLength(2).IsFixedLength();
        builder.Property(o => o.Method).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Carrier).HasMaxLength(ShippingOption.MaxCarrierLength);
        builder.ComplexProperty(o => o.Price, m => m.Columns("Price"));
        builder.HasIndex("ListingId", nameof(ShippingOption.DestinationCountry));
    }
}

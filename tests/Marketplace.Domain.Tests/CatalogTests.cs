using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;

namespace Marketplace.Domain.Tests;

public sealed class CatalogTests
{
    private static readonly DateTimeOffset _now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static Listing NewListing() => new(Guid.NewGuid(), Guid.NewGuid(), "Linen shirt", "Soft.", 3, "USD", _now);

    [Fact]
    public void A_listing_publishes_only_with_a_variant_and_a_shipping_option()
    {
        var listing = NewListing();

        listing.Publish(_now).Error.Should().Be(CatalogErrors.NoVariants);
        listing.AddVariant("S", "Small", new Money(4500, "USD"), 2);
        listing.Publish(_now).Error.Should().Be(CatalogErrors.NoShipping);
        listing.AddShippingOption(null, ShippingMethod.Standard, "Post", new Money(0, "USD"), 3, 9);

        listing.Publish(_now.AddHours(1)).Succeeded.Should().BeTrue();
        listing.Status.Should().Be(ListingStatus.Published);
        listing.PublishedAt.Should().Be(_now.AddHours(1));
    }

    [Fact]
    public void The_listing_price_is_its_cheapest_variant_and_every_variant_shares_its_currency()
    {
        var listing = NewListing();
        listing.AddVariant("M", "M", new Money(4800, "USD"), 1);
        listing.AddVariant("S", "S", new Money(4500, "USD"), 1);
        listing.AddVariant("L", "L", new Money(5100, "USD"), 1);

        listing.PriceFrom.Should().Be(new Money(4500, "USD"));
        ((Action)(() => listing.AddVariant("X", "X", new Money(10, "EUR"), 1))).Should().Throw<ArgumentException>();
        ((Action)(() => listing.AddVariant("Z", "Z", new Money(0, "USD"), 1))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData(3, 3, true, 0)]
    [InlineData(3, 2, true, 1)]
    [InlineData(3, 4, false, 3)]
    [InlineData(0, 1, false, 0)]
    public void Stock_is_reserved_only_when_there_is_enough(int stock, int quantity, bool reserved, int left)
    {
        var listing = NewListing();
        var variant = listing.AddVariant("S", "S", new Money(100, "USD"), stock);

        variant.TryReserve(quantity).Should().Be(reserved);
        variant.Stock.Should().Be(left);
    }

    [Fact]
    public void A_countrys_own_shipping_options_replace_the_all_other_countries_ones()
    {
        var listing = NewListing();
        listing.AddShippingOption("US", ShippingMethod.ExpressCourier, "UPS", new Money(1499, "USD"), 1, 3);
        listing.AddShippingOption("US", ShippingMethod.Standard, "USPS", new Money(0, "USD"), 3, 6);
        listing.AddShippingOption(null, ShippingMethod.EconomyMail, "Post", new Money(999, "USD"), 10, 25);

        listing.ShippingOptionsTo("US").Select(o => o.Carrier).Should().Equal("USPS", "UPS");
        listing.ShippingOptionsTo("us").Should().HaveCount(2);
        listing.ShippingOptionsTo("BR").Select(o => o.Carrier).Should().Equal("Post");
    }

    [Fact]
    public void A_listing_ships_only_where_its_options_cover()
    {
        var listing = NewListing();
        listing.AddShippingOption("DE", ShippingMethod.Standard, "DHL", new Money(499, "USD"), 1, 3);

        listing.ShipsTo("DE").Should().BeTrue();
        listing.ShipsTo("FR").Should().BeFalse();
        ((Action)(() => listing.AddShippingOption("XX", ShippingMethod.Standard, "?", new Money(0, "USD"), 1, 2))).Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 4)]
    [InlineData(1, 121)]
    public void A_delivery_window_must_be_sensible(int min, int max) =>
        ((Action)(() => NewListing().AddShippingOption(null, ShippingMethod.Standard, "Post", new Money(0, "USD"), min, max)))
            .Should().Throw<ArgumentOutOfRangeException>();

    [Fact]
    public void Archived_listings_cannot_be_published_again_and_titles_are_bounded()
    {
        ((Action)(() => _ = new Listing(Guid.NewGuid(), Guid.NewGuid(), new string('a', Listing.MaxTitleLength + 1), "", 3, "USD", _now)))
            .Should().Throw<ArgumentException>();
        ((Action)(() => _ = new Listing(Guid.NewGuid(), Guid.NewGuid(), "  ", "", 3, "USD", _now))).Should().Throw<ArgumentException>();
        ((Action)(() => _ = new Listing(Guid.NewGuid(), Guid.NewGuid(), "Ok", "", 0, "USD", _now))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Slugs_are_lowercase_ascii_with_single_dashes() =>
        Slug.From("  Crème Brûlée & Co. — Lisbon!! ").Should().Be("creme-brulee-co-lisbon");

    [Fact]
    public void The_country_list_covers_the_iso_3166_set() =>
        Countries.All.Should().HaveCountGreaterThanOrEqualTo(240).And.OnlyHaveUniqueItems(c => c.Code);
}

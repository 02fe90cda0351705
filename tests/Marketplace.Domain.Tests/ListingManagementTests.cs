using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;

namespace Marketplace.Domain.Tests;

public sealed class ListingManagementTests
{
    private static readonly DateTimeOffset _now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static Money Usd(long cents) => new(cents, "USD");

    [Fact]
    public void Editing_variants_keeps_the_ids_of_the_ones_kept_adds_new_ones_and_drops_the_rest()
    {
        var listing = new Listing(Guid.NewGuid(), Guid.NewGuid(), "Mug", "", 2, "USD", _now);
        var blue = listing.AddVariant("B", "Blue", Usd(1800), 5);
        listing.AddVariant("G", "Green", Usd(1900), 1);

        listing.SetVariants([new VariantInput(null, "R", "Red", Usd(1500), 3), new VariantInput(blue.Id, "B", "Blue", Usd(2000), 4)], _now);

        listing.Variants.Select(v => v.Name).Should().Equal("Red", "Blue");
        listing.Variants.Single(v => v.Name == "Blue").Id.Should().Be(blue.Id);
        blue.Price.Should().Be(Usd(2000));
        listing.PriceFrom.Should().Be(Usd(1500));
    }

    [Fact]
    public void Variants_need_their_own_skus()
    {
        var listing = new Listing(Guid.NewGuid(), Guid.NewGuid(), "Mug", "", 2, "USD", _now);

        var act = () => listing.SetVariants([new VariantInput(null, "A", "One", Usd(100), 1), new VariantInput(null, "a", "Two", Usd(100), 1)], _now);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Specs_feed_the_search_text_and_replace_each_other()
    {
        var listing = new Listing(Guid.NewGuid(), Guid.NewGuid(), "Lamp", "", 2, "USD", _now);
        listing.SetSpecs([("Power", "12 W"), ("Material", "Brass")], _now);

        listing.SpecsText.Should().Be("Power 12 W Material Brass");

        listing.SetSpecs([("Colour", "Green")], _now);
        listing.Specs.Should().ContainSingle().Which.Key.Should().Be("Colour");
        listing.SpecsText.Should().Be("Colour Green");
    }

    [Fact]
    public void Unpublish_works_only_on_published_listings_and_archive_is_final()
    {
        var listing = new Listing(Guid.NewGuid(), Guid.NewGuid(), "Lamp", "", 2, "USD", _now);
        listing.AddVariant("L", "Lamp", Usd(100), 1);
        listing.AddShippingOption(null, ShippingMethod.Standard, "Post", Usd(0), 2, 5);

        listing.Unpublish(_now).Error.Should().Be(CatalogErrors.NotPublished);
        listing.Publish(_now).Succeeded.Should().BeTrue();
        listing.Unpublish(_now).Succeeded.Should().BeTrue();
        listing.Archive(_now).Succeeded.Should().BeTrue();
        listing.Publish(_now).Error.Should().Be(CatalogErrors.Archived);
    }

    [Fact]
    public void The_first_photo_is_the_main_one_and_can_be_changed()
    {
        var listing = new Listing(Guid.NewGuid(), Guid.NewGuid(), "Lamp", "", 2, "USD", _now);
        var first = listing.AddImage("a.jpg", "a-t.jpg", "image/jpeg", "a");
        var second = listing.AddImage("b.jpg", "b-t.jpg", "image/jpeg", "b");

        listing.MakeImageMain(second.Id, _now);
        listing.RemoveImage(first.Id, _now);

        listing.Images.Should().ContainSingle().Which.Should().Be(second);
        second.Position.Should().Be(0);
    }

    [Theory]
    [InlineData(80, false)]
    [InlineData(81, true)]
    public void A_title_over_80_characters_is_flagged(int length, bool flagged)
    {
        var listing = new Listing(Guid.NewGuid(), Guid.NewGuid(), new string('x', length), "", 2, "USD", _now);

        ListingQuality.Check(listing, []).Any(w => w.Issue == QualityIssue.TitleTooLong).Should().Be(flagged);
    }

    [Theory]
    [InlineData("Red cotton shirt, red collar", false)]        // twice is fine
    [InlineData("Shirt shirt SHIRT for men", true)]           // three times, any case
    [InlineData("A and the and of and bag", false)]           // small words don't count
    public void A_word_three_times_in_a_title_is_stuffing(string title, bool flagged)
    {
        var listing = new Listing(Guid.NewGuid(), Guid.NewGuid(), title, "", 2, "USD", _now);

        ListingQuality.Check(listing, []).Any(w => w.Issue == QualityIssue.TitleRepeatsWords).Should().Be(flagged);
    }

    [Fact]
    public void Required_specs_must_be_filled_and_a_photo_must_exist()
    {
        var listing = new Listing(Guid.NewGuid(), Guid.NewGuid(), "Lamp", "", 2, "USD", _now);
        listing.SetSpecs([("power", "12 W")], _now);

        var before = ListingQuality.Check(listing, ["Power", "Material"]);
        listing.AddImage("a.jpg", "a-t.jpg", "image/jpeg", "a");
        listing.SetSpecs([("Power", "12 W"), ("Material", "Brass")], _now);
        var after = ListingQuality.Check(listing, ["Power", "Material"]);

        before.Select(w => w.Message).Should().Equal("This category needs: Material.", "Add at least one real photo of the product.");
        after.Should().BeEmpty();
    }
}

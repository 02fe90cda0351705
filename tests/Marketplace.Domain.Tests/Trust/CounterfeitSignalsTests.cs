using Marketplace.Domain.Common;
using Marketplace.Domain.Trust;

namespace Marketplace.Domain.Tests.Trust;

public sealed class CounterfeitSignalsTests
{
    private static readonly BrandRef[] Registry =
    [
        Brand("Adidas", 6_000),
        Brand("Nike", 6_000),
        Brand("Samsung", 20_000),
        Brand("Gucci", 30_000),
        Brand("Rolex", 500_000),
        Brand("Louis Vuitton", 80_000),
        Brand("Ray-Ban", 9_000),
        Brand("Apple", null),
    ];

    [Theory]
    [InlineData("Addidas running shoes size 42", "Adidas")]
    [InlineData("Nikee Air trainers", "Nike")]
    [InlineData("Sansung Galaxy S24 case", "Samsung")]
    [InlineData("Guci belt, black leather", "Gucci")]
    [InlineData("Rollex Submariner style watch", "Rolex")]
    [InlineData("Louis Vuiton bag, monogram", "Louis Vuitton")]
    [InlineData("Rayban aviator sunglasses copy", null)]
    [InlineData("Ray Bann aviators", "Ray-Ban")]
    [InlineData("Adibas tracksuit", "Adidas")]
    [InlineData("Rolx watch, automatic", "Rolex")]
    public void Near_miss_spellings_of_registered_brands_send_the_listing_to_review(string title, string? brand)
    {
        var flags = CounterfeitSignals.Check(title, new Money(50_000, "USD"), Registry);

        if (brand is null)
        {
            flags.Should().BeEmpty("“Rayban” is the brand itself written together, and the price is not low");
        }
        else
        {
            flags.Should().ContainSingle().Which.Should().Match<CounterfeitFlag>(f => f.NearMiss && f.Brand == brand);
        }
    }

    [Theory]
    [InlineData("Adidas Samba OG, white")]
    [InlineData("Nike Air Max 90")]
    [InlineData("Nice bike for kids")]
    [InlineData("I like this lamp")]
    [InlineData("Hand-painted ceramic vase")]
    [InlineData("Phone case for Samsung Galaxy")]
    [InlineData("Apple pie dish, enamel")]
    [InlineData("Toyota Prado floor mats")]
    [InlineData("Role-play costume")]
    [InlineData("Nikes for running")]
    [InlineData("Gucci")]
    public void The_brand_itself_and_ordinary_words_are_not_flagged(string title)
    {
        CounterfeitSignals.Check(title, new Money(50_000, "USD"), Registry).Should().BeEmpty();
    }

    [Theory]
    [InlineData(2_999, true)]
    [InlineData(3_000, false)]
    [InlineData(3_001, false)]
    public void A_branded_item_below_half_the_reference_price_waits_for_review(long price, bool flagged)
    {
        var flags = CounterfeitSignals.Check("Nike Air Max 90", new Money(price, "USD"), Registry);

        flags.Should().HaveCount(flagged ? 1 : 0);
        if (flagged)
        {
            flags[0].NearMiss.Should().BeFalse();
            flags[0].Describe().Should().Contain("$60.00");
        }
    }

    [Fact]
    public void A_price_in_another_currency_than_the_reference_is_not_compared()
    {
        CounterfeitSignals.Check("Nike Air Max 90", new Money(100, "EUR"), Registry).Should().BeEmpty();
    }

    [Fact]
    public void Brand_keys_ignore_case_spaces_and_punctuation()
    {
        (CounterfeitSignals.KeyOf("Ray-Ban"), CounterfeitSignals.KeyOf(" Louis  Vuitton "), CounterfeitSignals.KeyOf("Hermès")).Should().Be(("rayban", "louisvuitton", "hermes"));
    }

    private static BrandRef Brand(string name, long? reference) =>
        new(name, CounterfeitSignals.KeyOf(name), reference is { } r ? new Money(r, "USD") : null);
}

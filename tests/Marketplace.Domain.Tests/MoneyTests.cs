using System.Globalization;
using Marketplace.Domain.Common;

namespace Marketplace.Domain.Tests;

public sealed class MoneyTests
{
    [Fact]
    public void Adds_and_subtracts_in_minor_units_of_one_currency()
    {
        var a = new Money(1999, "USD");
        var b = new Money(1, "USD");

        (a + b).Should().Be(new Money(2000, "USD"));
        (a - b).Should().Be(new Money(1998, "USD"));
        a.Multiply(3).Should().Be(new Money(5997, "USD"));
    }

    [Theory]
    [InlineData(123_456, "USD", "en-US", "$1,235")]
    [InlineData(-250, "USD", "en-US", "-$3")]
    [InlineData(6_000, "JPY", "en-US", "¥6,000")]
    [InlineData(129_950, "EUR", "de-DE", "1.300 €")]
    [InlineData(2_500, "KWD", "en-US", "KWD 3")]
    public void A_chart_axis_amount_is_rounded_to_whole_units_in_the_person_s_format(long amount, string currency, string culture, string written) =>
        new Money(amount, currency).FormatWhole(CultureInfo.GetCultureInfo(culture)).Replace('\u00A0', ' ').Should().Be(written);

    [Fact]
    public void Refuses_to_mix_currencies_or_accept_bad_codes()
    {
        var mix = () => new Money(1, "USD") + new Money(1, "EUR");
        var compare = () => new Money(1, "USD") < new Money(1, "EUR");

        mix.Should().Throw<InvalidOperationException>();
        compare.Should().Throw<InvalidOperationException>();
        ((Action)(() => _ = new Money(1, "usd"))).Should().Throw<ArgumentException>();
        ((Action)(() => _ = new Money(1, "US"))).Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(10_000, 800, 800)]   // 8 % of $100.00 = $8.00
    [InlineData(1_999, 800, 160)]    // 159.92 → 160
    [InlineData(1_006, 800, 80)]     // 80.48 → 80
    [InlineData(100, 50, 1)]         // exactly 0.5 rounds away from zero
    [InlineData(-100, 50, -1)]
    [InlineData(1, 800, 0)]
    [InlineData(0, 800, 0)]
    public void A_basis_point_share_rounds_half_away_from_zero(long amount, int basisPoints, long expected)
    {
        var total = new Money(amount, "USD");

        var share = total.PercentBasisPoints(basisPoints);

        share.Amount.Should().Be(expected);
        (total - share + share).Should().Be(total, "the remainder is the caller's, nothing is lost");
    }

    [Theory]
    [InlineData("JPY", "ja", "¥{n}", 1_556_000, "¥1,556,000")]
    [InlineData("USD", "en", "${n}", 1_234_567, "$12,345.67")]
    [InlineData("EUR", "de", "{n} €", 2_490, "24,90 €")]
    [InlineData("BRL", "pt-BR", "R$ {n}", 14_390, "R$ 143,90")]
    [InlineData("KWD", "en", "KWD {n}", 1_250, "KWD 1.250")]
    public void The_pattern_a_browser_script_fills_in_writes_amounts_the_way_the_server_does(string currency, string culture, string pattern, long amount, string written)
    {
        var cultureInfo = System.Globalization.CultureInfo.GetCultureInfo(culture);

        static string Spaced(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');

        Spaced(Money.Pattern(currency, cultureInfo)).Should().Be(pattern);
        Spaced(new Money(amount, currency).Format(cultureInfo)).Should().Be(written);
        var digits = Money.MinorDigits(currency);
        var number = (amount / (decimal)Math.Pow(10, digits)).ToString("N" + digits, cultureInfo);
        Money.Pattern(currency, cultureInfo).Replace("{n}", number, StringComparison.Ordinal).Should().Be(new Money(amount, currency).Format(cultureInfo), "the script's amount and the server's are the same characters");
    }

    [Theory]
    [InlineData("12.34", "USD", 1234)]
    [InlineData("12", "USD", 1200)]
    [InlineData("0.5", "USD", 50)]
    [InlineData("1500", "JPY", 1500)]
    [InlineData("1.250", "KWD", 1250)]
    public void Parses_decimal_text_into_minor_units(string text, string currency, long expected)
    {
        Money.TryParse(text, currency, out var money).Should().BeTrue();
        money.Should().Be(new Money(expected, currency));
    }

    [Theory]
    [InlineData("12.345", "USD")]
    [InlineData("1.5", "JPY")]
    [InlineData("abc", "USD")]
    [InlineData("", "USD")]
    [InlineData(null, "USD")]
    public void Refuses_text_with_more_decimals_than_the_currency_has(string? text, string currency) =>
        Money.TryParse(text, currency, out _).Should().BeFalse();

    [Theory]
    [InlineData("24,90", "EUR", null, 2_490)]
    [InlineData("24,90", "USD", "en-US", 2_490)]
    [InlineData("24.90", "USD", "en-US", 2_490)]
    [InlineData("24,9", "EUR", "de-DE", 2_490)]
    [InlineData("1.299,00", "EUR", null, 129_900)]
    [InlineData("1,299.00", "USD", null, 129_900)]
    [InlineData("1 299,00", "EUR", "fr-FR", 129_900)]
    [InlineData("1\u202F299,00", "EUR", "fr-FR", 129_900)]
    [InlineData("1'299.00", "CHF", "de-CH", 129_900)]
    [InlineData("1.299", "EUR", "de-DE", 129_900)]
    [InlineData("1,299", "USD", "en-US", 129_900)]
    [InlineData("1.299.000", "EUR", null, 129_900_000)]
    [InlineData("€24,90", "EUR", null, 2_490)]
    [InlineData("24,90 EUR", "EUR", null, 2_490)]
    [InlineData("-5,50", "EUR", null, -550)]
    [InlineData("0,999", "KWD", null, 999)]
    [InlineData("1,250", "KWD", "de-DE", 1_250)]
    [InlineData("1,500", "JPY", "en-US", 1_500)]
    [InlineData("1.500", "JPY", "de-DE", 1_500)]
    [InlineData(",99", "EUR", null, 99)]
    public void Reads_amounts_as_people_type_them_in_their_locale(string text, string currency, string? culture, long expected)
    {
        MoneyText.TryParse(text, currency, culture is null ? null : CultureInfo.GetCultureInfo(culture), out var money, out var problem).Should().BeTrue(problem?.ToString());

        money.Should().Be(new Money(expected, currency));
    }

    [Theory]
    [InlineData("1,299", "USD", null, "could mean 1299 or 1.299")]
    [InlineData("1.299", "USD", "en-US", "If you meant 1299 USD, write 1299.")]
    [InlineData("24 90", "EUR", "fr-FR", "isn't an amount")]
    [InlineData("1,2,3", "EUR", null, "isn't an amount")]
    [InlineData("12,5", "JPY", "de-DE", "JPY has no decimals")]
    [InlineData("24,90 €+", "EUR", null, "isn't an amount")]
    public void Refuses_an_ambiguous_or_malformed_amount_with_a_clear_message_never_a_silent_multiple(string text, string currency, string? culture, string message)
    {
        MoneyText.TryParse(text, currency, culture is null ? null : CultureInfo.GetCultureInfo(culture), out _, out var problem).Should().BeFalse();

        problem!.ToString().Should().Contain(message);
    }

    [Fact]
    public void A_german_seller_typing_24_comma_90_gets_24_90_not_2490()
    {
        Money.TryParse("24,90", "USD", out var money).Should().BeTrue();

        money.Should().Be(new Money(2_490, "USD"), "before, the comma was read as a thousands mark: $2,490.00");
    }

    [Theory]
    [InlineData(123456, "USD", "$1,234.56")]
    [InlineData(-5, "EUR", "-€0.05")]
    [InlineData(1500, "JPY", "¥1,500")]
    [InlineData(999, "CHF", "CHF 9.99")]
    public void Formats_for_people(long amount, string currency, string expected) =>
        new Money(amount, currency).ToString().Should().Be(expected);

    [Theory]
    [InlineData(129_900, "EUR", "de-DE", "1.299,00 €")]
    [InlineData(129_900, "EUR", "fr-FR", "1 299,00 €")]
    [InlineData(2_490, "BRL", "pt-BR", "R$ 24,90")]
    [InlineData(1_500, "JPY", "de-DE", "1.500 ¥")]
    [InlineData(1_250, "KWD", "en-US", "KWD 1.250")]
    [InlineData(-2_490, "GBP", "en-GB", "-£24.90")]
    [InlineData(11_399, "CNY", "zh-Hans", "CN¥113.99")]
    public void Formats_in_the_persons_culture_with_the_currencys_own_decimals(long amount, string currency, string culture, string expected) =>
        new Money(amount, currency).Format(System.Globalization.CultureInfo.GetCultureInfo(culture)).Replace('\u00A0', ' ').Replace('\u202F', ' ').Should().Be(expected);
}

using System.Text;
using Marketplace.Domain.Common;

namespace Marketplace.Domain.Tests;

/// <summary>Conversions are one rounding (half away from zero) in the target's own minor units: JPY 0, EUR 2, KWD 3 decimals.</summary>
public sealed class ExchangeRateTests
{
    private static readonly DateTimeOffset _fetched = new(2026, 11, 27, 16, 0, 0, TimeSpan.Zero);

    private static RateTable Rates(params (string Currency, decimal PerEuro)[] rates) =>
        new(rates.ToDictionary(r => r.Currency, r => r.PerEuro), new DateOnly(2026, 11, 27), "test", _fetched);

    [Theory]
    [InlineData("GBP", 1_000, "EUR", 1_160)] // £10.00 at 1.16 → €11.60
    [InlineData("EUR", 1_000, "JPY", 1_805)] // €10.00 at 180.5 → ¥1,805
    [InlineData("JPY", 1_805, "EUR", 1_000)] // and back
    [InlineData("JPY", 1, "EUR", 1)] // ¥1 = €0.00554… → €0.01 (half away from zero keeps a non-zero price non-zero here)
    [InlineData("JPY", 1, "GBP", 1)] // ¥1 = £0.0048: a price never becomes free by conversion
    [InlineData("EUR", 1, "KWD", 4)] // €0.01 at 0.355 KWD → 0.00355 → 0.004 KWD
    [InlineData("KWD", 1_000, "JPY", 508)] // 1.000 KWD = €2.8169 = ¥508.45 → ¥508 (the yen has no minor unit)
    public void Converts_through_the_euro_into_the_targets_minor_units(string from, long amount, string to, long expected)
    {
        var rates = Rates(("GBP", 0.8620689655m), ("JPY", 180.5m), ("KWD", 0.355m));

        var converted = rates.Between(from, to)!.Value.Convert(new Money(amount, from));

        converted.Should().Be(new Money(expected, to));
    }

    [Theory]
    [InlineData(5, 1)] // 5 × 0.1 = 0.5 → 1 (half away from zero)
    [InlineData(14, 1)] // 1.4 → 1
    [InlineData(4, 1)] // 0.4 would be nothing: a non-zero amount converts to at least one minor unit
    [InlineData(-5, -1)] // a negative half rounds away from zero too
    [InlineData(15, 2)] // 1.5 → 2
    [InlineData(25, 3)] // 2.5 → 3, not banker's 2
    public void Rounds_half_away_from_zero_at_the_edge(long amount, long expected) =>
        new ExchangeRate("EUR", "USD", 0.1m).Convert(new Money(amount, "EUR")).Amount.Should().Be(expected);

    [Fact]
    public void A_rate_is_kept_to_ten_decimals_and_its_inverse_too()
    {
        var rate = Rates(("USD", 1.16m), ("GBP", 0.879m)).Between("GBP", "USD")!.Value;

        rate.Rate.Should().Be(1.3196814562m, "1.16 / 0.879 = 1.31968145620…");
        rate.Inverse.Rate.Should().Be(0.7577586207m);
        rate.Inverse.From.Should().Be("USD");
    }

    [Fact]
    public void A_currency_without_a_rate_converts_to_nothing_and_the_same_currency_to_itself()
    {
        var rates = Rates(("USD", 1.16m));

        rates.Between("USD", "BRL").Should().BeNull();
        rates.Between("BRL", "BRL")!.Value.IsIdentity.Should().BeTrue();
        rates.Between("EUR", "USD")!.Value.Convert(new Money(1_000, "EUR")).Should().Be(new Money(1_160, "USD"));
    }

    [Fact]
    public void Converting_a_price_in_the_wrong_currency_is_a_bug_not_a_silent_number() =>
        FluentActions.Invoking(() => new ExchangeRate("EUR", "USD", 1.16m).Convert(new Money(100, "GBP"))).Should().Throw<InvalidOperationException>();

    [Theory]
    [InlineData("2026-11-27", "2026-11-30T23:59:59Z", false)] // Friday's rates on Monday night: 3 days old
    [InlineData("2026-11-27", "2026-12-01T00:00:00Z", false)] // exactly 4 days: still good
    [InlineData("2026-11-27", "2026-12-02T00:00:00Z", true)] // 5 days: stale
    public void Rates_go_stale_after_four_days(string date, string now, bool stale)
    {
        var table = new RateTable(new Dictionary<string, decimal> { ["USD"] = 1.16m }, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), "test", _fetched);

        table.IsStale(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromDays(4)).Should().Be(stale);
    }

    [Fact]
    public void Reads_the_ecb_daily_file()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
              <gesmes:subject>Reference rates</gesmes:subject>
              <Cube>
                <Cube time='2026-11-26'><Cube currency='USD' rate='1.1500'/></Cube>
                <Cube time='2026-11-27'><Cube currency='USD' rate='1.1600'/><Cube currency='JPY' rate='180.50'/></Cube>
              </Cube>
            </gesmes:Envelope>
            """;

        EcbRatesFile.TryParse(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "ecb", _fetched, out var table, out var problem).Should().BeTrue(problem.ToString());

        table.Date.Should().Be(new DateOnly(2026, 11, 27), "the newest day in the file");
        table.PerEuro.Should().BeEquivalentTo(new Dictionary<string, decimal> { ["USD"] = 1.16m, ["JPY"] = 180.5m });
        table.Source.Should().Be("ecb");
    }

    [Theory]
    [InlineData("not xml at all", "This is not an ECB rates file")]
    [InlineData("<Envelope><Cube><Cube currency='USD' rate='1.1'/></Cube></Envelope>", "no dated set of rates")]
    [InlineData("<Envelope><Cube><Cube time='2026-11-27'><Cube currency='USD' rate='-1'/></Cube></Cube></Envelope>", "is not valid")]
    [InlineData("<Envelope><Cube><Cube time='2026-11-27'><Cube currency='usd' rate='1.1'/></Cube></Cube></Envelope>", "is not valid")]
    [InlineData("<Envelope><Cube><Cube time='2026-11-27'></Cube></Cube></Envelope>", "has no rates")]
    [InlineData("<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><Envelope>&e;</Envelope>", "This is not an ECB rates file")]
    public void Refuses_a_file_that_is_not_a_set_of_rates(string xml, string problem)
    {
        EcbRatesFile.TryParse(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "upload", _fetched, out _, out var why).Should().BeFalse();

        why.ToString().Should().Contain(problem);
    }
}

using Marketplace.Domain.Catalog;

namespace Marketplace.Domain.Tests;

public sealed class DeliveryEstimateTests
{
    [Fact]
    public void Earliest_is_the_minimum_transit_latest_adds_the_full_handling_time()
    {
        var now = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

        var estimate = DeliveryEstimate.For(handlingDays: 3, minDays: 10, maxDays: 20, now);

        estimate.Earliest.Should().Be(new DateOnly(2026, 12, 11));
        estimate.Latest.Should().Be(new DateOnly(2026, 12, 24));
    }

    [Theory]
    [InlineData("2026-12-01T23:59:59Z", "2026-12-03", "2026-12-06")] // just before midnight UTC
    [InlineData("2026-12-02T00:00:00Z", "2026-12-04", "2026-12-07")] // at midnight: a new day
    [InlineData("2026-12-02T00:00:01Z", "2026-12-04", "2026-12-07")] // just after
    [InlineData("2026-12-01T23:30:00-05:00", "2026-12-04", "2026-12-07")] // offsets count in UTC
    public void Dates_turn_over_at_midnight_utc(string now, string earliest, string latest)
    {
        var estimate = DeliveryEstimate.For(handlingDays: 1, minDays: 2, maxDays: 4, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        estimate.Earliest.Should().Be(DateOnly.Parse(earliest, System.Globalization.CultureInfo.InvariantCulture));
        estimate.Latest.Should().Be(DateOnly.Parse(latest, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Crosses_into_the_next_year()
    {
        var estimate = DeliveryEstimate.For(5, 15, 35, new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero));

        estimate.Earliest.Should().Be(new DateOnly(2027, 1, 4));
        estimate.Latest.Should().Be(new DateOnly(2027, 1, 29));
    }
}

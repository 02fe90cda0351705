namespace Marketplace.Domain.Catalog;

/// <summary>
/// When an order placed now arrives. The seller ships within the handling time ("up to N days"), so the
/// earliest arrival is today + the option's minimum days (shipped at once), the latest is
/// today + handling days + the option's maximum days. Dates are in UTC (see docs/decisions.md).
/// </summary>
public readonly record struct DeliveryEstimate(DateOnly Earliest, DateOnly Latest)
{
    public static DeliveryEstimate For(int handlingDays, int minDays, int maxDays, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(handlingDays);
        ArgumentOutOfRangeException.ThrowIfLessThan(minDays, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDays, minDays);

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return new DeliveryEstimate(today.AddDays(minDays), today.AddDays(handlingDays + maxDays));
    }
}

namespace Marketplace.Domain.Common;

/// <summary>How long an outbox (provider calls, e-mail) waits before trying again: 30 s, 1, 2, 4, 8 minutes… at most an hour.</summary>
public static class Backoff
{
    public static TimeSpan After(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, 30L << Math.Clamp(attempts - 1, 0, 7)));
}

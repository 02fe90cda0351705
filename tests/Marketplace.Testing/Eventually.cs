using System.Diagnostics;

namespace Marketplace.Testing;

/// <summary>
/// Polls a condition that background work makes true, up to a generous deadline: on the 2-core CI machine with
/// every test class running at once, a job's first run can take tens of seconds (the message model trains at
/// start). The deadline only bounds a failing run; a passing one returns as soon as the condition holds.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, CancellationToken ct, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > (timeout ?? DefaultTimeout))
            {
                return false;
            }

            await Task.Delay(100, ct);
        }

        return true;
    }

    public static Task<bool> TrueAsync(Func<bool> condition, CancellationToken ct, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), ct, timeout);
}

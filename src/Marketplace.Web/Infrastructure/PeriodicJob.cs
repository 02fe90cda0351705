using Marketplace.Core.Checkout;
using Marketplace.Core.Escrow;
using Marketplace.Core.Orders;
using Marketplace.Core.Payments;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Infrastructure;

public sealed class JobOptions
{
    /// <summary>Off in tests that drive the actions themselves; on everywhere else.</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// A thin shell around one idempotent action: a PeriodicTimer on the injected clock, a scope per tick,
/// and every exception caught and logged so the host never dies of it.
/// </summary>
public abstract class PeriodicJob(IServiceScopeFactory scopes, TimeProvider clock, JobOptions options, ILogger logger) : BackgroundService
{
    protected abstract string Name { get; }

    /// <summary>One tick's work; returns how many items it handled (logged when not zero).</summary>
    protected abstract Task<int> RunOnceAsync(IServiceProvider services, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var handled = await RunOnceAsync(scope.ServiceProvider, stoppingToken);
                if (handled > 0)
                {
                    logger.LogInformation("{Job}: {Count} handled", Name, handled);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A job that throws must not take the host down; it tries again next tick.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                logger.LogError(exception, "{Job} failed; retrying next tick", Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Cancels orders whose payment didn't come within 30 minutes and returns their stock.</summary>
public sealed class LapseUnpaidOrdersJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<LapseUnpaidOrdersJob> logger)
    : PeriodicJob(scopes, clock, options.Value, logger)
{
    protected override string Name => "Lapse unpaid orders";

    protected override Task<int> RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<LapseUnpaidOrders>().ExecuteAsync(ct);
}

/// <summary>Confirms shipped orders at their delivery deadline when the buyer hasn't, and reminds sellers 24 hours before ship-by.</summary>
public sealed class AutoConfirmOrdersJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<AutoConfirmOrdersJob> logger)
    : PeriodicJob(scopes, clock, options.Value, logger)
{
    protected override string Name => "Auto-confirm delivered orders";

    protected override async Task<int> RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        await services.GetRequiredService<AutoConfirmOrders>().ExecuteAsync(ct) +
        await services.GetRequiredService<RemindShipBy>().ExecuteAsync(ct);
}

/// <summary>Releases escrow holds whose protection window has closed, batch after batch.</summary>
public sealed class ReleaseDueHoldsJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<ReleaseDueHoldsJob> logger)
    : PeriodicJob(scopes, clock, options.Value, logger)
{
    protected override string Name => "Release due escrow holds";

    protected override Task<int> RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<ReleaseDueHolds>().ExecuteAllAsync(ct);
}

/// <summary>Cancels, with a full refund, paid orders not shipped by their ship-by time and cancellation requests unanswered for 48 hours.</summary>
public sealed class CancelUnshippedOrdersJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<CancelUnshippedOrdersJob> logger)
    : PeriodicJob(scopes, clock, options.Value, logger)
{
    protected override string Name => "Cancel unshipped orders";

    protected override async Task<int> RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        await services.GetRequiredService<CancelUnshippedOrders>().ExecuteAsync(ct) +
        await services.GetRequiredService<CancelOrder>().CancelUnansweredAsync(ct);
}

/// <summary>Sends the payment provider outbox: refunds and transfers to sellers, with retries.</summary>
public sealed class SendProviderCommandsJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<SendProviderCommandsJob> logger)
    : PeriodicJob(scopes, clock, options.Value, logger)
{
    protected override string Name => "Send provider calls";

    protected override Task<int> RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<SendProviderCommands>().ExecuteAsync(ct);
}

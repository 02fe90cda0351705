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

    /// <summary>Readiness fails when a job hasn't finished an attempt for this long (20 intervals by default): it hangs.</summary>
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// A thin shell around one idempotent action: a PeriodicTimer on the injected clock, a scope per tick,
/// and every exception caught and logged so the host never dies of it.
/// </summary>
public sealed class PeriodicJob(string name, Func<IServiceProvider, CancellationToken, Task<int>> runOnce, IServiceScopeFactory scopes, TimeProvider clock, JobOptions options, Marketplace.Core.Operations.JobMonitor monitor, ILogger<PeriodicJob> logger) : BackgroundService
{
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
                var handled = await runOnce(scope.ServiceProvider, stoppingToken);
                if (handled > 0)
                {
                    logger.LogInformation("{Job}: {Count} handled", name, handled);
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
                logger.LogError(exception, "{Job} failed; retrying next tick", name);
            }

            // A finished attempt, failed or not: readiness catches a job that hangs, the log and metrics one that fails.
            monitor.Ran(name);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class Jobs
{
    /// <summary>The background jobs: each a name and one idempotent action per tick (SPEC §2–3 timers, the provider outbox).</summary>
    public static IServiceCollection AddMarketplaceJobs(this IServiceCollection services)
    {
        var names = new List<string>();
        Add(services, "Lapse unpaid orders", (sp, ct) => sp.GetRequiredService<LapseUnpaidOrders>().ExecuteAsync(ct));
        Add(services, "Cancel unshipped orders and unanswered cancellation requests", async (sp, ct) =>
            await sp.GetRequiredService<CancelUnshippedOrders>().ExecuteAsync(ct) + await sp.GetRequiredService<CancelOrder>().CancelUnansweredAsync(ct));
        Add(services, "Auto-confirm delivered orders and remind sellers of ship-by", async (sp, ct) =>
            await sp.GetRequiredService<AutoConfirmOrders>().ExecuteAsync(ct) + await sp.GetRequiredService<RemindShipBy>().ExecuteAsync(ct));
        Add(services, "Dispute timers and reminders", async (sp, ct) =>
            await sp.GetRequiredService<Marketplace.Core.Disputes.DisputeActions>().ApplyTimersAsync(ct) + await sp.GetRequiredService<Marketplace.Core.Disputes.DisputeActions>().RemindAsync(ct));
        Add(services, "Release due escrow holds", (sp, ct) => sp.GetRequiredService<ReleaseDueHolds>().ExecuteAllAsync(ct));
        Add(services, "Send provider calls", (sp, ct) => sp.GetRequiredService<SendProviderCommands>().ExecuteAsync(ct));
        Add(services, "Prune rate-limit counters, API idempotency keys and old webhook events", async (sp, ct) =>
            await sp.GetRequiredService<Marketplace.Core.RateLimits.RateLimitStore>().PruneAsync(sp.GetRequiredService<RateLimitClock>().Time.GetUtcNow().ToUnixTimeSeconds(), ct)
            + await sp.GetRequiredService<Marketplace.Core.Api.IdempotencyKeys>().PruneAsync(ct)
            + await sp.GetRequiredService<Marketplace.Core.Api.DeliverWebhooks>().PruneAsync(ct));
        Add(services, "Deliver webhooks", (sp, ct) => sp.GetRequiredService<Marketplace.Core.Api.DeliverWebhooks>().ExecuteAsync(ct));
        Add(services, "Send e-mails", (sp, ct) => sp.GetRequiredService<Marketplace.Core.Email.SendEmails>().ExecuteAsync(ct));
        Add(services, "Retrain the message scorer weekly", (sp, ct) => sp.GetRequiredService<Marketplace.Core.Trust.RetrainMessageModel>().WhenDueAsync(ct));
        Add(services, "Refresh search suggestions", (sp, ct) => sp.GetRequiredService<Marketplace.Core.Catalog.RefreshSearchTerms>().WhenDueAsync(sp.GetRequiredService<Marketplace.Core.Data.MarketplaceDbContext>(), ct));
        Add(services, "Refresh exchange rates", (sp, ct) => sp.GetRequiredService<Marketplace.Core.Exchange.RefreshExchangeRates>().ExecuteAsync(ct));
        Add(services, "Measure operations", (sp, ct) => sp.GetRequiredService<Marketplace.Core.Operations.MeasureOperations>().ExecuteAsync(ct));
        services.AddSingleton<Marketplace.Core.Operations.IJobNames>(new JobNames(names));
        return services;

        void Add(IServiceCollection services, string name, Func<IServiceProvider, CancellationToken, Task<int>> runOnce)
        {
            names.Add(name);
            Register(services, name, runOnce);
        }
    }

    private static void Register(IServiceCollection services, string name, Func<IServiceProvider, CancellationToken, Task<int>> runOnce) =>
        services.AddSingleton<IHostedService>(sp => new PeriodicJob(
            name,
            runOnce,
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<JobOptions>>().Value,
            sp.GetRequiredService<Marketplace.Core.Operations.JobMonitor>(),
            sp.GetRequiredService<ILogger<PeriodicJob>>()));

    private sealed class JobNames(IReadOnlyList<string> names) : Marketplace.Core.Operations.IJobNames
    {
        public IReadOnlyList<string> Names => names;
    }
}

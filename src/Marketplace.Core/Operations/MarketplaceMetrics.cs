using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Marketplace.Core.Data;
using Marketplace.Core.Escrow;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Operations;

/// <summary>When each background job last finished a run (real time), for the readiness check and the job-age gauge.</summary>
public sealed class JobMonitor(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastRun = new();
    private readonly DateTimeOffset _startedAt = clock.GetUtcNow();

    public TimeProvider Clock => clock;

    public void Ran(string job) => _lastRun[job] = clock.GetUtcNow();

    public bool RanAll(IEnumerable<string> jobs) => jobs.All(_lastRun.ContainsKey);

    /// <summary>Time since each job's last run; a job that never ran counts from the start of the process.</summary>
    public IReadOnlyDictionary<string, TimeSpan> Ages(IEnumerable<string> jobs)
    {
        var now = clock.GetUtcNow();
        return jobs.ToDictionary(job => job, job => now - _lastRun.GetValueOrDefault(job, _startedAt));
    }
}

/// <summary>What an operator watches, measured from the database by a job (never on a scrape).</summary>
public sealed record OperationsSnapshot(
    IReadOnlyList<EscrowOverviewRow> Escrow,
    IReadOnlyDictionary<string, long> RefundedByCurrency,
    int HoldsOverdue,
    int DisputesOpen,
    int DisputesEscalated,
    int DisputesNearHoldCeiling,
    int ProviderCallsPending,
    int ProviderCallsParked,
    int WebhooksParked,
    int EmailsWaiting,
    int EmailsParked);

/// <summary>
/// The business meter ("Marketplace"), exported with the framework's meters (OpenTelemetry; Prometheus at
/// <c>/metrics</c>): money held, due, frozen, released and refunded per currency, overdue holds, disputes open,
/// escalated and near their hold ceiling, the provider outbox and parked calls, parked webhooks, the e-mail queue,
/// and each job's time since its last run. Gauges read the last snapshot taken by <see cref="MeasureOperations"/>.
/// </summary>
public sealed class MarketplaceMetrics : IDisposable
{
    public const string MeterName = "Marketplace";

    private readonly Meter _meter;
    private OperationsSnapshot? _snapshot;

    public MarketplaceMetrics(IMeterFactory meters, JobMonitor jobs, IJobNames jobNames)
    {
        _meter = meters.Create(MeterName);
        Money("marketplace.escrow.held", "Money held in escrow, not yet due", r => r.Held.Amount);
        Money("marketplace.escrow.due", "Held money whose protection has ended (to be released)", r => r.Due.Amount);
        Money("marketplace.escrow.frozen", "Money frozen by a dispute, a chargeback or an admin", r => r.Frozen.Amount);
        _meter.CreateObservableCounter("marketplace.escrow.released", () => (_snapshot?.Escrow ?? []).Select(r => new Measurement<long>(r.Released.Amount, new KeyValuePair<string, object?>("currency", r.Currency))), "{minor_unit}", "Money released to sellers, all time");
        _meter.CreateObservableCounter("marketplace.escrow.refunded", () => (_snapshot?.RefundedByCurrency ?? new Dictionary<string, long>()).Select(r => new Measurement<long>(r.Value, new KeyValuePair<string, object?>("currency", r.Key))), "{minor_unit}", "Money in holds refunded in full, all time (partial refunds are in the ledger, not here)");
        Count("marketplace.holds.overdue", "Holds due for more than an hour and still not released", s => s.HoldsOverdue);
        Count("marketplace.disputes.open", "Disputes not resolved or cancelled", s => s.DisputesOpen);
        Count("marketplace.disputes.escalated", "Disputes waiting for an admin's decision", s => s.DisputesEscalated);
        Count("marketplace.disputes.near_hold_ceiling", "Open disputes whose order reaches the hold ceiling within 7 days", s => s.DisputesNearHoldCeiling);
        Count("marketplace.provider_calls.pending", "Refunds and transfers waiting in the outbox", s => s.ProviderCallsPending);
        Count("marketplace.provider_calls.parked", "Provider calls waiting for an admin", s => s.ProviderCallsParked);
        Count("marketplace.webhooks.parked", "Provider events that didn't match and wait for an admin", s => s.WebhooksParked);
        Count("marketplace.emails.waiting", "E-mails not sent yet", s => s.EmailsWaiting);
        Count("marketplace.emails.parked", "E-mails given up on until an admin sends them again", s => s.EmailsParked);
        _meter.CreateObservableGauge("marketplace.job.last_run_age", () => jobs.Ages(jobNames.Names).Select(a => new Measurement<double>(a.Value.TotalSeconds, new KeyValuePair<string, object?>("job", a.Key))), "s", "Seconds since each background job last finished a run");
    }

    public void Update(OperationsSnapshot snapshot) => _snapshot = snapshot;

    public void Dispose() => _meter.Dispose();

    private void Money(string name, string description, Func<EscrowOverviewRow, long> amount) =>
        _meter.CreateObservableGauge(name, () => (_snapshot?.Escrow ?? []).Select(r => new Measurement<long>(amount(r), new KeyValuePair<string, object?>("currency", r.Currency))), "{minor_unit}", description);

    private void Count(string name, string description, Func<OperationsSnapshot, int> count) =>
        _meter.CreateObservableGauge(name, () => _snapshot is { } s ? [new Measurement<int>(count(s))] : Array.Empty<Measurement<int>>(), "{item}", description);
}

/// <summary>The background jobs' names (the web host registers them).</summary>
public interface IJobNames
{
    IReadOnlyList<string> Names { get; }
}

/// <summary>Takes the operations snapshot: a handful of aggregate queries, run by a job each interval.</summary>
public sealed class MeasureOperations(MarketplaceDbContext db, EscrowQueries escrow, MarketplaceMetrics metrics, TimeProvider clock)
{
    public async Task<int> ExecuteAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var hourAgo = now.AddHours(-1);
        var ceilingSoon = now.AddDays(7);
        var refunded = await db.EscrowHolds.AsNoTracking()
            .Where(h => h.Status == HoldStatus.Refunded)
            .GroupBy(h => h.Amount.Currency)
            .Select(g => new { Currency = g.Key, Sum = g.Sum(h => h.Amount.Amount) })
            .ToDictionaryAsync(g => g.Currency, g => g.Sum, ct);
        var snapshot = new OperationsSnapshot(
            await escrow.OverviewAsync(ct),
            refunded,
            await db.EscrowHolds.CountAsync(h => h.Status == HoldStatus.Held && h.ProtectionEndsAt != null && h.ProtectionEndsAt <= hourAgo, ct),
            await db.Disputes.CountAsync(d => d.Status != DisputeStatus.Resolved && d.Status != DisputeStatus.Cancelled, ct),
            await db.Disputes.CountAsync(d => d.Status == DisputeStatus.Escalated, ct),
            await db.Disputes.CountAsync(d => d.Status != DisputeStatus.Resolved && d.Status != DisputeStatus.Cancelled && db.Orders.Any(o => o.Id == d.OrderId && o.HoldCeilingAt != null && o.HoldCeilingAt <= ceilingSoon), ct),
            await db.ProviderCommands.CountAsync(c => c.Status == ProviderCommandStatus.Pending, ct),
            await db.ProviderCommands.CountAsync(c => c.Status == ProviderCommandStatus.NeedsAdmin, ct),
            await db.ProviderEvents.CountAsync(e => e.ParkedReason != null, ct),
            await db.EmailMessages.CountAsync(m => m.SentAt == null && m.ParkedAt == null, ct),
            await db.EmailMessages.CountAsync(m => m.SentAt == null && m.ParkedAt != null, ct));
        metrics.Update(snapshot);
        return 0;
    }
}

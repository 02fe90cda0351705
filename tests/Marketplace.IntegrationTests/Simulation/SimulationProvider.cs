using System.Collections.Concurrent;
using Marketplace.Core.Payments;
using Marketplace.Domain.Payments;

namespace Marketplace.IntegrationTests.Simulation;

/// <summary>How the provider misbehaves on the next calls of an outbox run.</summary>
public enum ProviderFault
{
    None,

    /// <summary>Refuses before doing anything (a 503).</summary>
    FailBefore,

    /// <summary>Does the work, then the answer is lost (a timeout).</summary>
    TimeoutAfter,

    /// <summary>Does the work, then our process dies before it records the answer.</summary>
    CrashAfter,
}

/// <summary>The worker's process died mid-call (what <see cref="ProviderFault.CrashAfter"/> throws); the host restarts and runs again.</summary>
public sealed class SimulatedCrashException() : Exception("The app crashed after the provider did the work.");

/// <summary>
/// The payment provider as the simulation sees it: idempotent by key like a real one, with every operation it really
/// carried out recorded (kind, order, amount), so the invariants count money from the provider's side, not ours.
/// </summary>
public sealed class SimulationProvider : IPaymentProvider
{
    private readonly ConcurrentDictionary<string, Operation> _done = new(StringComparer.Ordinal);

    public ProviderFault Fault { get; set; }

    public IReadOnlyCollection<Operation> Operations => _done.Values.ToList();

    public void Reset()
    {
        _done.Clear();
        Fault = ProviderFault.None;
    }

    public Task<string> RefundAsync(ProviderCommand command, CancellationToken ct) => Execute(command, "sim_re_");

    public Task<string> TransferAsync(ProviderCommand command, string destinationAccount, CancellationToken ct) => Execute(command, "sim_tr_");

    public Task<string> ReverseTransferAsync(ProviderCommand command, string transferId, CancellationToken ct) => Execute(command, "sim_trr_");

    private Task<string> Execute(ProviderCommand command, string prefix)
    {
        if (Fault == ProviderFault.FailBefore)
        {
            throw new PaymentProviderException("Simulated provider unavailable (503).");
        }

        var done = _done.GetOrAdd(command.IdempotencyKey, key => new Operation(key, command.Kind, command.OrderId, command.Amount.Amount, prefix + Guid.NewGuid().ToString("N")[..24]));
        return Fault switch
        {
            ProviderFault.TimeoutAfter => throw new PaymentProviderException("Simulated provider timed out after processing the request."),
            ProviderFault.CrashAfter => throw new SimulatedCrashException(),
            ProviderFault.None or ProviderFault.FailBefore => Task.FromResult(done.Reference),
        };
    }

    public sealed record Operation(string Key, ProviderCommandKind Kind, Guid OrderId, long Amount, string Reference);
}

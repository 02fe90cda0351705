using System.Collections.Concurrent;
using Marketplace.Domain.Common;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Payments;

namespace Marketplace.Core.Payments;

/// <summary>A provider call that failed or timed out; the outbox retries it under the same idempotency key.</summary>
public sealed class PaymentProviderException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The money-moving calls the escrow needs from a payment provider. Each is idempotent by the command's key.</summary>
public interface IPaymentProvider
{
    /// <summary>Refunds the command's amount from its captured payment; returns the provider's refund id.</summary>
    Task<string> RefundAsync(ProviderCommand command, CancellationToken ct);

    /// <summary>Transfers the command's amount to the seller's connected account; returns the provider's transfer id.</summary>
    Task<string> TransferAsync(ProviderCommand command, string destinationAccount, CancellationToken ct);

    /// <summary>Takes the command's amount back from an earlier transfer (refund after release); returns the reversal's id.</summary>
    Task<string> ReverseTransferAsync(ProviderCommand command, string transferId, CancellationToken ct);
}

/// <summary>What the provider knows about a checkout's payment.</summary>
/// <param name="Id">The provider's payment id (a PaymentIntent).</param>
/// <param name="Status">succeeded, processing, requires_payment_method, requires_action, canceled...</param>
/// <param name="ChargeId">The captured charge, once it succeeded.</param>
/// <param name="ClientSecret">What the browser's card form needs to confirm this payment.</param>
/// <param name="FailureMessage">Why the last attempt failed, for the buyer.</param>
/// <param name="Amount">What the provider says it charges (amount and currency), checked against the checkout before money moves.</param>
/// <param name="CheckoutId">The checkout the provider's metadata names, when it names one.</param>
public sealed record ProviderPayment(string Id, string Status, string? ChargeId, string? ClientSecret, string? FailureMessage, Money? Amount = null, Guid? CheckoutId = null)
{
    public bool Succeeded => Status == "succeeded";
}

/// <summary>
/// A provider whose card form runs on our page (Stripe Elements): the server creates the payment, the browser
/// confirms it with the client secret, and the provider tells us the outcome (return URL and webhook).
/// Registered only when such a provider is configured; the simulated provider uses its own hosted card page.
/// </summary>
public interface IEmbeddedCardPayments
{
    /// <summary>The key the browser's card form loads with.</summary>
    string PublishableKey { get; }

    /// <summary>Creates the checkout's payment (once: the same checkout always gets the same payment).</summary>
    Task<ProviderPayment> StartAsync(CheckoutPayment payment, CancellationToken ct);

    Task<ProviderPayment> GetAsync(string providerPaymentId, CancellationToken ct);
}

/// <summary>
/// The default provider: no network, no keys. Like a real provider it remembers idempotency keys, so a
/// retried call returns the first call's result instead of moving money again. <see cref="FailNext"/> makes
/// the next calls fail, before or after the "provider" did the work (a timeout), to rehearse faults.
/// </summary>
public sealed class SimulatedPaymentProvider : IPaymentProvider
{
    private readonly ConcurrentDictionary<string, string> _done = new(StringComparer.Ordinal);
    private int _failBefore;
    private int _failAfter;

    /// <summary>How many distinct operations really happened (one per idempotency key).</summary>
    public int Executed => _done.Count;

    public IReadOnlyDictionary<string, string> Operations => _done;

    /// <summary>The next <paramref name="count"/> calls fail; with <paramref name="afterDoingIt"/> they do the work first and then time out.</summary>
    public void FailNext(int count, bool afterDoingIt = false)
    {
        if (afterDoingIt)
        {
            Interlocked.Exchange(ref _failAfter, count);
        }
        else
        {
            Interlocked.Exchange(ref _failBefore, count);
        }
    }

    public Task<string> RefundAsync(ProviderCommand command, CancellationToken ct) => Execute(command, "sim_re_");

    public Task<string> TransferAsync(ProviderCommand command, string destinationAccount, CancellationToken ct) => Execute(command, "sim_tr_");

    public Task<string> ReverseTransferAsync(ProviderCommand command, string transferId, CancellationToken ct) => Execute(command, "sim_trr_");

    private Task<string> Execute(ProviderCommand command, string prefix)
    {
        if (Interlocked.Decrement(ref _failBefore) >= 0)
        {
            throw new PaymentProviderException("Simulated provider unavailable (503).");
        }

        var reference = _done.GetOrAdd(command.IdempotencyKey, _ => prefix + Guid.NewGuid().ToString("N")[..24]);
        if (Interlocked.Decrement(ref _failAfter) >= 0)
        {
            throw new PaymentProviderException("Simulated provider timed out after processing the request.");
        }

        return Task.FromResult(reference);
    }
}

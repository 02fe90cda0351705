using System.Globalization;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Payments;
using Stripe;

namespace Marketplace.Core.Payments;

/// <summary>
/// Stripe's "separate charges and transfers" through Stripe.net: one PaymentIntent on the platform account per
/// checkout (transfer_group = the checkout), a Transfer with source_transaction = the charge to the seller's
/// connected account on release, a Refund from the charge, and a TransferReversal for a refund after release.
/// Every call carries the idempotency key made from our ids, so a retry after a timeout never moves money twice.
/// </summary>
public sealed class StripePayments(IStripeClient client, StripeOptions options) : IPaymentProvider, IEmbeddedCardPayments
{
    public string PublishableKey => options.PublishableKey ?? string.Empty;

    public async Task<ProviderPayment> StartAsync(CheckoutPayment payment, CancellationToken ct)
    {
        var intent = await Call(() => new PaymentIntentService(client).CreateAsync(
            new PaymentIntentCreateOptions
            {
                Amount = payment.Amount.Amount,
                Currency = Currency(payment.Amount.Currency),
                TransferGroup = payment.Id.ToString(),
                AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true },
                Metadata = new Dictionary<string, string> { ["checkout_id"] = payment.Id.ToString() },
            },
            new RequestOptions { IdempotencyKey = $"checkout:{payment.Id}" },
            ct));
        return ToPayment(intent);
    }

    public async Task<ProviderPayment> GetAsync(string providerPaymentId, CancellationToken ct) =>
        ToPayment(await Call(() => new PaymentIntentService(client).GetAsync(providerPaymentId, cancellationToken: ct)));

    public async Task<string> RefundAsync(ProviderCommand command, CancellationToken ct)
    {
        var refund = await Call(() => new RefundService(client).CreateAsync(
            new RefundCreateOptions
            {
                Charge = command.PaymentReference,
                Amount = command.Amount.Amount,
                Metadata = Metadata(command),
            },
            new RequestOptions { IdempotencyKey = command.IdempotencyKey },
            ct));
        return refund.Id;
    }

    public async Task<string> TransferAsync(ProviderCommand command, string destinationAccount, CancellationToken ct)
    {
        var transfer = await Call(() => new TransferService(client).CreateAsync(
            new TransferCreateOptions
            {
                Amount = command.Amount.Amount,
                Currency = Currency(command.Amount.Currency),
                Destination = destinationAccount,
                SourceTransaction = command.PaymentReference,
                TransferGroup = command.TransferGroup,
                Metadata = Metadata(command),
            },
            new RequestOptions { IdempotencyKey = command.IdempotencyKey },
            ct));
        return transfer.Id;
    }

    public async Task<string> ReverseTransferAsync(ProviderCommand command, string transferId, CancellationToken ct)
    {
        var reversal = await Call(() => new TransferReversalService(client).CreateAsync(
            transferId,
            new TransferReversalCreateOptions { Amount = command.Amount.Amount, Metadata = Metadata(command) },
            new RequestOptions { IdempotencyKey = command.IdempotencyKey },
            ct));
        return reversal.Id;
    }

    /// <summary>The intent as we check it: its amount and currency, and the checkout its metadata names.</summary>
    public static ProviderPayment ToPayment(PaymentIntent intent) =>
        new(
            intent.Id,
            intent.Status,
            intent.LatestChargeId,
            intent.ClientSecret,
            intent.LastPaymentError?.Message,
            new Marketplace.Domain.Common.Money(intent.Amount, (intent.Currency ?? string.Empty).ToUpperInvariant()),
            intent.Metadata?.TryGetValue("checkout_id", out var checkout) == true && Guid.TryParse(checkout, out var checkoutId) ? checkoutId : null);

    private static string Currency(string iso) => iso.ToLower(CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Metadata(ProviderCommand command) => new()
    {
        ["order_id"] = command.OrderId.ToString(),
        ["command"] = command.IdempotencyKey,
    };

    /// <summary>Stripe's errors and network failures become <see cref="PaymentProviderException"/>: the outbox retries them under the same key.</summary>
    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (StripeException exception)
        {
            throw new PaymentProviderException($"Stripe {(int)exception.HttpStatusCode}: {exception.StripeError?.Message ?? exception.Message}", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new PaymentProviderException($"Stripe unreachable: {exception.Message}", exception);
        }
    }
}

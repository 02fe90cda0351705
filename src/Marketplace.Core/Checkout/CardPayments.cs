using Marketplace.Core.Data;
using Marketplace.Core.Payments;
using Marketplace.Domain.Common;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Marketplace.Core.Checkout;

/// <summary>
/// The embedded card form's server side (Stripe Elements): the checkout's payment is created at the provider once
/// (its id kept on the checkout), and the outcome the provider reports, on the buyer's return or by webhook, is
/// applied: succeeded → <see cref="CapturePayment"/>; failed → the decline is shown and nothing else changes.
/// </summary>
public sealed class CardPayments(MarketplaceDbContext db, IEmbeddedCardPayments provider, CapturePayment capture, TimeProvider clock, ILogger<CardPayments> logger)
{
    /// <summary>The provider's payment for the buyer's checkout, created on first use; null when it isn't theirs.</summary>
    public async Task<ProviderPayment?> StartAsync(Guid buyerId, Guid paymentId, CancellationToken ct = default)
    {
        var payment = await db.CheckoutPayments.FirstOrDefaultAsync(p => p.Id == paymentId && p.BuyerId == buyerId, ct);
        if (payment is null)
        {
            return null;
        }

        if (payment.ProviderPaymentId is { } existing)
        {
            return await provider.GetAsync(existing, ct);
        }

        var started = await provider.StartAsync(payment, ct);
        payment.AttachProviderPayment(started.Id);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A second tab started it at the same moment: the provider's idempotency key gave both the same payment.
        }

        return started;
    }

    /// <summary>The buyer came back from the card form: ask the provider how it went and apply it.</summary>
    public async Task<Result<PaymentStatus>> ConfirmAsync(Guid buyerId, Guid paymentId, CancellationToken ct = default)
    {
        var payment = await db.CheckoutPayments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == paymentId && p.BuyerId == buyerId, ct);
        if (payment?.ProviderPaymentId is not { } providerPaymentId)
        {
            return CheckoutErrors.NotFound;
        }

        if (payment.Status == PaymentStatus.Paid)
        {
            return Result<PaymentStatus>.Ok(payment.Status);
        }

        var applied = await ApplyAsync(paymentId, await provider.GetAsync(providerPaymentId, ct), ct);
        if (applied.Error?.Code == MismatchCode)
        {
            // The details (provider ids, amounts) are for admins and the log, not the buyer's page.
            logger.LogError("Checkout {Checkout} not confirmed on the buyer's return: {Mismatch}", paymentId, applied.Error.Message);
            return new DomainError(MismatchCode, "We couldn't match this payment to your order, so nothing changed yet. Our team has been alerted and will sort it out.", ErrorKind.Conflict);
        }

        return applied;
    }

    /// <summary>
    /// Applies the provider's news about a checkout's payment (also used by the webhook). A success is believed only when
    /// it is for this checkout: the same provider payment id (when we kept one), the checkout named in its metadata, and
    /// exactly the checkout's amount and currency. Anything else is <see cref="Mismatch"/> and moves no money.
    /// </summary>
    public async Task<Result<PaymentStatus>> ApplyAsync(Guid paymentId, ProviderPayment state, CancellationToken ct = default)
    {
        if (state.Succeeded && state.ChargeId is { } charge)
        {
            var payment = await db.CheckoutPayments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == paymentId, ct);
            if (payment is null)
            {
                return CheckoutErrors.NotFound;
            }

            if (Mismatch(payment, state) is { } difference)
            {
                return DomainError.Of(MismatchCode, ErrorKind.Conflict, "The provider's payment {0} doesn't match checkout {1}: {2}.", state.Id, payment.Id, difference);
            }

            return await capture.ExecuteAsync(paymentId, charge, ct);
        }

        if (state.FailureMessage is { } failure)
        {
            var payment = await db.CheckoutPayments.FirstOrDefaultAsync(p => p.Id == paymentId, ct);
            if (payment is null)
            {
                return CheckoutErrors.NotFound;
            }

            var recorded = payment.RecordDecline(failure, clock.GetUtcNow());
            if (recorded.Succeeded)
            {
                await db.SaveChangesAsync(ct);
            }

            return new DomainError("card.declined", failure, ErrorKind.Conflict);
        }

        return CheckoutErrors.Processing;
    }

    public const string MismatchCode = "payment.mismatch";

    /// <summary>What differs between the checkout and the provider's payment, or null when it is this checkout's payment.</summary>
    public static string? Mismatch(CheckoutPayment payment, ProviderPayment state)
    {
        if (payment.ProviderPaymentId is { } known && known != state.Id)
        {
            return $"the checkout's payment is {known}";
        }

        if (state.CheckoutId != payment.Id)
        {
            return state.CheckoutId is null ? "its metadata names no checkout" : $"its metadata names checkout {state.CheckoutId}";
        }

        if (state.Amount != payment.Amount)
        {
            return $"it charges {state.Amount?.Amount} {state.Amount?.Currency}, the checkout is {payment.Amount.Amount} {payment.Amount.Currency}";
        }

        return null;
    }
}

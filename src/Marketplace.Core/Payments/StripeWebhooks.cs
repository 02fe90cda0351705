using Marketplace.Core.Checkout;
using Marketplace.Core.Data;
using Marketplace.Core.Escrow;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Stripe;

namespace Marketplace.Core.Payments;

public enum WebhookOutcome
{
    /// <summary>The signature didn't match the raw body (or is too old): nothing was stored or changed.</summary>
    Rejected,

    /// <summary>Stored and processed now.</summary>
    Processed,

    /// <summary>This event id was processed before (a replay or a retry): nothing changed.</summary>
    AlreadyProcessed,
}

/// <summary>
/// Stripe's webhook: the signature is checked on the raw body with the signing secret (and the timestamp within
/// five minutes of our clock), the event is stored by its id, processed, and marked processed. A replay of a
/// processed event changes nothing; an event stored but not processed (a crash, an error) is processed again on
/// Stripe's retry, and every step it takes is itself safe to repeat.
/// </summary>
public sealed class StripeWebhooks(
    MarketplaceDbContext db,
    StripeOptions options,
    CardPayments cardPayments,
    Chargebacks chargebacks,
    TimeProvider clock,
    ILogger<StripeWebhooks> logger)
{
    public const long ToleranceSeconds = 300;

    public async Task<WebhookOutcome> ReceiveAsync(string payload, string? signature, CancellationToken ct = default)
    {
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(payload, signature ?? string.Empty, options.WebhookSecret ?? string.Empty, ToleranceSeconds, clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException exception)
        {
            logger.LogWarning("Rejected a Stripe webhook: {Reason}", exception.Message);
            return WebhookOutcome.Rejected;
        }

        var now = clock.GetUtcNow();
        var stored = await db.ProviderEvents.FirstOrDefaultAsync(e => e.Id == stripeEvent.Id, ct);
        if (stored?.ProcessedAt is not null)
        {
            return WebhookOutcome.AlreadyProcessed;
        }

        if (stored is null)
        {
            stored = new ProviderEvent(stripeEvent.Id, stripeEvent.Type, payload, now);
            db.ProviderEvents.Add(stored);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same event is being delivered twice at this moment: the other delivery processes it.
                return WebhookOutcome.AlreadyProcessed;
            }
        }

        var parked = await ProcessAsync(stripeEvent, ct);
        db.ChangeTracker.Clear();
        stored = await db.ProviderEvents.FirstAsync(e => e.Id == stripeEvent.Id, ct);
        stored.Processed(clock.GetUtcNow(), parked);
        await db.SaveChangesAsync(ct);
        return WebhookOutcome.Processed;
    }

    /// <summary>Processes the event; returns why it was parked for an admin instead (it doesn't match what we know), or null.</summary>
    private async Task<string?> ProcessAsync(Event stripeEvent, CancellationToken ct)
    {
        switch (stripeEvent.Data.Object)
        {
            case PaymentIntent intent when stripeEvent.Type is EventTypes.PaymentIntentSucceeded or EventTypes.PaymentIntentPaymentFailed:
                if (intent.Metadata.TryGetValue("checkout_id", out var checkout) && Guid.TryParse(checkout, out var checkoutId))
                {
                    var state = StripePayments.ToPayment(intent) with
                    {
                        ClientSecret = null,
                        FailureMessage = stripeEvent.Type == EventTypes.PaymentIntentPaymentFailed ? intent.LastPaymentError?.Message ?? "The card was declined." : null,
                    };
                    var applied = await cardPayments.ApplyAsync(checkoutId, state, ct);
                    if (applied.Error?.Code == CardPayments.MismatchCode)
                    {
                        logger.LogError("Stripe event {Id} parked: {Error}", stripeEvent.Id, applied.Error.Message);
                        return applied.Error.Message;
                    }

                    if (!applied.Succeeded)
                    {
                        logger.LogWarning("Stripe event {Id} for checkout {Checkout} changed nothing: {Error}", stripeEvent.Id, checkoutId, applied.Error!.Message);
                    }
                }

                break;
            case Charge charge when stripeEvent.Type == EventTypes.ChargeRefunded:
                await ConfirmRefundsAsync(charge, ct);
                break;
            case Dispute dispute when Step(stripeEvent.Type) is { } step:
                var news = new ChargebackNews(dispute.Id, dispute.ChargeId, new Money(dispute.Amount, dispute.Currency.ToUpperInvariant()), dispute.Reason ?? "unspecified", dispute.Status ?? string.Empty);
                if (!await chargebacks.ApplyAsync(news, step, ct))
                {
                    logger.LogWarning("Stripe dispute {Dispute} is for charge {Charge}, which is not one of ours.", dispute.Id, dispute.ChargeId);
                }

                break;
            default:
                logger.LogInformation("Stored Stripe event {Id} ({Type}); nothing to do for it.", stripeEvent.Id, stripeEvent.Type);
                break;
        }

        return null;
    }

    /// <summary>Stripe confirms refunds of a charge: refunds of ours still waiting to be retried (the call timed out after Stripe did it) are marked done.</summary>
    private async Task ConfirmRefundsAsync(Charge charge, CancellationToken ct)
    {
        var waiting = await db.ProviderCommands
            .Where(c => c.Kind == ProviderCommandKind.Refund && c.PaymentReference == charge.Id && c.Status != ProviderCommandStatus.Succeeded && c.Status != ProviderCommandStatus.Cancelled)
            .OrderBy(c => c.CreatedAt)
            .ToListAsync(ct);
        var confirmed = await db.ProviderCommands
            .Where(c => c.Kind == ProviderCommandKind.Refund && c.PaymentReference == charge.Id && c.Status == ProviderCommandStatus.Succeeded)
            .SumAsync(c => c.Amount.Amount, ct);
        var now = clock.GetUtcNow();
        foreach (var command in waiting)
        {
            if (confirmed + command.Amount.Amount > charge.AmountRefunded)
            {
                break;
            }

            command.Succeeded($"confirmed by {charge.Id} refund webhook", now);
            confirmed += command.Amount.Amount;
        }

        await db.SaveChangesAsync(ct);
    }

    private static ChargebackStep? Step(string type) => type switch
    {
        EventTypes.ChargeDisputeCreated => ChargebackStep.Opened,
        EventTypes.ChargeDisputeFundsWithdrawn => ChargebackStep.FundsWithdrawn,
        EventTypes.ChargeDisputeFundsReinstated => ChargebackStep.FundsReinstated,
        EventTypes.ChargeDisputeClosed => ChargebackStep.Closed,
        _ => null,
    };
}

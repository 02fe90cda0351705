using Marketplace.Core.Data;
using Marketplace.Core.Payments;
using Marketplace.Domain.Common;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Checkout;

/// <summary>
/// The simulated provider's hosted card page submits here. A declined card is recorded and changes nothing
/// else: the orders stay unpaid (stock still reserved) until a good card pays or the time to pay runs out.
/// </summary>
public sealed class PayWithCard(MarketplaceDbContext db, CapturePayment capture, TimeProvider clock)
{
    public async Task<Result<PaymentStatus>> ExecuteAsync(Guid buyerId, Guid paymentId, CardDetails card, CancellationToken ct = default)
    {
        var payment = await db.CheckoutPayments.FirstOrDefaultAsync(p => p.Id == paymentId && p.BuyerId == buyerId, ct);
        if (payment is null)
        {
            return CheckoutErrors.NotFound;
        }

        var now = clock.GetUtcNow();
        if (!payment.CanPay(now))
        {
            return CheckoutErrors.NotPayable;
        }

        if (SimulatedCards.Charge(card, now) is { } refused)
        {
            if (refused.Kind == ErrorKind.Conflict)
            {
                if (!payment.RecordDecline(refused.Message, now).Succeeded)
                {
                    return CheckoutErrors.NotPayable;
                }

                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateConcurrencyException)
                {
                    return CheckoutErrors.NotPayable;
                }
            }

            return refused;
        }

        // The simulated charge id is derived from the payment id: paying twice is the same charge.
        return await capture.ExecuteAsync(payment.Id, $"sim_ch_{payment.Id:N}", ct);
    }
}

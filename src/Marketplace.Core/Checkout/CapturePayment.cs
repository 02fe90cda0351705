using Marketplace.Core.Data;
using Marketplace.Core.Notifications;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Checkout;

/// <summary>
/// The provider says the money arrived: in one database transaction the payment and its orders become
/// Paid, each order gets its escrow hold, and the ledger records "payment captured" per order. Running it
/// twice for the same reference changes nothing. The version check on the payment row decides the race with
/// the lapse job; money that arrives for a checkout that lapsed first (its stock went back on sale) is refunded
/// in full through the outbox, once.
/// </summary>
public sealed class CapturePayment(MarketplaceDbContext db, Notifier notifier, TimeProvider clock)
{
    public async Task<Result<PaymentStatus>> ExecuteAsync(Guid paymentId, string reference, CancellationToken ct = default)
    {
        try
        {
            return await CaptureAsync(paymentId, reference, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The lapse job (or a second delivery of the same news) changed the payment first: decide again on fresh rows.
            db.ChangeTracker.Clear();
            return await CaptureAsync(paymentId, reference, ct);
        }
    }

    private async Task<Result<PaymentStatus>> CaptureAsync(Guid paymentId, string reference, CancellationToken ct)
    {
        var payment = await db.CheckoutPayments.FirstOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null)
        {
            return CheckoutErrors.NotFound;
        }

        if (payment.Status == PaymentStatus.Paid && payment.PaymentReference == reference)
        {
            return Result<PaymentStatus>.Ok(payment.Status);
        }

        var now = clock.GetUtcNow();
        if (payment.RecordLatePayment(reference))
        {
            // The money is in and out at once: "captured" into the checkout's own escrow account and refunded from it.
            db.LedgerTransactions.Add(LedgerTransaction.PaymentCaptured(payment.Id, payment.Amount, now));
            db.LedgerTransactions.Add(LedgerTransaction.RefundedWhileHeld(payment.Id, payment.Amount, now));
            db.ProviderCommands.Add(ProviderCommand.RefundLatePayment(payment.Id, payment.Amount, reference, now));
            await notifier.AddAsync([new Notice(payment.BuyerId, null, Text.Of("Your payment came too late and is refunded"), Text.Of("The time to pay ran out before {0} arrived, so the items went back on sale. The full amount is on its way back to your card.", payment.Amount), "/Orders")], now, ct);
            await db.SaveChangesAsync(ct);
            return CheckoutErrors.NotPayable;
        }

        var paid = payment.MarkPaid(reference, now);
        if (!paid.Succeeded)
        {
            return paid;
        }

        var orders = await db.Orders.Where(o => o.CheckoutId == paymentId).ToListAsync(ct);
        var notices = new List<Notice>();
        foreach (var order in orders)
        {
            var marked = order.MarkPaid(now);
            if (!marked.Succeeded)
            {
                return marked.Error!;
            }

            db.EscrowHolds.Add(new EscrowHold(order.Id, order.SellerId, order.Total, order.CommissionBasisPoints, now, order.PriceRate.Inverse));
            db.LedgerTransactions.Add(LedgerTransaction.PaymentCaptured(order.Id, order.Total, now));
            notices.Add(new Notice(order.BuyerId, null, Text.Of("Payment received for order {0}", order.Number), Text.Of("{0} is held in escrow; the seller is paid only after you're protected.", order.Total), $"/Orders/{order.Id}"));
            notices.Add(new Notice(null, order.SellerId, Text.Of("New order {0} to ship", order.Number), Text.Of("Ship it by {0} with a tracking number, or it is cancelled and refunded.", new When(order.ShipBy!.Value, WhenStyle.MonthDayTime)), $"/Seller/Orders/{order.Id}"));
        }

        await notifier.AddAsync(notices, now, ct);
        await db.SaveChangesAsync(ct);
        return Result<PaymentStatus>.Ok(payment.Status);
    }
}

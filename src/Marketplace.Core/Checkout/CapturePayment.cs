using Marketplace.Core.Data;
using Marketplace.Core.Notifications;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Checkout;

/// <summary>
/// The provider says the money arrived: in one database transaction the payment and its orders become
/// Paid, each order gets its escrow hold, and the ledger records "payment captured" per order. Running it
/// twice for the same reference changes nothing; a payment that lapsed first is refused (the version
/// check on the payment row decides the race with the lapse job).
/// </summary>
public sealed class CapturePayment(MarketplaceDbContext db, Notifier notifier, TimeProvider clock)
{
    public async Task<Result<PaymentStatus>> ExecuteAsync(Guid paymentId, string reference, CancellationToken ct = default)
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

            db.EscrowHolds.Add(new EscrowHold(order.Id, order.SellerId, order.Total, order.CommissionBasisPoints, now));
            db.LedgerTransactions.Add(LedgerTransaction.PaymentCaptured(order.Id, order.Total, now));
            notices.Add(new Notice(order.BuyerId, null, $"Payment received for order {order.Number}", $"{order.Total} is held in escrow; the seller is paid only after you're protected.", $"/Orders/{order.Id}"));
            notices.Add(new Notice(null, order.SellerId, $"New order {order.Number} to ship", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Ship it by {order.ShipBy:MMM d, HH:mm} UTC with a tracking number, or it is cancelled and refunded."), $"/Seller/Orders/{order.Id}"));
        }

        await notifier.AddAsync(notices, now, ct);

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CheckoutErrors.NotPayable;
        }

        return Result<PaymentStatus>.Ok(payment.Status);
    }
}

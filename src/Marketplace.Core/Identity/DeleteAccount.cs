using Marketplace.Core.Data;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Identity;

/// <summary>
/// A person deletes their account. Refused while anything of theirs is still open (an order on its way or protected,
/// money held, a dispute) or while they run a store. Otherwise the account's personal data is removed: the sign-in,
/// e-mail, name and phone go, the shipping addresses on their orders are blanked, their cart, notifications and the
/// e-mails written to them (sent or not) are deleted. The orders, disputes and ledger stay, so sellers and the books keep what they need: the account row stays
/// as an anonymous, locked placeholder that nothing can sign in to.
/// </summary>
public sealed class DeleteAccount(MarketplaceDbContext db)
{
    public const string DeletedName = Order.ForgottenName;

    public static readonly DomainError StillOpen = new("account.still_open", "Your account can't be deleted while something of yours is still open.", ErrorKind.Conflict);

    public static readonly DomainError Changed = new("account.changed", "One of your orders changed while we were deleting your account. Nothing was deleted: please try again.", ErrorKind.Conflict);

    private static readonly OrderStatus[] Open = [OrderStatus.PendingPayment, OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Confirmed, OrderStatus.InDispute];

    /// <summary>What stops the deletion now, in words for the person (empty: nothing does).</summary>
    public async Task<IReadOnlyList<Text>> BlockersAsync(Guid userId, CancellationToken ct = default)
    {
        var blockers = new List<Text>();
        var orders = await db.Orders.Where(o => o.BuyerId == userId && Open.Contains(o.Status)).OrderBy(o => o.PlacedAt).Select(o => o.Number).ToListAsync(ct);
        if (orders.Count > 0)
        {
            var numbers = string.Join(", ", orders.Take(5)) + (orders.Count > 5 ? ", …" : string.Empty);
            blockers.Add(orders.Count == 1
                ? Text.Of("1 order is still open ({0}): wait until it is delivered and the buyer protection has ended, or cancelled.", numbers)
                : Text.Of("{0} orders are still open ({1}): wait until they are delivered and the buyer protection has ended, or cancelled.", orders.Count, numbers));
        }

        var held = await (from h in db.EscrowHolds
                          join o in db.Orders on h.OrderId equals o.Id
                          where o.BuyerId == userId && (h.Status == HoldStatus.Held || h.Status == HoldStatus.Frozen) && !Open.Contains(o.Status)
                          select o.Number).ToListAsync(ct);
        if (held.Count > 0)
        {
            blockers.Add(Text.Of("The payment of {0} is still held.", string.Join(", ", held)));
        }

        var disputes = await db.Disputes.CountAsync(d => d.BuyerId == userId && d.Status != DisputeStatus.Resolved && d.Status != DisputeStatus.Cancelled, ct);
        if (disputes > 0)
        {
            blockers.Add(disputes == 1
                ? Text.Of("1 dispute is still open: withdraw or finish it first.")
                : Text.Of("{0} disputes are still open: withdraw or finish them first.", disputes));
        }

        if (await db.Sellers.AnyAsync(s => s.UserId == userId, ct))
        {
            blockers.Add(Text.Of("You run a store on Marketplace: a store's account can't be deleted here yet. Write to support to close it."));
        }

        return blockers;
    }

    public async Task<Result<Guid>> ExecuteAsync(Guid userId, CancellationToken ct = default)
    {
        if ((await BlockersAsync(userId, ct)).Count > 0)
        {
            return StillOpen;
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return new DomainError("account.not_found", "That account does not exist.", ErrorKind.NotFound);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var address = user.NormalizedEmail;
        await db.EmailMessages.Where(m => m.To.ToUpper() == address).ExecuteDeleteAsync(ct);
        var placeholder = $"deleted-{user.Id:N}@deleted.invalid";
        user.UserName = placeholder;
        user.NormalizedUserName = placeholder.ToUpperInvariant();
        user.Email = placeholder;
        user.NormalizedEmail = placeholder.ToUpperInvariant();
        user.EmailConfirmed = false;
        user.PasswordHash = null;
        user.PhoneNumber = null;
        user.PhoneNumberConfirmed = false;
        user.TwoFactorEnabled = false;
        user.DisplayName = DeletedName;
        user.SecurityStamp = Guid.NewGuid().ToString();
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        foreach (var order in await db.Orders.Where(o => o.BuyerId == userId).ToListAsync(ct))
        {
            order.ForgetBuyerAddress();
        }

        await db.UserLogins.Where(l => l.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserClaims.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        await db.Notifications.Where(n => n.UserId == userId).ExecuteDeleteAsync(ct);
        db.Carts.RemoveRange(await db.Carts.Where(c => c.OwnerId == userId).ToListAsync(ct));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(ct);
            return Changed;
        }

        await transaction.CommitAsync(ct);
        return Result<Guid>.Ok(user.Id);
    }
}

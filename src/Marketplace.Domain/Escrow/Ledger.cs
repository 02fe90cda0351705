using Marketplace.Domain.Common;

namespace Marketplace.Domain.Escrow;

public enum LedgerEntryKind
{
    PaymentCaptured,
    Release,
    Payout,
    Refund,
    RefundAfterRelease,
    Chargeback,
    ChargebackReinstated,
    TransferReversed,
    PayoutCancelled,
    RefundCancelled,

    /// <summary>A seller's balance moved between the checkout's currency and their payout currency: one transaction per currency.</summary>
    Converted,
}

/// <summary>
/// One balanced double-entry transaction (SPEC §3). A posting's amount is signed: debits positive,
/// credits negative, so every transaction sums to zero per currency.
/// </summary>
public sealed class LedgerTransaction
{
    private readonly List<LedgerPosting> _postings = [];

    private LedgerTransaction()
    {
    }

    private LedgerTransaction(LedgerEntryKind kind, Guid? orderId, DateTimeOffset at, IEnumerable<(string Account, long Amount)> postings, string currency)
    {
        Id = Ids.New();
        Kind = kind;
        OrderId = orderId;
        At = at;
        foreach (var (account, amount) in postings.Where(p => p.Amount != 0))
        {
            _postings.Add(new LedgerPosting(Id, account, amount, currency));
        }

        if (_postings.Sum(p => p.Amount) != 0)
        {
            throw new InvalidOperationException($"A {kind} transaction does not balance.");
        }
    }

    public Guid Id { get; private set; }

    public LedgerEntryKind Kind { get; private set; }

    public Guid? OrderId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public IReadOnlyList<LedgerPosting> Postings => _postings;

    /// <summary>Debit ProviderCash, credit Escrow:{order}.</summary>
    public static LedgerTransaction PaymentCaptured(Guid orderId, Money amount, DateTimeOffset at) =>
        new(LedgerEntryKind.PaymentCaptured, orderId, at, [(Accounts.ProviderCash, amount.Amount), (Accounts.Escrow(orderId), -amount.Amount)], amount.Currency);

    /// <summary>Refund while held: debit Escrow:{order}, credit ProviderCash.</summary>
    public static LedgerTransaction RefundedWhileHeld(Guid orderId, Money amount, DateTimeOffset at) =>
        new(LedgerEntryKind.Refund, orderId, at, [(Accounts.Escrow(orderId), amount.Amount), (Accounts.ProviderCash, -amount.Amount)], amount.Currency);

    /// <summary>Payout to the seller succeeded (the provider's transfer): debit SellerPayable:{seller}, credit ProviderCash.</summary>
    public static LedgerTransaction PaidOut(Guid orderId, Guid sellerId, Money amount, DateTimeOffset at) =>
        new(LedgerEntryKind.Payout, orderId, at, [(Accounts.SellerPayable(sellerId), amount.Amount), (Accounts.ProviderCash, -amount.Amount)], amount.Currency);

    /// <summary>
    /// Refund after release (SPEC §3): the platform pays the buyer back from its cash and the seller owes their
    /// share: debit SellerReceivable:{seller} (share) and CommissionRevenue (fee), credit ProviderCash.
    /// </summary>
    public static LedgerTransaction RefundedAfterRelease(EscrowHold hold, Money refund, DateTimeOffset at) =>
        new(LedgerEntryKind.RefundAfterRelease, hold.OrderId, at, SellerOwes(hold, refund.Amount, refund.Amount), hold.Amount.Currency);

    /// <summary>What the seller owes in a take-back transaction (its SellerReceivable debits).</summary>
    public static long SellerOwedIn(LedgerTransaction transaction) =>
        transaction._postings.Where(p => p.Account.StartsWith(Accounts.SellerReceivablePrefix, StringComparison.Ordinal)).Sum(p => p.Amount);

    /// <summary>The seller's share came back from their account (a transfer reversal): debit ProviderCash, credit SellerReceivable:{seller}.</summary>
    public static LedgerTransaction TransferReversed(Guid orderId, Guid sellerId, Money amount, DateTimeOffset at) =>
        new(LedgerEntryKind.TransferReversed, orderId, at, [(Accounts.ProviderCash, amount.Amount), (Accounts.SellerReceivable(sellerId), -amount.Amount)], amount.Currency);

    /// <summary>A refund after release caught the seller's payout before it was sent: the payable settles what they owe (debit SellerPayable, credit SellerReceivable).</summary>
    public static LedgerTransaction PayoutCancelled(Guid orderId, Guid sellerId, Money amount, DateTimeOffset at) =>
        new(LedgerEntryKind.PayoutCancelled, orderId, at, [(Accounts.SellerPayable(sellerId), amount.Amount), (Accounts.SellerReceivable(sellerId), -amount.Amount)], amount.Currency);

    /// <summary>
    /// A refund never sent because a lost chargeback already gave the buyer that money: the provider cash it would have
    /// paid stays, and the loss booked for the chargeback beyond the stake shrinks by as much (debit ProviderCash, credit ChargebackLoss).
    /// </summary>
    public static LedgerTransaction RefundCancelled(Guid orderId, Money amount, DateTimeOffset at) =>
        new(LedgerEntryKind.RefundCancelled, orderId, at, [(Accounts.ProviderCash, amount.Amount), (Accounts.ChargebackLoss, -amount.Amount)], amount.Currency);

    /// <summary>
    /// The card network withdrew <paramref name="amount"/> of this order's payment (SPEC §3 "chargeback received"):
    /// from Escrow:{order} while the hold is held or frozen, else the seller owes it (share and fee split by the frozen rate).
    /// <paramref name="takenBackBefore"/> is what earlier take-backs after release already took from what the seller kept.
    /// </summary>
    public static LedgerTransaction Chargeback(EscrowHold hold, long amount, bool stillHeld, long takenBackBefore, DateTimeOffset at) =>
        new(LedgerEntryKind.Chargeback, hold.OrderId, at,
            stillHeld ? [(Accounts.Escrow(hold.OrderId), amount), (Accounts.ProviderCash, -amount)] : SellerOwes(hold, hold.Kept.Amount - takenBackBefore, amount),
            hold.Amount.Currency);

    /// <summary>
    /// The network withdrew more than was still at stake on the checkout's orders (e.g. a refund we owe that hadn't reached
    /// the bank yet): the excess is the platform's loss until it is recovered (debit ChargebackLoss, credit ProviderCash).
    /// </summary>
    public static LedgerTransaction ChargebackBeyondStake(Guid orderId, Money excess, DateTimeOffset at) =>
        new(LedgerEntryKind.Chargeback, orderId, at, [(Accounts.ChargebackLoss, excess.Amount), (Accounts.ProviderCash, -excess.Amount)], excess.Currency);

    /// <summary>The network gave a chargeback's money back: the exact reverse of the <see cref="Chargeback"/> transaction.</summary>
    public static LedgerTransaction ChargebackReinstated(LedgerTransaction chargeback, DateTimeOffset at) =>
        new(LedgerEntryKind.ChargebackReinstated, chargeback.OrderId, at, chargeback._postings.Select(p => (p.Account, -p.Amount)).ToList(), chargeback._postings[0].Currency);

    /// <summary>
    /// A seller's balance on <paramref name="account"/> moves from <paramref name="from"/>'s currency into <paramref name="to"/>'s,
    /// through the platform's CurrencyExchange account: debit the account and credit CurrencyExchange in the first currency, debit
    /// CurrencyExchange and credit the account in the second. Each transaction balances in its own currency; CurrencyExchange
    /// keeps the platform's position in each currency. Nothing when the two amounts are in one currency.
    /// </summary>
    public static IReadOnlyList<LedgerTransaction> Converted(Guid orderId, string account, Money from, Money to, DateTimeOffset at) =>
        from.Currency == to.Currency || (from.IsZero && to.IsZero)
            ? []
            :
            [
                new(LedgerEntryKind.Converted, orderId, at, [(account, from.Amount), (Accounts.CurrencyExchange, -from.Amount)], from.Currency),
                new(LedgerEntryKind.Converted, orderId, at, [(Accounts.CurrencyExchange, to.Amount), (account, -to.Amount)], to.Currency),
            ];

    /// <summary>Debit Escrow:{order} (what the seller keeps), credit SellerPayable:{seller} (share) and CommissionRevenue (fee).</summary>
    public static LedgerTransaction Released(EscrowHold hold, DateTimeOffset at) =>
        new(LedgerEntryKind.Release, hold.OrderId, at,
            [(Accounts.Escrow(hold.OrderId), hold.Kept.Amount), (Accounts.SellerPayable(hold.SellerId), -hold.SellerShare.Amount), (Accounts.CommissionRevenue, -hold.Commission.Amount)],
            hold.Amount.Currency);

    /// <summary>
    /// <paramref name="amount"/> taken back from the <paramref name="keptBefore"/> the seller kept: the platform gives back the
    /// commission it earned on what the seller no longer keeps (the fee on the kept amount before, less the fee on what is
    /// left, so the commission stays exactly the frozen rate of what the seller keeps, rounding included); the seller owes the rest.
    /// </summary>
    private static (string Account, long Amount)[] SellerOwes(EscrowHold hold, long keptBefore, long amount)
    {
        var fee = (long kept) => new Money(Math.Max(0, kept), hold.Amount.Currency).PercentBasisPoints(hold.CommissionBasisPoints).Amount;
        var owed = amount - (fee(keptBefore) - fee(keptBefore - amount));
        return [(Accounts.SellerReceivable(hold.SellerId), owed), (Accounts.CommissionRevenue, amount - owed), (Accounts.ProviderCash, -amount)];
    }
}

public sealed class LedgerPosting
{
    private LedgerPosting()
    {
        Account = string.Empty;
        Currency = string.Empty;
    }

    internal LedgerPosting(Guid transactionId, string account, long amount, string currency)
    {
        Id = Ids.New();
        TransactionId = transactionId;
        Account = account;
        Amount = amount;
        Currency = currency;
    }

    public Guid Id { get; private set; }

    public Guid TransactionId { get; private set; }

    /// <summary>"ProviderCash", "CommissionRevenue", "Escrow:{orderId}", "SellerPayable:{sellerId}", "SellerReceivable:{sellerId}".</summary>
    public string Account { get; private set; }

    /// <summary>Minor units; debit positive, credit negative.</summary>
    public long Amount { get; private set; }

    public string Currency { get; private set; }
}

public static class Accounts
{
    public const string ProviderCash = "ProviderCash";
    public const string CommissionRevenue = "CommissionRevenue";

    /// <summary>What card networks took beyond what was at stake on the orders: the platform's loss.</summary>
    public const string ChargebackLoss = "ChargebackLoss";

    /// <summary>The platform's position in each currency from converting sellers' balances (a credit in one, a debit in the other).</summary>
    public const string CurrencyExchange = "CurrencyExchange";

    public static string Escrow(Guid orderId) => $"Escrow:{orderId}";

    public static string SellerPayable(Guid sellerId) => $"SellerPayable:{sellerId}";

    public const string SellerReceivablePrefix = "SellerReceivable:";

    public static string SellerReceivable(Guid sellerId) => $"{SellerReceivablePrefix}{sellerId}";
}

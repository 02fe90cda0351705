using Marketplace.Core.Checkout;
using Marketplace.Core.Disputes;
using Marketplace.Core.Escrow;
using Marketplace.Core.Orders;
using Marketplace.Core.Payments;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Payments;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests.Simulation;

/// <summary>What can happen next in a history: a person's action, the bank's, a job's, the provider's or the clock's.</summary>
public enum Act
{
    Checkout,
    CheckoutTwoSellers,
    CheckoutUnpaid,
    Ship,
    Confirm,
    RequestCancel,
    AcceptCancel,
    OpenDispute,
    SellerAccept,
    SellerCounter,
    SellerReject,
    BuyerAcceptCounter,
    BuyerRejectCounter,
    Escalate,
    Decide,
    Withdraw,
    ShipReturn,
    ReturnDelivered,
    ConfirmReturn,
    ChargebackOpened,
    ChargebackFundsWithdrawn,
    ChargebackWon,
    ChargebackLost,
    RefundAfterRelease,
    AdminHold,
    LiftAdminHold,
    Jobs,
    SendOutbox,
    SendOutboxFailing,
    SendOutboxTimingOut,
    SendOutboxCrashing,
    Clock,

    /// <summary>Whatever moves the order along from where it is now (ship a paid one, answer a dispute...), chosen by the value.</summary>
    Advance,
}

/// <summary>One step: <see cref="Target"/> picks the order (or buyer, listing), <see cref="Value"/> the amount, outcome or jump.</summary>
public readonly record struct Step(Act Act, int Target, int Value)
{
    public override string ToString() => $"{Act}({Target},{Value})";
}

/// <summary>
/// Drives the real services (the same ones the pages, webhooks and jobs call) on PostgreSQL through one history and
/// checks the escrow invariants after every step; throws with the step and what broke.
/// </summary>
public sealed class EscrowSimulation(MarketplaceAppFactory factory, SimulationProvider provider)
{
    /// <summary>Jumps that land just before, on and past every timer: payment 30 min, ship-by, cancel 48 h, dispute 5/7/10 d, protection 15 d, ceiling 85 d.</summary>
    private static readonly TimeSpan[] Jumps =
    [
        TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31), TimeSpan.FromHours(1), TimeSpan.FromHours(47), TimeSpan.FromHours(49),
        TimeSpan.FromDays(3), TimeSpan.FromDays(5), TimeSpan.FromDays(7), TimeSpan.FromDays(10), TimeSpan.FromDays(11),
        TimeSpan.FromDays(15), TimeSpan.FromDays(16), TimeSpan.FromDays(30), TimeSpan.FromDays(85),
    ];

    private readonly List<(Guid Id, Guid BuyerId, Guid SellerId, Guid CheckoutId)> _orders = [];
    private readonly List<Guid> _buyers = [];
    private readonly List<(Guid SellerId, Guid ListingId, Guid VariantId)> _listings = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task RunAsync(IReadOnlyList<Step> history)
    {
        await factory.Database!.ResetAsync();
        provider.Reset();
        await SetUpAsync();
        for (var i = 0; i < history.Count; i++)
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
            try
            {
                await ApplyAsync(history[i]);
            }
            catch (Exception exception) when (exception is not SimulatedCrashException)
            {
                throw new InvalidOperationException($"Step {i + 1} {history[i]} threw.{Environment.NewLine}{Describe(history)}", exception);
            }

            var broken = await InvariantsAsync();
            if (broken.Count > 0)
            {
                throw new InvalidOperationException($"After step {i + 1} {history[i]}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", broken)}{Environment.NewLine}{Describe(history)}");
            }
        }

        await CountAsync();
    }

    public static string Describe(IReadOnlyList<Step> history) => "History: [" + string.Join(", ", history) + "]";

    private async Task SetUpAsync()
    {
        _orders.Clear();
        _buyers.Clear();
        _listings.Clear();
        var catalog = new CatalogBuilder(factory);
        var category = await catalog.CategoryAsync($"Sim {Guid.NewGuid():N}"[..12]);
        foreach (var (store, prices) in new[] { ("Porto Ceramics", new long[] { 1_000, 1_499 }), ("Kyoto Paper", new long[] { 2_999 }) })
        {
            var seller = await catalog.SellerAsync(store, "PT");
            await using (var db = factory.CreateDbContext())
            {
                var stored = await db.Sellers.SingleAsync(s => s.Id == seller.Id, Ct);
                stored.ConnectPayoutAccount($"sim_acct_{seller.Id:N}");
                stored.EnablePayouts($"sim_acct_{seller.Id:N}");
                await db.SaveChangesAsync(Ct);
            }

            foreach (var price in prices)
            {
                var listing = await catalog.ListingAsync(seller, category, $"Item at {price}", configure: l =>
                {
                    l.AddVariant($"SKU-{Guid.NewGuid():N}"[..20], "Standard", new Money(price, "USD"), 1_000);
                    l.AddShippingOption(null, Domain.Catalog.ShippingMethod.Standard, "Post", new Money(500, "USD"), 3, 10);
                });
                _listings.Add((seller.Id, listing.Id, listing.Variants[0].Id));
            }
        }

        for (var i = 0; i < 2; i++)
        {
            _buyers.Add((await factory.CreateUserAsync($"sim-buyer-{i}-{Guid.NewGuid():N}@test.local")).Id);
        }
    }

    private async Task ApplyAsync(Step step)
    {
        switch (step.Act)
        {
            case Act.Checkout:
                await CheckoutAsync(step, [_listings[step.Value % _listings.Count]], pay: true);
                return;
            case Act.CheckoutTwoSellers:
                await CheckoutAsync(step, [_listings[step.Value % 2], _listings[2]], pay: true);
                return;
            case Act.CheckoutUnpaid:
                await CheckoutAsync(step, [_listings[step.Value % _listings.Count]], pay: false);
                return;
            case Act.Jobs:
                await RunJobsAsync();
                return;
            case Act.SendOutbox or Act.SendOutboxFailing or Act.SendOutboxTimingOut or Act.SendOutboxCrashing:
                await SendOutboxAsync(step.Act);
                return;
            case Act.Clock:
                factory.Clock.Advance(Jumps[step.Value % Jumps.Length] + TimeSpan.FromSeconds(step.Target));
                return;
            default:
                break;
        }

        if (_orders.Count == 0)
        {
            return;
        }

        var order = _orders[step.Target % _orders.Count];
        if (step.Act == Act.Advance)
        {
            if (await NextActAsync(order.Id, step.Value) is { } next)
            {
                await ApplyAsync(step with { Act = next });
            }

            return;
        }

        var buyer = DisputeParty.Buyer(order.BuyerId);
        var seller = DisputeParty.Seller(order.SellerId);
        var total = await TotalAsync(order.Id);
        var amount = Math.Clamp(total * (step.Value % 100) / 100, 1, Math.Max(1, total - 1));
        switch (step.Act)
        {
            case Act.Ship:
                _ = await factory.RunAsync<ShipOrder, Result<OrderStatus>>(a => a.ExecuteAsync(order.SellerId, order.Id, "Post", $"TRK{step.Value}", Ct));
                return;
            case Act.Confirm:
                _ = await factory.RunAsync<ConfirmReceipt, Result<OrderStatus>>(a => a.ExecuteAsync(order.BuyerId, order.Id, Ct));
                return;
            case Act.RequestCancel:
                _ = await factory.RunAsync<RequestCancellation, Result<OrderStatus>>(a => a.ExecuteAsync(order.BuyerId, order.Id, "Changed my mind", Ct));
                return;
            case Act.AcceptCancel:
                _ = await factory.RunAsync<CancelOrder, Result<OrderStatus>>(a => a.AcceptAsync(order.SellerId, order.Id, Ct));
                return;
            case Act.OpenDispute:
                var request = (DisputeRemedy)(step.Value % 3);
                _ = await factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.OpenAsync(order.BuyerId, order.Id, new OpenDisputeInput(DisputeIssue.NotAsDescribed, request, request == DisputeRemedy.PartialRefund ? amount : null, "Not what the listing said."), Ct));
                return;
            case Act.RefundAfterRelease:
                _ = await factory.RunAsync<RefundAfterRelease, Result<OrderStatus>>(a => a.ExecuteAsync(Guid.NewGuid(), order.Id, "Counterfeit after all", Ct));
                return;
            case Act.AdminHold:
                var number = (await NumberAsync(order.Id))!;
                _ = await factory.RunAsync<AdminHolds, Result<HoldStatus>>(a => a.PlaceAsync(Guid.NewGuid(), number, "Looks like card testing", Ct));
                return;
            case Act.LiftAdminHold:
                _ = await factory.RunAsync<AdminHolds, Result<HoldStatus>>(a => a.LiftAsync(Guid.NewGuid(), order.Id, "Checked", Ct));
                return;
            case Act.ChargebackOpened or Act.ChargebackFundsWithdrawn or Act.ChargebackWon or Act.ChargebackLost:
                await BankAsync(step.Act, order.CheckoutId, step.Value);
                return;
            default:
                break;
        }

        var dispute = await ActiveDisputeAsync(order.Id);
        if (dispute is null)
        {
            return;
        }

        var outcome = step.Act switch
        {
            Act.SellerAccept => Dispute(a => a.AcceptAsync(seller, dispute.Value, Ct)),
            Act.SellerCounter => Dispute(a => a.CounterAsync(seller, dispute.Value, (DisputeRemedy)(1 + (step.Value % 3)), amount, "How about this?", Ct)),
            Act.SellerReject => Dispute(a => a.RejectAsync(seller, dispute.Value, "It was as described.", Ct)),
            Act.BuyerAcceptCounter => Dispute(a => a.AcceptCounterAsync(buyer, dispute.Value, Ct)),
            Act.BuyerRejectCounter => Dispute(a => a.RejectCounterAsync(buyer, dispute.Value, Ct)),
            Act.Escalate => Dispute(a => a.EscalateAsync(step.Value % 2 == 0 ? buyer : seller, dispute.Value, Ct)),
            Act.Decide => Dispute(a => a.DecideAsync(DisputeParty.Admin(Guid.NewGuid()), dispute.Value, DecisionOf(step.Value), amount, "Decided on the evidence.", Ct)),
            Act.Withdraw => Dispute(a => a.CancelAsync(buyer, dispute.Value, Ct)),
            Act.ShipReturn => Dispute(a => a.ShipReturnAsync(buyer, dispute.Value, "Post", $"RET{step.Value}", Ct)),
            Act.ReturnDelivered => Dispute(a => a.ReturnDeliveredAsync(DisputeParty.Admin(Guid.NewGuid()), dispute.Value, Ct)),
            Act.ConfirmReturn => Dispute(a => a.ConfirmReturnAsync(seller, dispute.Value, Ct)),
            _ => throw new InvalidOperationException($"{step.Act} is not a dispute step."),
        };
        _ = await outcome;
    }

    /// <summary>The natural next step for an order in its state (a person's, not a job's); null when it waits for time or the bank.</summary>
    private async Task<Act?> NextActAsync(Guid orderId, int value)
    {
        await using var db = factory.CreateDbContext();
        var order = await db.Orders.Where(o => o.Id == orderId).Select(o => new { o.Status, o.CancellationRequestedAt }).SingleAsync(Ct);
        var dispute = await db.Disputes.Where(d => d.OrderId == orderId && d.Status != DisputeStatus.Resolved && d.Status != DisputeStatus.Cancelled).Select(d => (DisputeStatus?)d.Status).FirstOrDefaultAsync(Ct);
        var pick = value % 10;
        return (order.Status, dispute) switch
        {
            (OrderStatus.Paid, _) when order.CancellationRequestedAt is not null => pick < 5 ? Act.AcceptCancel : Act.Ship,
            (OrderStatus.Paid, _) => pick < 8 ? Act.Ship : Act.RequestCancel,
            (OrderStatus.Shipped, _) => pick < 6 ? Act.Confirm : Act.OpenDispute,
            (OrderStatus.Confirmed, _) => pick < 6 ? Act.OpenDispute : null,
            (OrderStatus.Completed, _) => pick < 3 ? Act.RefundAfterRelease : null,
            (_, DisputeStatus.AwaitingSeller) => pick < 3 ? Act.SellerAccept : pick < 6 ? Act.SellerCounter : pick < 9 ? Act.SellerReject : Act.Withdraw,
            (_, DisputeStatus.CounterOffered) => pick < 5 ? Act.BuyerAcceptCounter : Act.BuyerRejectCounter,
            (_, DisputeStatus.Rejected) => pick < 5 ? Act.Escalate : pick < 7 ? Act.SellerCounter : pick < 8 ? Act.SellerAccept : Act.Withdraw,
            (_, DisputeStatus.Escalated) => Act.Decide,
            (_, DisputeStatus.AwaitingReturn) => pick < 8 ? Act.ShipReturn : Act.Withdraw,
            (_, DisputeStatus.ReturnShipped) => pick < 5 ? Act.ReturnDelivered : Act.ConfirmReturn,
            _ => null,
        };
    }

    private static DisputeRemedy DecisionOf(int value) => (value % 4) switch
    {
        0 => DisputeRemedy.FullRefund,
        1 => DisputeRemedy.PartialRefund,
        2 => DisputeRemedy.ReturnForRefund,
        _ => DisputeRemedy.SellerWins,
    };

    private Task<Result<Dispute>> Dispute(Func<DisputeActions, Task<Result<Dispute>>> act) => factory.RunAsync(act);

    private async Task CheckoutAsync(Step step, IReadOnlyList<(Guid SellerId, Guid ListingId, Guid VariantId)> items, bool pay)
    {
        var buyerId = _buyers[step.Target % _buyers.Count];
        foreach (var item in items)
        {
            var added = await factory.RunAsync<AddToCart, Result<Domain.Orders.Cart>>(a => a.ExecuteAsync(CartOwner.User(buyerId), item.ListingId, item.VariantId, 1 + (step.Value % 2), Ct));
            if (!added.Succeeded)
            {
                throw new InvalidOperationException($"Adding to the cart failed: {added.Error!.Message}");
            }
        }

        var address = new ShippingAddress("Ana", "1 Main St", null, "Toronto", null, "M5V", "CA", null);
        var placed = await factory.RunAsync<PlaceOrder, Result<CheckoutPayment>>(a => a.ExecuteAsync(buyerId, new CheckoutRequest(address, items.Select(i => i.SellerId).Distinct().ToDictionary(s => s, _ => "Standard")), Ct));
        if (!placed.Succeeded)
        {
            throw new InvalidOperationException($"Checkout failed: {placed.Error!.Message}");
        }

        var paymentId = placed.Value!.Id;
        if (pay)
        {
            // The capture the card page makes (PayWithCard checks a card's expiry against a clock that runs for centuries here).
            var paid = await factory.RunAsync<CapturePayment, Result<PaymentStatus>>(a => a.ExecuteAsync(paymentId, $"sim_ch_{paymentId:N}", Ct));
            if (!paid.Succeeded)
            {
                throw new InvalidOperationException($"Paying failed: {paid.Error!.Message}");
            }
        }

        await using var db = factory.CreateDbContext();
        _orders.AddRange((await db.Orders.Where(o => o.CheckoutId == paymentId).OrderBy(o => o.Number).Select(o => new { o.Id, o.BuyerId, o.SellerId, o.CheckoutId }).ToListAsync(Ct))
            .Select(o => (o.Id, o.BuyerId, o.SellerId, o.CheckoutId)));
    }

    private async Task RunJobsAsync()
    {
        _ = await factory.RunAsync<LapseUnpaidOrders, int>(a => a.ExecuteAsync(Ct));
        _ = await factory.RunAsync<CancelUnshippedOrders, int>(a => a.ExecuteAsync(Ct));
        _ = await factory.RunAsync<CancelOrder, int>(a => a.CancelUnansweredAsync(Ct));
        _ = await factory.RunAsync<AutoConfirmOrders, int>(a => a.ExecuteAsync(Ct));
        _ = await factory.RunAsync<DisputeActions, int>(a => a.ApplyTimersAsync(Ct));
        _ = await factory.RunAsync<DisputeActions, int>(a => a.RemindAsync(Ct));
        _ = await factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct));
    }

    private async Task SendOutboxAsync(Act act)
    {
        provider.Fault = act switch
        {
            Act.SendOutboxFailing => ProviderFault.FailBefore,
            Act.SendOutboxTimingOut => ProviderFault.TimeoutAfter,
            Act.SendOutboxCrashing => ProviderFault.CrashAfter,
            _ => ProviderFault.None,
        };
        try
        {
            _ = await factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));
        }
        catch (SimulatedCrashException)
        {
            // The worker died between the provider's work and our commit; the next run sends it again under the same key.
        }
        finally
        {
            provider.Fault = ProviderFault.None;
        }
    }

    /// <summary>
    /// The card network as Stripe runs it: one dispute per charge, for at most what isn't refunded (none on a charge
    /// refunded in full); funds_reinstated only on the way to a win. The news goes through the same code as the webhook.
    /// </summary>
    private async Task BankAsync(Act act, Guid checkoutId, int value)
    {
        await using var db = factory.CreateDbContext();
        var charge = await db.CheckoutPayments.Where(p => p.Id == checkoutId).Select(p => p.PaymentReference).SingleAsync(Ct);
        var existing = await db.Chargebacks.FirstOrDefaultAsync(c => c.CheckoutId == checkoutId, Ct);
        if (charge is null || existing?.Status is ChargebackStatus.Won or ChargebackStatus.Lost)
        {
            return;
        }

        var orderIds = await db.Orders.Where(o => o.CheckoutId == checkoutId).Select(o => o.Id).ToListAsync(Ct);
        var atStake = (await db.EscrowHolds.Where(h => orderIds.Contains(h.OrderId)).ToListAsync(Ct)).Sum(h => h.AtStake);
        // A third of the chargebacks are for part of the money (the bank disputes one item of a checkout, say).
        var amount = existing?.Amount.Amount ?? (value % 3 == 0 && atStake > 1 ? Math.Max(1, atStake * (value % 100) / 100) : atStake);
        if (amount <= 0)
        {
            return;
        }

        var news = (string status) => new ChargebackNews($"dp_{checkoutId:N}", charge, new Money(amount, "USD"), "fraudulent", status);
        switch (act)
        {
            case Act.ChargebackOpened:
                _ = await factory.RunAsync<Chargebacks, bool>(c => c.ApplyAsync(news("needs_response"), ChargebackStep.Opened, Ct));
                return;
            case Act.ChargebackFundsWithdrawn:
                _ = await factory.RunAsync<Chargebacks, bool>(c => c.ApplyAsync(news("needs_response"), ChargebackStep.FundsWithdrawn, Ct));
                return;
            case Act.ChargebackWon:
                if (existing?.FundsOut == true)
                {
                    _ = await factory.RunAsync<Chargebacks, bool>(c => c.ApplyAsync(news("won"), ChargebackStep.FundsReinstated, Ct));
                }

                _ = await factory.RunAsync<Chargebacks, bool>(c => c.ApplyAsync(news("won"), ChargebackStep.Closed, Ct));
                return;
            default:
                _ = await factory.RunAsync<Chargebacks, bool>(c => c.ApplyAsync(news("lost"), ChargebackStep.Closed, Ct));
                return;
        }
    }

    private async Task<string?> NumberAsync(Guid orderId)
    {
        await using var db = factory.CreateDbContext();
        return await db.Orders.Where(o => o.Id == orderId).Select(o => o.Number).SingleAsync(Ct);
    }

    private async Task<long> TotalAsync(Guid orderId)
    {
        await using var db = factory.CreateDbContext();
        return await db.Orders.Where(o => o.Id == orderId).Select(o => o.Total.Amount).SingleAsync(Ct);
    }

    private async Task<Guid?> ActiveDisputeAsync(Guid orderId)
    {
        await using var db = factory.CreateDbContext();
        return await db.Disputes.Where(d => d.OrderId == orderId && d.Status != DisputeStatus.Resolved && d.Status != DisputeStatus.Cancelled).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(Ct);
    }

    /// <summary>Everything that must hold after any step; each broken rule as a line naming the order.</summary>
    private async Task<List<string>> InvariantsAsync()
    {
        var broken = (await factory.LedgerViolationsAsync()).Select(v => $"{v.Rule}: {v.Detail}").ToList();
        await using var db = factory.CreateDbContext();
        var orders = await db.Orders.AsNoTracking().Select(o => new { o.Id, o.CheckoutId, o.Number, o.Status, Total = o.Total.Amount, o.CommissionBasisPoints }).ToListAsync(Ct);
        var holds = await db.EscrowHolds.AsNoTracking().ToDictionaryAsync(h => h.OrderId, Ct);
        var commands = await db.ProviderCommands.AsNoTracking().ToListAsync(Ct);
        var postings = (await db.LedgerTransactions.AsNoTracking().Where(t => t.OrderId != null).Include(t => t.Postings).ToListAsync(Ct))
            .SelectMany(t => t.Postings.Select(p => (OrderId: t.OrderId!.Value, t.Kind, p.Account, p.Amount)))
            .ToList();
        var done = provider.Operations.ToLookup(o => o.OrderId);
        var openChargebacks = (await db.Chargebacks.AsNoTracking().Where(c => c.Status == ChargebackStatus.Open).Select(c => c.CheckoutId).ToListAsync(Ct)).ToHashSet();
        var activeDisputes = (await db.Disputes.AsNoTracking().Where(d => d.Status != DisputeStatus.Resolved && d.Status != DisputeStatus.Cancelled).Select(d => d.OrderId).ToListAsync(Ct)).ToHashSet();
        var checkouts = orders.ToDictionary(o => o.Id, o => o.CheckoutId);
        foreach (var waiting in holds.Values.Where(h => !h.IsFrozen && !h.IsClosed && h.DecidedRefund is not null))
        {
            broken.Add($"A decided refund waits on a hold nothing freezes any more (it would never move): the hold of order {waiting.OrderId}.");
        }

        foreach (var frozen in holds.Values.Where(h => h.IsFrozen))
        {
            // Every freeze reason has an owner that is still open: none is left behind to freeze the money for ever.
            if (frozen.FrozenFor.HasFlag(FreezeReasons.Chargeback) && !openChargebacks.Contains(checkouts[frozen.OrderId]))
            {
                broken.Add($"Frozen for a chargeback that is closed: the hold of order {frozen.OrderId}.");
            }

            if (frozen.FrozenFor.HasFlag(FreezeReasons.Dispute) && !activeDisputes.Contains(frozen.OrderId))
            {
                broken.Add($"Frozen for a dispute that is closed: the hold of order {frozen.OrderId}.");
            }
        }
        foreach (var order in orders)
        {
            var mine = postings.Where(p => p.OrderId == order.Id).ToList();
            var paidIn = holds.ContainsKey(order.Id) ? order.Total : 0;
            var sent = done[order.Id].Sum(o => o.Kind == ProviderCommandKind.ReverseTransfer ? -o.Amount : o.Amount);
            var owed = commands.Where(c => c.OrderId == order.Id && c.Status is ProviderCommandStatus.Pending or ProviderCommandStatus.NeedsAdmin && c.Kind != ProviderCommandKind.ReverseTransfer && !done[order.Id].Any(o => o.Key == c.IdempotencyKey)).Sum(c => c.Amount.Amount);
            // What the bank took from this order (a withdrawal beyond the stake, booked to ChargebackLoss, is the platform's, not the order's).
            var bank = -mine.Where(p => p.Kind is LedgerEntryKind.Chargeback or LedgerEntryKind.ChargebackReinstated && p.Account == Accounts.ProviderCash).Sum(p => p.Amount)
                - mine.Where(p => p.Account == Accounts.ChargebackLoss).Sum(p => p.Amount);
            var receivable = mine.Where(p => p.Account.StartsWith("SellerReceivable:", StringComparison.Ordinal)).Sum(p => p.Amount);
            if (sent + owed + bank - receivable > paidIn)
            {
                broken.Add($"Money out exceeds money in: order {order.Number} took {paidIn}, paid out {sent} (+{owed} owed, {bank} by the bank, {receivable} owed back by the seller).");
            }

            var transfers = done[order.Id].Count(o => o.Kind == ProviderCommandKind.Transfer);
            if (transfers > 1 || commands.Count(c => c.OrderId == order.Id && c.Kind == ProviderCommandKind.Transfer) > 1)
            {
                broken.Add($"Transferred twice: order {order.Number} has {transfers} transfers at the provider.");
            }

            var commission = -mine.Where(p => p.Account == Accounts.CommissionRevenue).Sum(p => p.Amount);
            var refunds = commands.Where(c => c.OrderId == order.Id && c.Kind == ProviderCommandKind.Refund && c.Status != ProviderCommandStatus.Cancelled).Sum(c => c.Amount.Amount);
            var kept = holds.TryGetValue(order.Id, out var hold) && hold.IsClosed ? Math.Max(0, order.Total - refunds - bank) : 0;
            var fee = new Money(kept, "USD").PercentBasisPoints(order.CommissionBasisPoints).Amount;
            if (commission != fee)
            {
                broken.Add($"Commission not on what the seller keeps: order {order.Number} ({order.Status}, hold {hold?.Status}) earned {commission}, the seller keeps {kept} so it should be {fee}.");
            }

            var escrow = mine.Where(p => p.Account == Accounts.Escrow(order.Id)).Sum(p => p.Amount);
            if (order.Status is OrderStatus.Completed or OrderStatus.Cancelled or OrderStatus.AutoCancelled or OrderStatus.Refunded or OrderStatus.PartiallyRefunded && escrow != 0)
            {
                broken.Add($"A closed order's escrow isn't zero: order {order.Number} is {order.Status} and its escrow holds {-escrow} (hold {hold?.Status}).");
            }
        }

        return broken;
    }

    /// <summary>What the histories so far reached (how many orders ended how, disputes, chargebacks, both on one order...), for the docs.</summary>
    public Dictionary<string, int> Reached { get; } = [];

    private async Task CountAsync()
    {
        await using var db = factory.CreateDbContext();
        var orders = await db.Orders.AsNoTracking().Select(o => new { o.Id, o.CheckoutId, o.Status }).ToListAsync(Ct);
        var disputes = await db.Disputes.AsNoTracking().Select(d => new { d.OrderId, d.Status, d.Outcome }).ToListAsync(Ct);
        var chargebacks = await db.Chargebacks.AsNoTracking().Select(c => new { c.CheckoutId, c.Status, c.FundsWithdrawnAt }).ToListAsync(Ct);
        var holds = await db.EscrowHolds.AsNoTracking().Select(h => new { h.OrderId, h.Status }).ToListAsync(Ct);
        void Add(string what, int count) => Reached[what] = Reached.GetValueOrDefault(what) + count;
        Add("histories", 1);
        Add("orders", orders.Count);
        foreach (var group in orders.GroupBy(o => o.Status))
        {
            Add($"orders {group.Key}", group.Count());
        }

        foreach (var group in holds.GroupBy(h => h.Status))
        {
            Add($"holds {group.Key}", group.Count());
        }

        foreach (var group in disputes.GroupBy(d => d.Status == DisputeStatus.Resolved ? $"disputes resolved {d.Outcome}" : $"disputes {d.Status}"))
        {
            Add(group.Key, group.Count());
        }

        foreach (var group in chargebacks.GroupBy(c => $"chargebacks {c.Status}{(c.FundsWithdrawnAt is null ? string.Empty : " (funds withdrawn)")}"))
        {
            Add(group.Key, group.Count());
        }

        var charged = chargebacks.Select(c => c.CheckoutId).ToHashSet();
        Add("orders with a dispute and a chargeback", orders.Count(o => charged.Contains(o.CheckoutId) && disputes.Any(d => d.OrderId == o.Id)));
        Add("provider operations", provider.Operations.Count);
    }

    public string DescribeReached() => string.Join(Environment.NewLine, Reached.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}: {r.Value}"));
}

using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;

namespace Marketplace.Domain.Tests;

public sealed class OrderTests
{
    private static readonly DateTimeOffset _now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static Order NewOrder(int handlingDays = 3, int maxDays = 10) => Order.Place(
        Guid.NewGuid(),
        Guid.NewGuid(),
        Guid.NewGuid(),
        new ShippingAddress("Ana", "1 Main St", null, "Toronto", "ON", "M5V", "CA", null),
        new ShippingChoice("Standard", "Post", new Money(500, "USD"), 4, maxDays),
        handlingDays,
        800,
        [
            new OrderLineInput(Guid.NewGuid(), Guid.NewGuid(), "Mug", "Blue", "MUG-B", new Money(1250, "USD"), 2),
            new OrderLineInput(Guid.NewGuid(), Guid.NewGuid(), "Bowl", "Large", "BWL-L", new Money(999, "USD"), 1),
        ],
        _now,
        new MarketplaceRules());

    [Fact]
    public void Once_shipped_the_expected_arrival_counts_from_the_day_it_shipped_and_ends_at_the_delivery_deadline()
    {
        var order = NewOrder(handlingDays: 3, maxDays: 10);
        var promised = order.ExpectedArrival;
        order.MarkPaid(_now.AddMinutes(5));
        var shippedAt = _now.AddDays(1);
        order.MarkShipped("Post", "RR1", shippedAt);
        var shipped = order.ExpectedArrival;
        order.GrantExtension(5, shippedAt.AddDays(8));

        promised.Should().Be(new DeliveryEstimate(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 10)), "at checkout: 4 to 3 + 10 days from the day it was placed");
        shipped.Should().Be(new DeliveryEstimate(new DateOnly(2026, 12, 2), new DateOnly(2026, 12, 8)), "shipped a day later: 4 to 10 days from then");
        DateOnly.FromDateTime(order.DeliveryDeadline!.Value.UtcDateTime).Should().Be(new DateOnly(2026, 12, 13));
        order.ExpectedArrival.Latest.Should().Be(new DateOnly(2026, 12, 13), "an extension moves it with the deadline");
    }

    [Fact]
    public void An_order_totals_its_lines_and_shipping_and_records_who_did_what()
    {
        var order = NewOrder();

        order.Subtotal.Should().Be(new Money(3499, "USD"));
        order.Total.Should().Be(new Money(3999, "USD"));
        order.Status.Should().Be(OrderStatus.PendingPayment);
        order.Number.Should().MatchRegex("^MK-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$");
        order.Events.Should().ContainSingle().Which.Actor.Should().Be(Actor.Buyer);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public void The_payment_window_closes_at_thirty_minutes(int secondsFromDeadline, bool lapsed)
    {
        var order = NewOrder();
        var at = _now + TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(secondsFromDeadline);

        order.PaymentLapsed(at).Should().Be(lapsed);
        order.LapseUnpaid(at).Succeeded.Should().Be(lapsed);
        order.Status.Should().Be(lapsed ? OrderStatus.AutoCancelled : OrderStatus.PendingPayment);
    }

    [Fact]
    public void A_paid_order_must_ship_within_its_handling_days_and_shipping_sets_the_delivery_deadline()
    {
        var order = NewOrder(handlingDays: 2, maxDays: 14);

        order.MarkShipped("DHL", "123", _now).Error.Should().Be(OrderErrors.NotShippable);
        order.MarkPaid(_now.AddMinutes(5)).Succeeded.Should().BeTrue();
        order.ShipBy.Should().Be(_now.AddMinutes(5).AddDays(2));
        order.MarkShipped(" ", "123", _now.AddDays(1)).Error.Should().Be(OrderErrors.TrackingRequired);
        order.MarkShipped("DHL", " JD0123 ", _now.AddDays(1)).Succeeded.Should().BeTrue();

        order.TrackingNumber.Should().Be("JD0123");
        order.DeliveryDeadline.Should().Be(_now.AddDays(15));
        order.MarkPaid(_now).Error.Should().Be(OrderErrors.NotPending);
        order.LapseUnpaid(_now.AddDays(30)).Succeeded.Should().BeFalse("a paid order never lapses");
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public void The_system_confirms_receipt_only_from_the_delivery_deadline_on(int secondsFromDeadline, bool confirmed)
    {
        var order = NewOrder(maxDays: 10);
        order.MarkPaid(_now);
        order.MarkShipped("DHL", "1", _now);
        var deadline = order.DeliveryDeadline!.Value;

        order.ConfirmReceipt(Actor.System, deadline.AddSeconds(secondsFromDeadline)).Succeeded.Should().Be(confirmed);
    }

    [Fact]
    public void The_buyer_confirms_receipt_any_time_after_shipping_but_not_before()
    {
        var order = NewOrder();
        order.MarkPaid(_now);

        order.ConfirmReceipt(Actor.Buyer, _now.AddHours(1)).Error.Should().Be(OrderErrors.NotConfirmable);
        order.MarkShipped("DHL", "1", _now.AddHours(2));
        order.ConfirmReceipt(Actor.Buyer, _now.AddHours(3)).Succeeded.Should().BeTrue();
        order.ConfirmedAt.Should().Be(_now.AddHours(3));
        order.Events.Select(e => e.Status).Should().Equal(OrderStatus.PendingPayment, OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Confirmed);
    }

    [Fact]
    public void A_checkout_payment_is_paid_once_and_not_after_its_window()
    {
        var payment = new CheckoutPayment(Guid.NewGuid(), new Money(3999, "USD"), _now, TimeSpan.FromMinutes(30));

        payment.RecordDecline("Declined.", _now.AddMinutes(1)).Succeeded.Should().BeTrue();
        payment.MarkPaid("ch_1", _now + TimeSpan.FromMinutes(30)).Error.Should().Be(CheckoutErrors.NotPayable);
        payment.MarkPaid("ch_1", _now + TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1)).Succeeded.Should().BeTrue();
        payment.MarkPaid("ch_2", _now.AddMinutes(2)).Error.Should().Be(CheckoutErrors.NotPayable);
        payment.Lapse(_now.AddHours(1)).Succeeded.Should().BeFalse("a paid payment never lapses");
        payment.Attempts.Should().Be(2);
        payment.LastFailure.Should().BeNull();
    }
}

public sealed class EscrowTests
{
    private static readonly DateTimeOffset _now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(10_000, 800, 800, 9_200)]
    [InlineData(3_999, 800, 320, 3_679)]
    [InlineData(1, 800, 0, 1)]
    [InlineData(7, 1_250, 1, 6)]
    public void Commission_is_frozen_on_the_hold_and_the_seller_gets_the_exact_rest(long amount, int basisPoints, long commission, long share)
    {
        var hold = new EscrowHold(Guid.NewGuid(), Guid.NewGuid(), new Money(amount, "USD"), basisPoints, _now);

        hold.Commission.Amount.Should().Be(commission);
        hold.SellerShare.Amount.Should().Be(share);
        (hold.Commission + hold.SellerShare).Should().Be(hold.Amount);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public void A_hold_is_due_fifteen_days_after_its_protection_starts(int secondsFromEnd, bool due)
    {
        var hold = new EscrowHold(Guid.NewGuid(), Guid.NewGuid(), new Money(5000, "USD"), 800, _now);
        var confirmed = _now.AddDays(4);

        hold.IsDue(_now.AddYears(1)).Should().BeFalse("a hold with no protection window yet is never due");
        hold.ProtectUntil(confirmed, TimeSpan.FromDays(15));
        var at = confirmed + TimeSpan.FromDays(15) + TimeSpan.FromSeconds(secondsFromEnd);

        hold.IsDue(at).Should().Be(due);
        hold.Release(at).Succeeded.Should().Be(due);
        hold.Release(at).Succeeded.Should().BeFalse("a hold is released once");
    }

    [Fact]
    public void Ledger_transactions_balance_and_follow_the_spec_accounts()
    {
        var orderId = Guid.NewGuid();
        var sellerId = Guid.NewGuid();
        var hold = new EscrowHold(orderId, sellerId, new Money(3999, "USD"), 800, _now);

        var captured = LedgerTransaction.PaymentCaptured(orderId, hold.Amount, _now);
        var released = LedgerTransaction.Released(hold, _now);

        captured.Postings.Select(p => (p.Account, p.Amount)).Should().Equal((Accounts.ProviderCash, 3999L), ($"Escrow:{orderId}", -3999L));
        released.Postings.Select(p => (p.Account, p.Amount)).Should().Equal(($"Escrow:{orderId}", 3999L), ($"SellerPayable:{sellerId}", -3679L), (Accounts.CommissionRevenue, -320L));
        captured.Postings.Concat(released.Postings).Where(p => p.Account.StartsWith("Escrow:", StringComparison.Ordinal)).Sum(p => p.Amount).Should().Be(0);
    }

    [Fact]
    public void Chargeback_postings_come_from_escrow_while_held_and_from_the_seller_after_release_and_reverse_exactly()
    {
        var orderId = Guid.NewGuid();
        var sellerId = Guid.NewGuid();
        var hold = new EscrowHold(orderId, sellerId, new Money(3999, "USD"), 800, _now);

        var whileHeld = LedgerTransaction.Chargeback(hold, 3999, stillHeld: true, takenBackBefore: 0, _now);
        var afterRelease = LedgerTransaction.Chargeback(hold, 3999, stillHeld: false, takenBackBefore: 0, _now);
        var reinstated = LedgerTransaction.ChargebackReinstated(afterRelease, _now);

        whileHeld.Postings.Select(p => (p.Account, p.Amount)).Should().Equal(($"Escrow:{orderId}", 3999L), (Accounts.ProviderCash, -3999L));
        afterRelease.Postings.Select(p => (p.Account, p.Amount)).Should().Equal(($"SellerReceivable:{sellerId}", 3679L), (Accounts.CommissionRevenue, 320L), (Accounts.ProviderCash, -3999L));
        reinstated.Postings.Select(p => (p.Account, p.Amount)).Should().Equal(($"SellerReceivable:{sellerId}", -3679L), (Accounts.CommissionRevenue, -320L), (Accounts.ProviderCash, 3999L));
        reinstated.Kind.Should().Be(LedgerEntryKind.ChargebackReinstated);
    }

    [Fact]
    public void A_partial_chargeback_after_release_leaves_the_commission_exactly_on_what_the_seller_still_keeps()
    {
        // 8 % of 10.10 is 0.808 -> 0.81; of the 0.05 taken back 0.004 -> 0.00; of the 10.05 left 0.804 -> 0.80.
        // Taking back only the fee "on the 0.05" would leave the platform 0.81 on 10.05: one cent too much.
        var sellerId = Guid.NewGuid();
        var hold = new EscrowHold(Guid.NewGuid(), sellerId, new Money(1010, "USD"), 800, _now);

        var first = LedgerTransaction.Chargeback(hold, 5, stillHeld: false, takenBackBefore: 0, _now);
        var second = LedgerTransaction.Chargeback(hold, 1005, stillHeld: false, takenBackBefore: 5, _now);

        first.Postings.Select(p => (p.Account, p.Amount)).Should().Equal(($"SellerReceivable:{sellerId}", 4L), (Accounts.CommissionRevenue, 1L), (Accounts.ProviderCash, -5L));
        LedgerTransaction.SellerOwedIn(first).Should().Be(4);
        second.Postings.Select(p => (p.Account, p.Amount)).Should().Equal(($"SellerReceivable:{sellerId}", 925L), (Accounts.CommissionRevenue, 80L), (Accounts.ProviderCash, -1005L));
        var released = LedgerTransaction.Released(hold, _now);
        new[] { released, first, second }.SelectMany(t => t.Postings).Where(p => p.Account == Accounts.CommissionRevenue).Sum(p => p.Amount)
            .Should().Be(0, "the fee of 0.81 earned at release is all given back once the seller keeps nothing");
    }

    [Fact]
    public void A_chargeback_covers_a_checkouts_orders_in_number_order_each_up_to_its_total()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var orders = new[] { (c, "MK-C", 500L), (a, "MK-A", 1000L), (b, "MK-B", 2000L) };

        Chargeback.Allocate(3500, orders).Should().Equal((a, 1000L), (b, 2000L), (c, 500L));
        Chargeback.Allocate(1500, orders).Should().Equal((a, 1000L), (b, 500L));
        Chargeback.Allocate(9999, orders).Sum(x => x.Amount).Should().Be(3500, "never more than the orders hold");
    }

    [Fact]
    public void A_frozen_hold_is_neither_released_nor_refunded_until_unfrozen()
    {
        var hold = new EscrowHold(Guid.NewGuid(), Guid.NewGuid(), new Money(1000, "USD"), 800, _now);
        hold.ProtectUntil(_now, TimeSpan.FromDays(15));
        var due = _now + TimeSpan.FromDays(15);

        hold.Freeze(FreezeReasons.Chargeback).Succeeded.Should().BeTrue();
        hold.IsDue(due).Should().BeFalse();
        hold.Release(due).Succeeded.Should().BeFalse();
        hold.RefundInFull(due).Succeeded.Should().BeFalse("the bank is already returning the money");
        hold.Unfreeze(FreezeReasons.Chargeback).Succeeded.Should().BeTrue();
        hold.Release(due).Succeeded.Should().BeTrue();
        hold.Freeze(FreezeReasons.Chargeback).Succeeded.Should().BeFalse("released money can't be frozen");
    }

    [Theory]
    [InlineData(FreezeReasons.Dispute, FreezeReasons.Chargeback)]
    [InlineData(FreezeReasons.Chargeback, FreezeReasons.Dispute)]
    [InlineData(FreezeReasons.AdminHold, FreezeReasons.Dispute)]
    public void Each_freeze_reason_is_removed_by_its_owner_and_the_hold_moves_only_when_none_is_left(FreezeReasons first, FreezeReasons second)
    {
        var hold = new EscrowHold(Guid.NewGuid(), Guid.NewGuid(), new Money(1500, "USD"), 800, _now);
        hold.ProtectUntil(_now, TimeSpan.FromDays(15));
        var due = _now + TimeSpan.FromDays(15);

        hold.Freeze(first).Succeeded.Should().BeTrue();
        hold.Freeze(second).Succeeded.Should().BeTrue();
        hold.Unfreeze(first).Succeeded.Should().BeTrue();
        var afterFirst = (hold.Status, hold.FrozenFor, hold.Release(due).Succeeded);
        hold.Unfreeze(first).Succeeded.Should().BeFalse("a reason is removed once");
        hold.Unfreeze(second).Succeeded.Should().BeTrue();

        afterFirst.Should().Be((HoldStatus.Frozen, second, false));
        hold.Release(due).Succeeded.Should().BeTrue();
        hold.SellerShare.Amount.Should().Be(1380);
    }

    [Fact]
    public void A_decided_dispute_waits_for_an_open_chargeback_and_what_the_bank_returned_counts_towards_its_refund()
    {
        var hold = new EscrowHold(Guid.NewGuid(), Guid.NewGuid(), new Money(1500, "USD"), 800, _now);
        hold.Freeze(FreezeReasons.Dispute);
        hold.Freeze(FreezeReasons.Chargeback);

        hold.DisputeDecided(1000, _now).Value.Should().Be(HoldStatus.Frozen, "the chargeback is still open");
        hold.Settle(_now).Succeeded.Should().BeFalse();
        hold.ChargeBack(400, _now).Succeeded.Should().BeTrue();
        hold.AwaitsSettlement.Should().BeTrue();
        hold.Settle(_now).Value.Should().Be(HoldStatus.PartiallyRefunded);

        (hold.RefundedAmount, hold.ChargedBackAmount, hold.Kept.Amount, hold.Commission.Amount, hold.SellerShare.Amount).Should().Be((600L, 400L, 500L, 40L, 460L));
    }

    [Fact]
    public void A_chargeback_lost_in_full_ends_the_hold_whatever_else_froze_it()
    {
        var hold = new EscrowHold(Guid.NewGuid(), Guid.NewGuid(), new Money(1500, "USD"), 800, _now);
        hold.Freeze(FreezeReasons.Dispute);
        hold.Freeze(FreezeReasons.Chargeback);

        hold.ChargeBack(1500, _now).Value.Should().Be(HoldStatus.ChargedBack);
        (hold.FrozenFor, hold.Kept.Amount).Should().Be((FreezeReasons.None, 0L));
        hold.DisputeDecided(1500, _now).Succeeded.Should().BeFalse("the bank already returned everything");
    }
}

public sealed class CartAndShippingTests
{
    private static readonly DateTimeOffset _now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_cart_keeps_one_line_per_variant_caps_quantities_and_absorbs_a_guest_cart()
    {
        var (listing, red, blue) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var mine = new Cart(Guid.NewGuid(), _now);
        var guest = new Cart(null, _now);
        mine.Add(listing, red, 2, _now);
        guest.Add(listing, red, 98, _now);
        guest.Add(listing, blue, 1, _now);

        mine.Add(listing, red, 0, _now).Should().Be(CartErrors.BadQuantity);
        mine.Absorb(guest, _now);

        mine.Lines.Select(l => (l.VariantId, l.Quantity)).Should().Equal((red, Cart.MaxQuantity), (blue, 1));
        guest.Lines.Should().BeEmpty();
        mine.SetQuantity(blue, 0, _now).Should().BeNull();
        mine.Lines.Should().ContainSingle();
        mine.SetQuantity(Guid.NewGuid(), 1, _now).Should().Be(CartErrors.NoSuchLine);
    }

    [Fact]
    public void A_seller_ships_a_method_only_when_every_listing_offers_it_there_summing_prices_and_taking_the_slowest_window()
    {
        var lamp = new Listing(Guid.NewGuid(), Guid.NewGuid(), "Lamp", "d", 2, "USD", _now);
        lamp.AddShippingOption(null, ShippingMethod.Standard, "Post", new Money(500, "USD"), 5, 12);
        lamp.AddShippingOption(null, ShippingMethod.ExpressCourier, "DHL", new Money(2500, "USD"), 2, 4);
        var mug = new Listing(Guid.NewGuid(), Guid.NewGuid(), "Mug", "d", 2, "USD", _now);
        mug.AddShippingOption("CA", ShippingMethod.Standard, "Canada Post", new Money(300, "USD"), 4, 9);
        mug.AddShippingOption(null, ShippingMethod.ExpressCourier, "DHL", new Money(2000, "USD"), 2, 3);

        var toCanada = ShippingQuote.For([lamp.ShippingOptions, mug.ShippingOptions], "CA", "USD");
        var toJapan = ShippingQuote.For([lamp.ShippingOptions, mug.ShippingOptions], "JP", "USD");

        toCanada.Should().ContainSingle("the mug's Canada options replace its 'all other countries' ones");
        toCanada[0].Should().BeEquivalentTo(new ShippingChoice("Standard", "Post / Canada Post", new Money(800, "USD"), 5, 12));
        toJapan.Should().ContainSingle().Which.Should().BeEquivalentTo(new ShippingChoice("Express courier", "DHL", new Money(4500, "USD"), 2, 4));
    }
}

public sealed class ProviderCommandTests
{
    private static readonly DateTimeOffset _now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Retries_back_off_30_s_doubling_to_an_hour_and_the_sixth_failure_waits_for_an_admin()
    {
        var command = Domain.Payments.ProviderCommand.Refund(Guid.NewGuid(), Guid.NewGuid(), new Money(500, "USD"), "ch_1", Guid.NewGuid(), _now);
        var waits = new List<TimeSpan>();
        var at = _now;
        for (var i = 0; i < Domain.Payments.ProviderCommand.MaxAttempts - 1; i++)
        {
            command.IsDue(at).Should().BeTrue();
            command.Failed("503", at);
            waits.Add(command.NextAttemptAt - at);
            command.IsDue(command.NextAttemptAt.AddTicks(-1)).Should().BeFalse();
            at = command.NextAttemptAt;
        }

        command.Failed("503", at);

        waits.Select(w => w.TotalSeconds).Should().Equal(30, 60, 120, 240, 480);
        Domain.Payments.ProviderCommand.BackoffAfter(20).Should().Be(TimeSpan.FromHours(1));
        command.Status.Should().Be(Domain.Payments.ProviderCommandStatus.NeedsAdmin);
        command.IsDue(at.AddDays(1)).Should().BeFalse("only an admin sends it again");
        command.IdempotencyKey.Should().StartWith("refund:");
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    public void A_paid_order_is_overdue_from_its_ship_by_time(int secondsFromShipBy, bool overdue)
    {
        var order = Order.Place(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new ShippingAddress("Ana", "1 Main", null, "Lyon", null, "69001", "FR", null), new ShippingChoice("Standard", "Post", Money.Zero("USD"), 2, 5), 4, 800,
            [new OrderLineInput(Guid.NewGuid(), Guid.NewGuid(), "Mug", "Blue", "M", new Money(1000, "USD"), 1)], _now, new MarketplaceRules());
        order.MarkPaid(_now);

        order.CancelUnshipped(_now.AddDays(4).AddSeconds(secondsFromShipBy)).Succeeded.Should().Be(overdue);
    }
}

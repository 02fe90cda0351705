using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;

namespace Marketplace.Domain.Tests;

public sealed class DisputeTests
{
    private static readonly DateTimeOffset _shipped = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public void A_dispute_opens_from_the_11th_day_after_shipping(int secondsFromOpening, bool opens)
    {
        var (order, hold) = ShippedOrder();

        var opened = Open(order, hold, _shipped + TimeSpan.FromDays(10) + TimeSpan.FromSeconds(secondsFromOpening));

        opened.Succeeded.Should().Be(opens);
        if (!opens)
        {
            opened.Error.Should().Be(DisputeErrors.OutsideWindow);
        }
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(1, false)]
    public void A_dispute_opens_until_the_protection_ends_and_at_once_after_confirming_receipt(int secondsFromEnd, bool opens)
    {
        var (order, hold) = ShippedOrder();
        var confirmed = _shipped.AddDays(2);
        order.ConfirmReceipt(Actor.Buyer, confirmed);
        hold.ProtectUntil(confirmed, TimeSpan.FromDays(15));

        Open(order, hold, confirmed).Succeeded.Should().BeTrue("confirming receipt opens the window before day 11");
        Open(order, hold, hold.ProtectionEndsAt!.Value + TimeSpan.FromSeconds(secondsFromEnd)).Succeeded.Should().Be(opens);
    }

    [Theory]
    [InlineData(-1, DisputeStatus.AwaitingSeller)]
    [InlineData(0, DisputeStatus.Resolved)]
    [InlineData(1, DisputeStatus.Resolved)]
    public void A_seller_who_does_not_answer_within_5_days_grants_the_buyers_request(int secondsFromDeadline, DisputeStatus expected)
    {
        var dispute = OpenDispute(DisputeRemedy.PartialRefund, 1500);

        var now = dispute.OpenedAt + TimeSpan.FromDays(5) + TimeSpan.FromSeconds(secondsFromDeadline);
        dispute.ApplyTimers(now);

        dispute.Status.Should().Be(expected);
        if (expected == DisputeStatus.Resolved)
        {
            dispute.RefundAmount.Should().Be(1500);
            dispute.Accept(now).Succeeded.Should().BeFalse("too late to answer");
        }
        else
        {
            dispute.Accept(now).Succeeded.Should().BeTrue();
        }
    }

    [Theory]
    [InlineData(-1, DisputeStatus.Rejected)]
    [InlineData(0, DisputeStatus.Escalated)]
    [InlineData(1, DisputeStatus.Escalated)]
    public void Seven_days_without_agreement_escalates_to_an_admin(int secondsFromDeadline, DisputeStatus expected)
    {
        var dispute = OpenDispute(DisputeRemedy.FullRefund);
        dispute.Counter(DisputeRemedy.PartialRefund, 1000, "Half back?", dispute.OpenedAt.AddDays(1)).Succeeded.Should().BeTrue();
        dispute.RejectCounter(dispute.OpenedAt.AddDays(2)).Succeeded.Should().BeTrue();

        dispute.ApplyTimers(dispute.OpenedAt + TimeSpan.FromDays(7) + TimeSpan.FromSeconds(secondsFromDeadline));

        dispute.Status.Should().Be(expected);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(1, false)]
    public void After_the_buyer_rejects_an_offer_the_seller_may_offer_again_until_the_dispute_escalates(int secondsFromDeadline, bool mayOffer)
    {
        var dispute = OpenDispute(DisputeRemedy.FullRefund);
        dispute.Counter(DisputeRemedy.PartialRefund, 500, "A fifth back?", dispute.OpenedAt.AddDays(1)).Succeeded.Should().BeTrue();
        dispute.RejectCounter(dispute.OpenedAt.AddDays(2)).Succeeded.Should().BeTrue();
        var at = dispute.OpenedAt + TimeSpan.FromDays(7) + TimeSpan.FromSeconds(secondsFromDeadline);

        dispute.Reject("No.", at).Succeeded.Should().BeFalse("a rejection answers the request once, not the buyer's rejection");
        var again = dispute.Counter(DisputeRemedy.PartialRefund, 1200, "More than half, then.", at);

        again.Succeeded.Should().Be(mayOffer, "the seller's 5-day reply window has passed, but the negotiation stays open until it escalates");
        if (mayOffer)
        {
            dispute.Status.Should().Be(DisputeStatus.CounterOffered);
            dispute.AcceptCounter(at).Succeeded.Should().BeTrue();
            (dispute.Status, dispute.Outcome, dispute.RefundAmount).Should().Be((DisputeStatus.Resolved, DisputeRemedy.PartialRefund, 1200L));
        }
        else
        {
            again.Error.Should().Be(DisputeErrors.NotAwaitingSeller);
            dispute.ApplyTimers(at).Should().BeTrue();
            dispute.Status.Should().Be(DisputeStatus.Escalated);
        }
    }

    [Fact]
    public void A_seller_who_rejected_may_still_accept_the_request_or_make_an_offer_but_not_over_a_pending_one()
    {
        var accepted = OpenDispute(DisputeRemedy.PartialRefund, 900);
        accepted.Reject("It arrived fine.", accepted.OpenedAt.AddHours(1)).Succeeded.Should().BeTrue();
        accepted.Accept(accepted.OpenedAt.AddDays(6)).Succeeded.Should().BeTrue("a change of mind is still an agreement, after the 5-day reply window too");
        (accepted.Status, accepted.RefundAmount).Should().Be((DisputeStatus.Resolved, 900L));

        var offered = OpenDispute(DisputeRemedy.FullRefund);
        offered.Reject("It arrived fine.", offered.OpenedAt.AddHours(1)).Succeeded.Should().BeTrue();
        offered.Counter(DisputeRemedy.Reship, null, "I'll send another.", offered.OpenedAt.AddHours(2)).Succeeded.Should().BeTrue();
        offered.Counter(DisputeRemedy.PartialRefund, 300, "Or this.", offered.OpenedAt.AddHours(3)).Error.Should().Be(DisputeErrors.NotAwaitingSeller, "the buyer answers the pending offer first");
        offered.Accept(offered.OpenedAt.AddHours(3)).Error.Should().Be(DisputeErrors.NotAwaitingSeller);
        offered.Escalate(Actor.Seller, offered.OpenedAt.AddHours(3)).Succeeded.Should().BeFalse("an offer is pending");
        (offered.Status, offered.CounterOffer).Should().Be((DisputeStatus.CounterOffered, DisputeRemedy.Reship));

        offered.Escalate(Actor.Buyer, offered.OpenedAt.AddHours(4)).Succeeded.Should().BeTrue("a seller re-offering after every rejection can't keep the buyer from an admin");
        offered.Status.Should().Be(DisputeStatus.Escalated);
        offered.Events.Select(e => (e.Actor, e.Text.Template)).TakeLast(2).Should().Equal((Actor.Buyer, "Rejected the seller's offer."), (Actor.Buyer, "The buyer asked an admin to decide."));
    }

    [Fact]
    public void A_counter_offer_the_buyer_accepts_settles_at_that_amount_and_either_side_can_escalate_after_a_rejection()
    {
        var accepted = OpenDispute(DisputeRemedy.FullRefund);
        accepted.Counter(DisputeRemedy.PartialRefund, 700, string.Empty, accepted.OpenedAt.AddHours(1));
        accepted.AcceptCounter(accepted.OpenedAt.AddHours(2)).Succeeded.Should().BeTrue();
        (accepted.Status, accepted.Outcome, accepted.RefundAmount).Should().Be((DisputeStatus.Resolved, DisputeRemedy.PartialRefund, 700L));

        var rejected = OpenDispute(DisputeRemedy.FullRefund);
        rejected.Escalate(Actor.Buyer, rejected.OpenedAt).Succeeded.Should().BeFalse("nobody rejected anything yet");
        rejected.Reject(string.Empty, rejected.OpenedAt).Error.Should().Be(DisputeErrors.ReasonRequired);
        rejected.Reject("It arrived fine: see the delivery photo.", rejected.OpenedAt.AddHours(1)).Succeeded.Should().BeTrue();
        rejected.Escalate(Actor.Seller, rejected.OpenedAt.AddHours(2)).Succeeded.Should().BeTrue();
        rejected.Decide(DisputeRemedy.PartialRefund, 5000, "Too much", rejected.OpenedAt.AddHours(3)).Error.Should().Be(DisputeErrors.BadAmount);
        rejected.Decide(DisputeRemedy.PartialRefund, 800, "Scratched, as the photos show.", rejected.OpenedAt.AddHours(3)).Succeeded.Should().BeTrue();
        rejected.Decide(DisputeRemedy.FullRefund, null, "Again", rejected.OpenedAt.AddHours(4)).Succeeded.Should().BeFalse("decided once");
        (rejected.RefundAmount, rejected.DecisionReason).Should().Be((800L, "Scratched, as the photos show."));
    }

    [Theory]
    [InlineData(-1, DisputeStatus.AwaitingReturn)]
    [InlineData(0, DisputeStatus.Resolved)]
    public void A_return_not_sent_within_10_days_closes_for_the_seller(int secondsFromDeadline, DisputeStatus expected)
    {
        var dispute = OpenDispute(DisputeRemedy.ReturnForRefund);
        dispute.Accept(dispute.OpenedAt.AddHours(1));

        dispute.ApplyTimers(dispute.ReturnShipBy!.Value + TimeSpan.FromSeconds(secondsFromDeadline));

        dispute.Status.Should().Be(expected);
        if (expected == DisputeStatus.Resolved)
        {
            (dispute.Outcome, dispute.RefundAmount).Should().Be((DisputeRemedy.SellerWins, 0L));
        }
    }

    [Theory]
    [InlineData(-1, DisputeStatus.ReturnShipped)]
    [InlineData(0, DisputeStatus.Resolved)]
    public void A_returned_item_the_seller_does_not_confirm_within_10_days_of_delivery_is_refunded(int secondsFromDeadline, DisputeStatus expected)
    {
        var dispute = OpenDispute(DisputeRemedy.ReturnForRefund);
        dispute.Accept(dispute.OpenedAt.AddHours(1));
        dispute.ShipReturn("Post", "RR1", dispute.OpenedAt.AddDays(2)).Succeeded.Should().BeTrue();
        dispute.ApplyTimers(dispute.OpenedAt.AddDays(40)).Should().BeFalse("the seller's 10 days start at delivery");
        dispute.ReturnDelivered(Actor.Admin, dispute.OpenedAt.AddDays(5));

        dispute.ApplyTimers(dispute.ReturnConfirmBy!.Value + TimeSpan.FromSeconds(secondsFromDeadline));

        dispute.Status.Should().Be(expected);
        if (expected == DisputeStatus.Resolved)
        {
            dispute.RefundAmount.Should().Be(dispute.OrderTotal);
        }
    }

    [Fact]
    public void A_withdrawn_dispute_moves_no_money_and_a_partial_refund_charges_commission_only_on_what_the_seller_keeps()
    {
        var withdrawn = OpenDispute(DisputeRemedy.FullRefund);
        withdrawn.Cancel(withdrawn.OpenedAt.AddHours(1)).Succeeded.Should().BeTrue();
        (withdrawn.IsActive, withdrawn.SettlesMoney).Should().Be((false, false));

        var hold = new EscrowHold(Guid.NewGuid(), Guid.NewGuid(), new Money(10_000, "USD"), 800, _shipped);
        hold.Freeze(FreezeReasons.Dispute);
        hold.DisputeDecided(2_500, _shipped).Succeeded.Should().BeTrue();
        var released = LedgerTransaction.Released(hold, _shipped);
        var refunded = LedgerTransaction.RefundedWhileHeld(hold.OrderId, new Money(2_500, "USD"), _shipped);

        hold.Status.Should().Be(HoldStatus.PartiallyRefunded);
        (hold.Kept.Amount, hold.Commission.Amount, hold.SellerShare.Amount).Should().Be((7_500L, 600L, 6_900L));
        released.Postings.Concat(refunded.Postings).Where(p => p.Account == Accounts.Escrow(hold.OrderId)).Sum(p => p.Amount).Should().Be(10_000, "with the capture's -10,000 the escrow account ends at zero");
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(86_399, true)]
    [InlineData(86_400, false)]
    public void A_reminder_is_due_from_a_day_before_the_next_deadline_until_it_once(int secondsFromReminder, bool due)
    {
        var dispute = OpenDispute(DisputeRemedy.FullRefund);
        var at = dispute.SellerReplyBy - Dispute.ReminderAhead + TimeSpan.FromSeconds(secondsFromReminder);

        dispute.NeedsReminder(at).Should().Be(due);
        dispute.MustAct.Should().Be((false, true));
        dispute.MarkReminded();
        dispute.NeedsReminder(at).Should().BeFalse("once per deadline");
        dispute.Counter(DisputeRemedy.PartialRefund, 100, string.Empty, dispute.OpenedAt.AddHours(1));
        dispute.NeedsReminder(dispute.AgreeBy - TimeSpan.FromHours(1)).Should().BeTrue("a new deadline gets its own reminder");
        dispute.MustAct.Should().Be((true, false));
    }

    private static Dispute OpenDispute(DisputeRemedy request, long? amount = null)
    {
        var (order, hold) = ShippedOrder();
        return Open(order, hold, _shipped + TimeSpan.FromDays(10), request, amount).Value!;
    }

    private static Result<Dispute> Open(Order order, EscrowHold hold, DateTimeOffset at, DisputeRemedy request = DisputeRemedy.FullRefund, long? amount = null) =>
        Dispute.Open(order, hold.ProtectionEndsAt, DisputeIssue.NotAsDescribed, request, amount, "The colour is wrong.", at);

    private static (Order Order, EscrowHold Hold) ShippedOrder()
    {
        var paidAt = _shipped.AddDays(-1);
        var order = Order.Place(
            Guid.NewGuid(),
            Guid.NewGuid(),
            Guid.NewGuid(),
            new ShippingAddress("Ana", "1 Main St", null, "Toronto", null, "M5V", "CA", null),
            new ShippingChoice("Standard", "Post", Money.Zero("USD"), 3, 10),
            3,
            800,
            [new OrderLineInput(Guid.NewGuid(), Guid.NewGuid(), "Vase", "Blue", "SKU-1", new Money(3_000, "USD"), 1)],
            paidAt,
            new MarketplaceRules());
        order.MarkPaid(paidAt);
        order.MarkShipped("Post", "RR123", _shipped);
        var hold = new EscrowHold(order.Id, order.SellerId, order.Total, 800, paidAt);
        hold.ProtectUntil(order.DeliveryDeadline!.Value, TimeSpan.FromDays(15));
        return (order, hold);
    }
}

using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;

namespace Marketplace.Domain.Tests;

public sealed class MarketplaceRulesTests
{
    private static readonly DateTimeOffset _now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_SPEC_default_is_pinned()
    {
        var rules = new MarketplaceRules();

        rules.Version.Should().Be(0);
        rules.PaymentWindow.Should().Be(TimeSpan.FromMinutes(30));
        rules.MaxHandlingDays.Should().Be(7);
        rules.CancellationReplyWindow.Should().Be(TimeSpan.FromHours(48));
        rules.ProtectionPeriod.Should().Be(15 * TimeSpan.FromHours(24));
        rules.DisputeOpensAfterShipping.Should().Be(10 * TimeSpan.FromHours(24));
        rules.DisputeOpensOnDay.Should().Be("11th");
        rules.SellerReplyWindow.Should().Be(5 * TimeSpan.FromHours(24));
        rules.EscalationWindow.Should().Be(7 * TimeSpan.FromHours(24));
        rules.ReturnShipWindow.Should().Be(10 * TimeSpan.FromHours(24));
        rules.ReturnConfirmWindow.Should().Be(10 * TimeSpan.FromHours(24));
        rules.HoldCeiling.Should().Be(85 * TimeSpan.FromHours(24));
        rules.CommissionBasisPoints.Should().Be(800);
        rules.Problems().Should().BeEmpty();
    }

    [Theory]
    [InlineData(30 * 60, "30 minutes")]
    [InlineData(60, "1 minute")]
    [InlineData(90, "2 minutes")]
    [InlineData(3600, "1 hour")]
    [InlineData(48 * 3600, "48 hours")]
    [InlineData(24 * 3600, "24 hours")]
    [InlineData(72 * 3600, "3 days")]
    [InlineData(15 * 86400, "15 days")]
    [InlineData(85 * 86400, "85 days")]
    public void Durations_read_as_people_say_them(int seconds, string words) =>
        Durations.InWords(TimeSpan.FromSeconds(seconds)).Should().Be(words);

    [Theory]
    [InlineData(1, "1st")]
    [InlineData(2, "2nd")]
    [InlineData(3, "3rd")]
    [InlineData(4, "4th")]
    [InlineData(11, "11th")]
    [InlineData(12, "12th")]
    [InlineData(13, "13th")]
    [InlineData(21, "21st")]
    [InlineData(22, "22nd")]
    [InlineData(111, "111th")]
    public void Ordinals(int n, string text) => Durations.Ordinal(n).Should().Be(text);

    [Fact]
    public void Values_out_of_bounds_are_named_with_their_field()
    {
        var rules = new MarketplaceRules
        {
            PaymentWindow = TimeSpan.FromMinutes(4),
            ProtectionPeriod = TimeSpan.Zero,
            SellerReplyWindow = TimeSpan.FromDays(6),
            EscalationWindow = TimeSpan.FromDays(5),
            CommissionBasisPoints = 5_001,
        };

        rules.Problems().Select(p => p.Field).Should().BeEquivalentTo(["PaymentWindow", "ProtectionPeriod", "EscalationWindow", "CommissionBasisPoints"]);
        (new MarketplaceRules() with { CommissionBasisPoints = 5_000, MaxHandlingDays = 30 }).Problems().Should().BeEmpty();
        MarketplaceRules.Percent(750).Should().Be("7.5%");
        MarketplaceRules.Percent(800).Should().Be("8%");
        MarketplaceRules.Percent(1_234).Should().Be("12.34%");
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public void An_order_lapses_at_its_own_payment_window(int secondsFromDeadline, bool lapsed)
    {
        var order = Place(new MarketplaceRules { PaymentWindow = TimeSpan.FromMinutes(45) });

        order.PaymentLapsed(_now + TimeSpan.FromMinutes(45) + TimeSpan.FromSeconds(secondsFromDeadline)).Should().Be(lapsed);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public void A_cancellation_request_is_unanswered_at_the_order_s_own_reply_window(int secondsFromDeadline, bool unanswered)
    {
        var order = Place(new MarketplaceRules { CancellationReplyWindow = TimeSpan.FromHours(12) });
        order.MarkPaid(_now);
        order.RequestCancellation("changed my mind", _now.AddHours(1)).Succeeded.Should().BeTrue();

        order.CancellationAnswerBy.Should().Be(_now.AddHours(13));
        order.CancellationUnanswered(_now.AddHours(13).AddSeconds(secondsFromDeadline)).Should().Be(unanswered);
        order.Events[^1].Note.Should().EndWith("The seller has 12 hours to reply.");
    }

    [Fact]
    public void A_paid_order_is_raised_at_its_own_hold_ceiling()
    {
        var order = Place(new MarketplaceRules { HoldCeiling = TimeSpan.FromDays(60) });
        order.HoldCeilingAt.Should().BeNull("nothing is held before payment");

        order.MarkPaid(_now);

        order.HoldCeilingAt.Should().Be(_now.AddDays(60));
        var byDefault = Place(new MarketplaceRules());
        byDefault.MarkPaid(_now);
        byDefault.HoldCeilingAt.Should().Be(_now.AddDays(85));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public void A_dispute_opens_after_the_order_s_own_delay_and_its_timers_are_the_order_s(int secondsFromOpening, bool opens)
    {
        var rules = new MarketplaceRules
        {
            DisputeOpensAfterShipping = TimeSpan.FromDays(3),
            SellerReplyWindow = TimeSpan.FromDays(2),
            EscalationWindow = TimeSpan.FromDays(4),
            ReturnShipWindow = TimeSpan.FromDays(6),
            ReturnConfirmWindow = TimeSpan.FromDays(8),
        };
        var order = Place(rules);
        order.MarkPaid(_now);
        order.MarkShipped("Post", "RR1", _now);
        var hold = new EscrowHold(order.Id, order.SellerId, order.Total, 800, _now);
        hold.ProtectUntil(order.DeliveryDeadline!.Value, rules.ProtectionPeriod);
        var at = _now.AddDays(3).AddSeconds(secondsFromOpening);

        var opened = Dispute.Open(order, hold.ProtectionEndsAt, DisputeIssue.Damaged, DisputeRemedy.ReturnForRefund, null, "Cracked.", at);

        opened.Succeeded.Should().Be(opens);
        if (opens)
        {
            var dispute = opened.Value!;
            (dispute.SellerReplyBy, dispute.AgreeBy).Should().Be((at.AddDays(2), at.AddDays(4)));
            dispute.Accept(at.AddDays(1)).Succeeded.Should().BeTrue();
            dispute.ReturnShipBy.Should().Be(at.AddDays(7));
            dispute.Events[^1].Note.Should().Be("Return agreed: the buyer has 6 days to send the item back with tracking.");
            dispute.ShipReturn("Post", "RET1", at.AddDays(2)).Succeeded.Should().BeTrue();
            dispute.ReturnDelivered(Actor.Admin, at.AddDays(3)).Succeeded.Should().BeTrue();
            dispute.ReturnConfirmBy.Should().Be(at.AddDays(11));
            dispute.ApplyTimers(at.AddDays(11).AddSeconds(-1)).Should().BeFalse();
            dispute.ApplyTimers(at.AddDays(11)).Should().BeTrue();
            dispute.Events.Select(e => e.Note).Should().Contain("The seller didn't confirm the returned item within 8 days of its delivery: refunded in full.");
        }
    }

    private static Order Place(MarketplaceRules rules) => Order.Place(
        Guid.NewGuid(),
        Guid.NewGuid(),
        Guid.NewGuid(),
        new ShippingAddress("Ana", "1 Main St", null, "Toronto", "ON", "M5V", "CA", null),
        new ShippingChoice("Standard", "Post", Money.Zero("USD"), 2, 5),
        3,
        rules.CommissionBasisPoints,
        [new OrderLineInput(Guid.NewGuid(), Guid.NewGuid(), "Mug", "Blue", "MUG-B", new Money(1_250, "USD"), 1)],
        _now,
        rules);
}

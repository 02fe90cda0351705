using Marketplace.Core.Disputes;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Orders;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>Rules that must keep working whatever the volume: no silent cap on the admin queue or the reminders.</summary>
public sealed class DisputeScaleTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_admin_queue_puts_holds_near_the_85_day_ceiling_first_in_sql_before_its_limit()
    {
        var seller = await Catalog.SellerAsync("Slow Shop", "FR");
        var now = Factory.Clock.GetUtcNow();
        var (fresh, older, nearCeiling) = (Guid.Empty, Guid.Empty, Guid.Empty);
        await using (var db = Factory.CreateDbContext())
        {
            // Escalated in this order: the near-ceiling one last, so only urgency can put it first.
            fresh = AddEscalated(db, seller.Id, paidAt: now - TimeSpan.FromDays(20), escalatedAt: now - TimeSpan.FromDays(3), index: 1);
            older = AddEscalated(db, seller.Id, paidAt: now - TimeSpan.FromDays(30), escalatedAt: now - TimeSpan.FromDays(4), index: 2);
            nearCeiling = AddEscalated(db, seller.Id, paidAt: now - TimeSpan.FromDays(85), escalatedAt: now - TimeSpan.FromDays(1), index: 3);
            await db.SaveChangesAsync(Ct);
        }

        var top = await Factory.RunAsync<DisputeQueries, IReadOnlyList<QueuedDispute>>(q => q.AdminQueueAsync(now, limit: 1, ct: Ct));
        var all = await Factory.RunAsync<DisputeQueries, IReadOnlyList<QueuedDispute>>(q => q.AdminQueueAsync(now, ct: Ct));
        var justUnder = await Factory.RunAsync<DisputeQueries, IReadOnlyList<QueuedDispute>>(q => q.AdminQueueAsync(now - TimeSpan.FromSeconds(1), ct: Ct));

        top.Should().ContainSingle().Which.Id.Should().Be(nearCeiling);
        all.Select(d => (d.Id, d.NearCeiling)).Should().Equal((nearCeiling, true), (older, false), (fresh, false));
        justUnder.Should().OnlyContain(d => !d.NearCeiling, "a second before 85 days the hold is not near the ceiling yet");
    }

    [Fact]
    public async Task Every_dispute_whose_deadline_is_a_day_away_is_reminded_even_beyond_a_thousand()
    {
        const int count = 1_050;
        var seller = await Catalog.SellerAsync("Busy Shop", "FR");
        var now = Factory.Clock.GetUtcNow();
        await using (var db = Factory.CreateDbContext())
        {
            for (var i = 0; i < count; i++)
            {
                var made = OrderBuilder.ConfirmedOrder(seller.Id, Guid.NewGuid(), new Money(1_000, "USD"), i, now - TimeSpan.FromDays(8), now - TimeSpan.FromDays(5));
                OrderBuilder.Add(db, made);
                var opening = now - TimeSpan.FromDays(4) - TimeSpan.FromSeconds(i);
                db.Disputes.Add(Dispute.Open(made.Order, made.Hold.ProtectionEndsAt, DisputeIssue.Damaged, DisputeRemedy.FullRefund, null, "Broken.", opening).Value!);
                made.Order.OpenDispute("broken", opening).Succeeded.Should().BeTrue();
            }

            await db.SaveChangesAsync(Ct);
        }

        var reminded = await Factory.RunAsync<DisputeActions, int>(a => a.RemindAsync(Ct));
        var again = await Factory.RunAsync<DisputeActions, int>(a => a.RemindAsync(Ct));

        (reminded, again).Should().Be((count, 0));
        await using var after = Factory.CreateDbContext();
        (await after.Disputes.CountAsync(d => d.RemindedFor != null, Ct)).Should().Be(count);
    }

    private static Guid AddEscalated(Marketplace.Core.Data.MarketplaceDbContext db, Guid sellerId, DateTimeOffset paidAt, DateTimeOffset escalatedAt, int index)
    {
        var made = OrderBuilder.ConfirmedOrder(sellerId, Guid.NewGuid(), new Money(1_000, "USD"), index, paidAt, escalatedAt - TimeSpan.FromDays(1));
        OrderBuilder.Add(db, made);
        var opening = escalatedAt - TimeSpan.FromHours(2);
        var dispute = Dispute.Open(made.Order, made.Hold.ProtectionEndsAt, DisputeIssue.Damaged, DisputeRemedy.FullRefund, null, "Broken.", opening).Value!;
        made.Order.OpenDispute("broken", opening).Succeeded.Should().BeTrue();
        dispute.Reject("It was fine.", opening + TimeSpan.FromHours(1)).Succeeded.Should().BeTrue();
        dispute.Escalate(Actor.Buyer, escalatedAt).Succeeded.Should().BeTrue();
        db.Disputes.Add(dispute);
        return dispute.Id;
    }
}

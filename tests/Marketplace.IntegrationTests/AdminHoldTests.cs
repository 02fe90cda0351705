using Marketplace.Core.Disputes;
using Marketplace.Core.Escrow;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Trust;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>An admin's hold on an order's payment is one freeze reason among others, placed and lifted on /Admin/Escrow.</summary>
public sealed class AdminHoldTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_hold_stops_the_release_and_lifting_it_leaves_an_open_dispute_s_freeze_in_place()
    {
        var (_, buyerId, orderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync();
        var number = await NumberAsync(orderId);
        var admin = await Factory.SignInAsAdminAsync();

        await admin.SubmitFormAsync("/Admin/Escrow", "#hold-form", new Dictionary<string, string> { ["orderNumber"] = number.ToLowerInvariant(), ["reason"] = "Card testing pattern on this buyer" });
        var page = await admin.GetDocumentAsync("/Admin/Escrow");
        var opened = await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.OpenAsync(buyerId, orderId, new OpenDisputeInput(DisputeIssue.NotAsDescribed, DisputeRemedy.FullRefund, null, "Broken."), Ct));
        Factory.Clock.Advance(TimeSpan.FromDays(11));
        var releasedWhileHeld = await Factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct));
        var lifted = await admin.SubmitFormAsync("/Admin/Escrow", $"#frozen-holds form", new Dictionary<string, string> { ["reason"] = "Checked: genuine buyer" });
        var afterLift = await Html.ParseAsync(lifted);

        page.Text("#frozen-holds .frozen-hold").Should().Contain(number).And.Contain("Frozen for: admin hold");
        opened.Succeeded.Should().BeTrue();
        releasedWhileHeld.Should().Be(0);
        afterLift.Text("[role=status]").Should().Contain("stays frozen for its open dispute");
        afterLift.Text("#frozen-holds .freeze-reasons").Should().Be("open dispute");
        await using var db = Factory.CreateDbContext();
        (await db.EscrowHolds.SingleAsync(Ct)).FrozenFor.Should().Be(FreezeReasons.Dispute);
        (await db.AdminActions.Where(a => a.SubjectId == orderId).Select(a => a.Action).ToListAsync(Ct)).Should().BeEquivalentTo([AdminActions.HoldEscrow, AdminActions.ReleaseEscrowHold]);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Freezing_needs_a_known_order_and_a_reason_and_lifting_a_hold_without_an_admin_hold_is_refused()
    {
        var (_, _, orderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync();
        var admin = await Factory.SignInAsAdminAsync();

        var unknown = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Escrow", "#hold-form", new Dictionary<string, string> { ["orderNumber"] = "MK-0000-0000-0000", ["reason"] = "x" }));
        var number = await NumberAsync(orderId);
        var noReason = await Factory.RunAsync<AdminHolds, Result<HoldStatus>>(a => a.PlaceAsync(Guid.NewGuid(), number, " ", Ct));
        var notHeld = await Factory.RunAsync<AdminHolds, Result<HoldStatus>>(a => a.LiftAsync(Guid.NewGuid(), orderId, "nothing to lift", Ct));

        unknown.Text("[role=status]").Should().Be("That order does not exist.");
        noReason.Error.Should().Be(AdminHolds.ReasonRequired);
        notHeld.Error.Should().Be(EscrowErrors.NotFrozen);
        await using var db = Factory.CreateDbContext();
        (await db.EscrowHolds.SingleAsync(Ct)).Status.Should().Be(HoldStatus.Held);
    }

    private async Task<string> NumberAsync(Guid orderId)
    {
        await using var db = Factory.CreateDbContext();
        return await db.Orders.Where(o => o.Id == orderId).Select(o => o.Number).SingleAsync(Ct);
    }
}

using Marketplace.Core.Disputes;
using Marketplace.Core.Escrow;
using Marketplace.Core.Payments;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Payments;
using Marketplace.Domain.Sellers;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.IntegrationTests;

/// <summary>Disputes on PostgreSQL: each outcome moves the money once, through the outbox, with the ledger balanced.</summary>
public sealed class DisputeTests(PostgresApp app) : AppTest(app)
{
    private const long Total = 10_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SimulatedPaymentProvider Provider => Factory.Services.GetRequiredService<SimulatedPaymentProvider>();

    [Fact]
    public async Task Counter_offer_rejected_escalated_and_decided_as_a_partial_refund_pays_the_buyer_and_the_seller_the_rest_minus_commission()
    {
        var (seller, buyerId, orderId) = await ConfirmedOrderAsync();
        var dispute = await OpenAsync(buyerId, orderId, DisputeRemedy.PartialRefund, 4_000);

        (await Act(a => a.CounterAsync(DisputeParty.Seller(seller.Id), dispute.Id, DisputeRemedy.PartialRefund, 1_000, "A small scratch only", Ct))).Succeeded.Should().BeTrue();
        (await Act(a => a.RejectCounterAsync(DisputeParty.Buyer(buyerId), dispute.Id, Ct))).Succeeded.Should().BeTrue();
        (await Act(a => a.EscalateAsync(DisputeParty.Buyer(buyerId), dispute.Id, Ct))).Succeeded.Should().BeTrue();
        var adminId = Guid.NewGuid();
        var decided = await Act(a => a.DecideAsync(DisputeParty.Admin(adminId), dispute.Id, DisputeRemedy.PartialRefund, 2_500, "The photos show a chipped rim.", Ct));
        var executedBefore = Provider.Executed;
        await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));

        decided.Succeeded.Should().BeTrue();
        await using var db = Factory.CreateDbContext();
        (await db.Orders.SingleAsync(Ct)).Status.Should().Be(OrderStatus.PartiallyRefunded);
        var hold = await db.EscrowHolds.SingleAsync(Ct);
        (hold.Status, hold.RefundedAmount, hold.SellerShare.Amount, hold.Commission.Amount).Should().Be((HoldStatus.PartiallyRefunded, 2_500L, 6_900L, 600L));
        var commands = await db.ProviderCommands.OrderBy(c => c.Kind).ToListAsync(Ct);
        commands.Select(c => (c.Kind, c.Amount.Amount, c.Status)).Should().BeEquivalentTo([(ProviderCommandKind.Refund, 2_500L, ProviderCommandStatus.Succeeded), (ProviderCommandKind.Transfer, 6_900L, ProviderCommandStatus.Succeeded)]);
        (Provider.Executed - executedBefore).Should().Be(2);
        var escrow = await db.LedgerTransactions.SelectMany(t => t.Postings).Where(p => p.Account == Accounts.Escrow(orderId)).SumAsync(p => p.Amount, Ct);
        escrow.Should().Be(0, "a closed order's escrow account is empty");
        var events = await db.Disputes.Where(d => d.Id == dispute.Id).SelectMany(d => d.Events).OrderBy(e => e.At).Select(e => e.Actor).ToListAsync(Ct);
        events.Should().Equal(Actor.Buyer, Actor.Seller, Actor.Buyer, Actor.Buyer, Actor.Admin);
        (await db.Disputes.SingleAsync(Ct)).DecidedBy.Should().Be(adminId, "the decision's audit records who decided");
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public async Task A_seller_who_does_not_answer_in_5_days_has_the_full_refund_granted_by_the_job(int secondsFromDeadline, bool granted)
    {
        var (_, buyerId, orderId) = await ConfirmedOrderAsync();
        var dispute = await OpenAsync(buyerId, orderId, DisputeRemedy.FullRefund);

        Factory.Clock.Advance(TimeSpan.FromDays(5) + TimeSpan.FromSeconds(secondsFromDeadline));
        var moved = await Factory.RunAsync<DisputeActions, int>(a => a.ApplyTimersAsync(Ct));
        var again = await Factory.RunAsync<DisputeActions, int>(a => a.ApplyTimersAsync(Ct));

        (moved, again).Should().Be((granted ? 1 : 0, 0));
        await using var db = Factory.CreateDbContext();
        (await db.Disputes.SingleAsync(Ct)).Status.Should().Be(granted ? DisputeStatus.Resolved : DisputeStatus.AwaitingSeller);
        (await db.EscrowHolds.SingleAsync(Ct)).Status.Should().Be(granted ? HoldStatus.Refunded : HoldStatus.Frozen);
        (await db.ProviderCommands.CountAsync(c => c.Kind == ProviderCommandKind.Refund && c.Amount.Amount == Total, Ct)).Should().Be(granted ? 1 : 0);
        (await db.ProviderCommands.CountAsync(c => c.Kind == ProviderCommandKind.Transfer, Ct)).Should().Be(0, "the seller keeps nothing of a full refund");
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
        dispute.Id.Should().NotBeEmpty();
    }

    [Fact]
    public async Task The_release_worker_never_touches_a_disputed_hold_and_a_withdrawn_dispute_gives_it_back_but_cannot_be_reopened()
    {
        var (_, buyerId, orderId) = await ConfirmedOrderAsync();
        var dispute = await OpenAsync(buyerId, orderId, DisputeRemedy.FullRefund);
        Factory.Clock.Advance(TimeSpan.FromDays(11));

        var releasedWhileOpen = await Factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct));
        var withdrawn = await Act(a => a.CancelAsync(DisputeParty.Buyer(buyerId), dispute.Id, Ct));
        var reopened = await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.OpenAsync(buyerId, orderId, new OpenDisputeInput(DisputeIssue.Damaged, DisputeRemedy.FullRefund, null, "Again"), Ct));
        var releasedAfter = await Factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct));

        releasedWhileOpen.Should().Be(0);
        withdrawn.Succeeded.Should().BeTrue();
        reopened.Error.Should().Be(DisputeErrors.AlreadyDisputed);
        releasedAfter.Should().Be(1, "the protection window had closed meanwhile");
        await using var db = Factory.CreateDbContext();
        (await db.Orders.SingleAsync(Ct)).Status.Should().Be(OrderStatus.Completed);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Two_admins_deciding_at_once_give_one_outcome_and_one_refund()
    {
        var (seller, buyerId, orderId) = await ConfirmedOrderAsync();
        var dispute = await OpenAsync(buyerId, orderId, DisputeRemedy.FullRefund);
        await Act(a => a.RejectAsync(DisputeParty.Seller(seller.Id), dispute.Id, "Delivered as described.", Ct));
        await Act(a => a.EscalateAsync(DisputeParty.Seller(seller.Id), dispute.Id, Ct));

        var decisions = await Task.WhenAll(
            Task.Run(() => Act(a => a.DecideAsync(DisputeParty.Admin(Guid.NewGuid()), dispute.Id, DisputeRemedy.FullRefund, null, "Not as described.", Ct)), Ct),
            Task.Run(() => Act(a => a.DecideAsync(DisputeParty.Admin(Guid.NewGuid()), dispute.Id, DisputeRemedy.SellerWins, null, "As described.", Ct)), Ct));

        decisions.Count(d => d.Succeeded).Should().Be(1);
        await using var db = Factory.CreateDbContext();
        var settled = await db.Disputes.SingleAsync(Ct);
        settled.Status.Should().Be(DisputeStatus.Resolved);
        var moved = await db.ProviderCommands.SumAsync(c => c.Amount.Amount, Ct);
        moved.Should().Be(settled.Outcome == DisputeRemedy.FullRefund ? Total : 9_200, "one outcome's money, once");
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task The_buyer_accepting_an_offer_at_the_moment_the_job_escalates_ends_in_exactly_one_of_the_two()
    {
        var (seller, buyerId, orderId) = await ConfirmedOrderAsync();
        var dispute = await OpenAsync(buyerId, orderId, DisputeRemedy.FullRefund);
        await Act(a => a.CounterAsync(DisputeParty.Seller(seller.Id), dispute.Id, DisputeRemedy.PartialRefund, 3_000, string.Empty, Ct));
        Factory.Clock.Advance(TimeSpan.FromDays(7));

        await Task.WhenAll(
            Task.Run(() => Act(a => a.AcceptCounterAsync(DisputeParty.Buyer(buyerId), dispute.Id, Ct)), Ct),
            Task.Run(() => Factory.RunAsync<DisputeActions, int>(a => a.ApplyTimersAsync(Ct)), Ct));

        await using var db = Factory.CreateDbContext();
        var after = await db.Disputes.SingleAsync(Ct);
        after.Status.Should().BeOneOf(DisputeStatus.Resolved, DisputeStatus.Escalated);
        (await db.ProviderCommands.CountAsync(c => c.Kind == ProviderCommandKind.Refund, Ct)).Should().Be(after.Status == DisputeStatus.Resolved ? 1 : 0);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Nobody_acts_on_a_dispute_that_is_not_theirs_and_the_window_is_enforced_by_the_server()
    {
        var (seller, buyerId, orderId) = await ConfirmedOrderAsync();
        var stranger = (await Factory.CreateUserAsync("eve@test.local")).Id;
        var otherSeller = await Catalog.SellerAsync("Other", "FR");

        var byStranger = await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.OpenAsync(stranger, orderId, new OpenDisputeInput(DisputeIssue.NotReceived, DisputeRemedy.FullRefund, null, "Mine?"), Ct));
        var dispute = await OpenAsync(buyerId, orderId, DisputeRemedy.FullRefund);
        var byOtherSeller = await Act(a => a.AcceptAsync(DisputeParty.Seller(otherSeller.Id), dispute.Id, Ct));
        var sellerDecides = await Act(a => a.DecideAsync(DisputeParty.Seller(seller.Id), dispute.Id, DisputeRemedy.SellerWins, null, "Mine", Ct));
        var strangerCancels = await Act(a => a.CancelAsync(DisputeParty.Buyer(stranger), dispute.Id, Ct));

        byStranger.Error.Should().Be(OrderErrors.NotFound);
        byOtherSeller.Error.Should().Be(DisputeErrors.NotFound);
        sellerDecides.Error.Should().Be(DisputeErrors.NotFound);
        strangerCancels.Error.Should().Be(DisputeErrors.NotFound);

        var (_, lateBuyer, lateOrder) = await ConfirmedOrderAsync(protectionEndsIn: TimeSpan.Zero);
        var tooLate = await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.OpenAsync(lateBuyer, lateOrder, new OpenDisputeInput(DisputeIssue.NotReceived, DisputeRemedy.FullRefund, null, "Late"), Ct));
        tooLate.Error.Should().Be(DisputeErrors.OutsideWindow);
    }

    [Fact]
    public async Task A_buyer_opens_a_dispute_from_the_order_page_follows_it_and_withdraws_it_and_strangers_see_nothing()
    {
        var (_, buyerId, orderId) = await ConfirmedOrderAsync();
        var buyer = await Factory.SignInAsUserAsync(buyerId);
        var stranger = await Factory.SignInAsAsync("eve@test.local");

        var orderPage = await buyer.GetDocumentAsync($"/Orders/{orderId}");
        var badAmount = await Html.ParseAsync(await buyer.SubmitFormAsync($"/Orders/{orderId}/Dispute", "#dispute-form", new Dictionary<string, string>
        {
            ["Input.Issue"] = nameof(DisputeIssue.Damaged),
            ["Input.Request"] = nameof(DisputeRemedy.PartialRefund),
            ["Input.PartialAmount"] = "250.00",
            ["Input.Description"] = "The rim is chipped.",
        }));
        var unreadable = await Html.ParseAsync(await buyer.SubmitFormAsync($"/Orders/{orderId}/Dispute", "#dispute-form", new Dictionary<string, string>
        {
            ["Input.Issue"] = nameof(DisputeIssue.Damaged),
            ["Input.Request"] = nameof(DisputeRemedy.PartialRefund),
            ["Input.PartialAmount"] = "10.005",
            ["Input.Description"] = "The rim is chipped.",
        }));
        var opened = await buyer.SubmitFormAsync($"/Orders/{orderId}/Dispute", "#dispute-form", new Dictionary<string, string>
        {
            ["Input.Issue"] = nameof(DisputeIssue.Damaged),
            ["Input.Request"] = nameof(DisputeRemedy.PartialRefund),
            ["Input.PartialAmount"] = "25.00",
            ["Input.Description"] = "The rim is chipped.",
        });
        var disputePath = opened.RequestMessage!.RequestUri!.AbsolutePath;
        var disputePage = await Html.ParseAsync(opened);
        var list = await buyer.GetDocumentAsync("/Disputes");
        var strangerView = await stranger.GetAsync(disputePath, Ct);
        var strangerForm = await stranger.GetAsync($"/Orders/{orderId}/Dispute", Ct);
        var withdrawn = await Html.ParseAsync(await buyer.SubmitFormAsync(disputePath, "#withdraw-form", new Dictionary<string, string>()));
        var orderAfter = await buyer.GetDocumentAsync($"/Orders/{orderId}");

        orderPage.QuerySelector("#open-dispute").Should().NotBeNull();
        badAmount.ErrorFor("Input.PartialAmount").Should().Contain("below the order's total");
        unreadable.ErrorFor("Input.PartialAmount").Should().Be("“10.005” has more decimals than USD allows (2). If you meant 10005 USD, write 10005.");
        disputePath.Should().StartWith("/Disputes/");
        disputePage.Text("#dispute-status").Should().Be("Waiting for the seller");
        disputePage.Text("#dispute-timeline").Should().Contain("asks for a partial refund of $25.00");
        list.Text(".dispute-row").Should().Contain("Waiting for the seller").And.Contain("arrived damaged");
        strangerView.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        strangerForm.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        withdrawn.Text("#dispute-status").Should().Be("Withdrawn");
        orderAfter.QuerySelector("#open-dispute").Should().BeNull("a withdrawn dispute can't be reopened");
        await using var db = Factory.CreateDbContext();
        (await db.EscrowHolds.SingleAsync(Ct)).Status.Should().Be(HoldStatus.Held);
        (await db.Orders.SingleAsync(Ct)).Status.Should().Be(OrderStatus.Confirmed);
    }

    [Fact]
    public async Task The_seller_answers_on_the_dispute_page_with_an_offer_the_buyer_rejects_and_escalates_and_another_seller_sees_nothing()
    {
        var (seller, buyerId, orderId) = await ConfirmedOrderAsync();
        var dispute = await OpenAsync(buyerId, orderId, DisputeRemedy.FullRefund);
        var sellerClient = await Factory.SignInAsSellerAsync(seller);
        var otherSeller = await Factory.SignInAsSellerAsync(await Catalog.SellerAsync("Other", "FR"));
        var buyer = await Factory.SignInAsUserAsync(buyerId);

        var list = await sellerClient.GetDocumentAsync("/Seller/Disputes");
        var emptyReject = await Html.ParseAsync(await sellerClient.SubmitFormAsync($"/Seller/Disputes/{dispute.Id}", "#reject-form", new Dictionary<string, string> { ["message"] = " " }));
        var offered = await Html.ParseAsync(await sellerClient.SubmitFormAsync($"/Seller/Disputes/{dispute.Id}", "#counter-form", new Dictionary<string, string> { ["offer"] = nameof(DisputeRemedy.PartialRefund), ["amount"] = "30.00", ["message"] = "Sorry about the chip." }));
        var buyerSees = await buyer.GetDocumentAsync($"/Disputes/{dispute.Id}");
        await buyer.SubmitFormAsync($"/Disputes/{dispute.Id}", "#reject-offer-form", new Dictionary<string, string>());
        var escalated = await Html.ParseAsync(await buyer.SubmitFormAsync($"/Disputes/{dispute.Id}", "#escalate-form", new Dictionary<string, string>()));
        var strangerSeller = await otherSeller.GetAsync($"/Seller/Disputes/{dispute.Id}", Ct);

        list.Text(".dispute-row .dispute-status").Should().Be("Answer needed");
        emptyReject.Text("#dispute-message").Should().Be("Give a reason.");
        offered.Text("#dispute-status").Should().Be("Offer to answer");
        buyerSees.Text("#offer").Should().Contain("a partial refund of $30.00");
        escalated.Text("#dispute-status").Should().Be("With an admin");
        strangerSeller.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task After_the_buyer_rejects_an_offer_the_seller_makes_another_on_the_dispute_page_and_the_buyer_accepts_it()
    {
        var (seller, buyerId, orderId) = await ConfirmedOrderAsync();
        var dispute = await OpenAsync(buyerId, orderId, DisputeRemedy.FullRefund);
        var sellerClient = await Factory.SignInAsSellerAsync(seller);
        var buyer = await Factory.SignInAsUserAsync(buyerId);
        await sellerClient.SubmitFormAsync($"/Seller/Disputes/{dispute.Id}", "#counter-form", new Dictionary<string, string> { ["offer"] = nameof(DisputeRemedy.PartialRefund), ["amount"] = "10.00", ["message"] = "A tenth back." });
        await buyer.SubmitFormAsync($"/Disputes/{dispute.Id}", "#reject-offer-form", new Dictionary<string, string>());

        var sellerSees = await sellerClient.GetDocumentAsync($"/Seller/Disputes/{dispute.Id}");
        var buyerSees = await buyer.GetDocumentAsync($"/Disputes/{dispute.Id}");
        var unreadable = await Html.ParseAsync(await sellerClient.SubmitFormAsync($"/Seller/Disputes/{dispute.Id}", "#counter-form", new Dictionary<string, string> { ["offer"] = nameof(DisputeRemedy.PartialRefund), ["amount"] = "ten dollars" }));
        var offeredAgain = await Html.ParseAsync(await sellerClient.SubmitFormAsync($"/Seller/Disputes/{dispute.Id}", "#counter-form", new Dictionary<string, string> { ["offer"] = nameof(DisputeRemedy.PartialRefund), ["amount"] = "45.00", ["message"] = "Almost half, then." }));
        var buyerSeesAgain = await buyer.GetDocumentAsync($"/Disputes/{dispute.Id}");
        var accepted = await Html.ParseAsync(await buyer.SubmitFormAsync($"/Disputes/{dispute.Id}", "#accept-offer-form", new Dictionary<string, string>()));

        sellerSees.Text("#dispute-status").Should().Be("Rejected, can be escalated");
        sellerSees.Text("#negotiation-open").Should().StartWith("No agreement yet. Until ");
        sellerSees.QuerySelector("#counter-form").Should().NotBeNull("the negotiation continues after the buyer's rejection");
        sellerSees.QuerySelector("#accept-form").Should().NotBeNull();
        sellerSees.QuerySelector("#reject-form").Should().BeNull("the request was answered once already");
        sellerSees.QuerySelector("#escalate-form").Should().NotBeNull();
        buyerSees.Text("#escalate-form").Should().Contain("the seller may still accept your request or offer something else");
        unreadable.Text("#dispute-message").Should().Be("“ten dollars” isn't an amount: write digits with one decimal mark, like 24.90 or 24,90.", "why the amount can't be read says more than its range");
        offeredAgain.Text("#dispute-status").Should().Be("Offer to answer");
        buyerSeesAgain.Text("#offer").Should().Contain("a partial refund of $45.00");
        buyerSeesAgain.QuerySelector("#reject-and-escalate-form").Should().NotBeNull("the buyer can always turn to an admin instead");
        accepted.Text("#dispute-status").Should().Be("Settled");
        offeredAgain.Text("#offer-pending").Should().Be("Waiting for the buyer to answer your offer: a partial refund of $45.00, keeping the item.");
        (await sellerClient.GetDocumentAsync($"/Seller/Disputes/{dispute.Id}")).Text("#outcome").Should().StartWith("$45.00 is refunded to the buyer; the rest of the payment is released to you.");
        (await buyer.GetDocumentAsync($"/Orders/{orderId}")).Text("#partial-refund").Should().StartWith("$45.00 of $100.00 refunded to you on ").And.Contain("the rest went to the seller");
        (await sellerClient.GetDocumentAsync($"/Seller/Orders/{orderId}")).Text("#partial-refund").Should().Contain("you received $50.60 after the $4.40 commission");
        (await sellerClient.GetDocumentAsync("/Seller/Payouts")).Text(".payout-state").Should().StartWith("Partially refunded");
        await using var db = Factory.CreateDbContext();
        (await db.Disputes.Where(d => d.Id == dispute.Id).Select(d => new { d.Outcome, d.RefundAmount }).SingleAsync(Ct)).Should().BeEquivalentTo(new { Outcome = (DisputeRemedy?)DisputeRemedy.PartialRefund, RefundAmount = (long?)4_500 });
        var number = await db.Orders.Where(o => o.Id == orderId).Select(o => o.Number).SingleAsync(Ct);
        var notices = await db.Notifications.Where(n => n.Title.Contains(number)).Select(n => new { n.Title, n.UserId }).ToListAsync(Ct);
        notices.Count(n => n.Title == $"Your dispute for order {number} was updated").Should().Be(2, "the buyer hears of the seller's two offers, not of their own rejection");
        notices.Count(n => n.Title == $"The dispute for order {number} was updated").Should().Be(1, "the seller hears of the buyer's rejection, not of their own offers");
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    public async Task The_seller_page_offers_the_answer_forms_only_until_the_dispute_escalates_even_before_the_job_runs(int secondsFromDeadline, bool forms)
    {
        var (seller, buyerId, orderId) = await ConfirmedOrderAsync();
        var dispute = await OpenAsync(buyerId, orderId, DisputeRemedy.FullRefund);
        await Act(a => a.CounterAsync(DisputeParty.Seller(seller.Id), dispute.Id, DisputeRemedy.Reship, null, string.Empty, Ct));
        await Act(a => a.RejectCounterAsync(DisputeParty.Buyer(buyerId), dispute.Id, Ct));
        var sellerClient = await Factory.SignInAsSellerAsync(seller);
        Factory.Clock.Advance(dispute.AgreeBy + TimeSpan.FromSeconds(secondsFromDeadline) - Factory.Clock.GetUtcNow());

        var page = await sellerClient.GetDocumentAsync($"/Seller/Disputes/{dispute.Id}");

        page.Text("#dispute-status").Should().Be("Rejected, can be escalated", "the timer job hasn't run yet");
        (page.QuerySelector("#counter-form") is not null).Should().Be(forms);
        (page.QuerySelector("#accept-form") is not null).Should().Be(forms);
        (page.QuerySelector("#negotiation-open") is not null).Should().Be(forms);
    }

    [Fact]
    public async Task An_admin_decides_an_escalated_dispute_from_the_queue_with_a_reason_and_the_buyer_sees_the_refund()
    {
        var (seller, buyerId, orderId) = await ConfirmedOrderAsync();
        var dispute = await OpenAsync(buyerId, orderId, DisputeRemedy.FullRefund);
        await Act(a => a.RejectAsync(DisputeParty.Seller(seller.Id), dispute.Id, "It was fine when it left.", Ct));
        await Act(a => a.EscalateAsync(DisputeParty.Seller(seller.Id), dispute.Id, Ct));
        var admin = await Factory.SignInAsAdminAsync();
        var sellerClient = await Factory.SignInAsSellerAsync(seller);
        var buyer = await Factory.SignInAsUserAsync(buyerId);

        var queue = await admin.GetDocumentAsync("/Admin/Disputes");
        var casePage = await admin.GetDocumentAsync($"/Admin/Disputes/{dispute.Id}");
        var noReason = await Html.ParseAsync(await admin.SubmitFormAsync($"/Admin/Disputes/{dispute.Id}", "#decide-form", new Dictionary<string, string> { ["outcome"] = nameof(DisputeRemedy.PartialRefund), ["amount"] = "20.00" }));
        var decided = await Html.ParseAsync(await admin.SubmitFormAsync($"/Admin/Disputes/{dispute.Id}", "#decide-form", new Dictionary<string, string> { ["outcome"] = nameof(DisputeRemedy.PartialRefund), ["amount"] = "20.00", ["reason"] = "Photos show a chip; the vase still works." }));
        var buyerView = await buyer.GetDocumentAsync($"/Disputes/{dispute.Id}");
        var sellerTriesCase = await sellerClient.GetAsync($"/Admin/Disputes/{dispute.Id}", Ct);

        queue.Text(".queued-dispute").Should().Contain("not as described");
        casePage.Text("#order-lines").Should().Contain("Item 0");
        casePage.Text("#case-ledger").Should().Contain("PaymentCaptured").And.Contain("$100.00");
        noReason.Text("#dispute-message").Should().Be("Give a reason.");
        decided.Text("#dispute-status").Should().Be("Settled");
        decided.Text("#case-ledger").Should().Contain("Refund").And.Contain("Release");
        buyerView.Text("#outcome").Should().Contain("$20.00 is refunded to your card").And.Contain("Photos show a chip");
        sellerTriesCase.EndedAt($"/Admin/Disputes/{dispute.Id}").Should().BeFalse("only admins see the case page");
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Evidence_is_checked_by_its_content_and_readable_only_by_the_buyer_the_seller_and_admins()
    {
        var (seller, buyerId, orderId) = await ConfirmedOrderAsync();
        var dispute = await OpenAsync(buyerId, orderId, DisputeRemedy.FullRefund);
        var buyer = await Factory.SignInAsUserAsync(buyerId);
        var sellerClient = await Factory.SignInAsSellerAsync(seller);
        var admin = await Factory.SignInAsAdminAsync();
        var stranger = await Factory.SignInAsAsync("eve@test.local");
        var otherSeller = await Factory.SignInAsSellerAsync(await Catalog.SellerAsync("Other", "FR"));
        var anonymous = Factory.CreateBrowserLikeClient();

        var photo = await Html.ParseAsync(await buyer.SubmitFormAsync($"/Disputes/{dispute.Id}", "#evidence-form", new Dictionary<string, string>(), new UploadFile("file", "chipped-rim.png", "image/png", TestImages.Png())));
        var disguised = await Html.ParseAsync(await sellerClient.SubmitFormAsync($"/Seller/Disputes/{dispute.Id}", "#evidence-form", new Dictionary<string, string>(), new UploadFile("file", "receipt.jpg", "image/jpeg", TestImages.Executable())));
        var link = photo.QuerySelector("#evidence .evidence-file a")!.GetAttribute("href")!;

        photo.Text("#dispute-message").Should().Be("File attached.");
        photo.Text("#evidence").Should().Contain("chipped-rim.png").And.Contain("Buyer").And.Contain("photo");
        disguised.Text("#dispute-message").Should().Contain("That file is something else");
        foreach (var (who, client) in new[] { ("buyer", buyer), ("seller", sellerClient), ("admin", admin) })
        {
            var file = await client.GetAsync(link, Ct);
            file.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, who);
            file.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg", "photos are stored re-encoded as JPEG");
        }

        (await stranger.GetAsync(link, Ct)).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        (await otherSeller.GetAsync(link, Ct)).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        (await anonymous.GetAsync(link, Ct)).EndedAt(link).Should().BeFalse("signing in comes first");
        (await stranger.GetAsync($"/media/{link.TrimStart('/')}", Ct)).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    public async Task The_seller_is_reminded_once_a_day_before_the_answer_is_due(int secondsFromReminder, int reminders)
    {
        var (_, buyerId, orderId) = await ConfirmedOrderAsync();
        await OpenAsync(buyerId, orderId, DisputeRemedy.FullRefund);

        Factory.Clock.Advance(TimeSpan.FromDays(5) - Dispute.ReminderAhead + TimeSpan.FromSeconds(secondsFromReminder));
        var first = await Factory.RunAsync<DisputeActions, int>(a => a.RemindAsync(Ct));
        var again = await Factory.RunAsync<DisputeActions, int>(a => a.RemindAsync(Ct));

        (first, again).Should().Be((reminders, 0));
        await using var db = Factory.CreateDbContext();
        (await db.Notifications.CountAsync(n => n.Title == "A dispute needs your answer by tomorrow", Ct)).Should().Be(reminders);
        (await db.Notifications.CountAsync(n => n.Title == "Your dispute needs you by tomorrow", Ct)).Should().Be(0, "the buyer has nothing to do yet");
    }

    [Fact]
    public async Task Disputes_and_reports_lists_the_orders_to_pick_and_the_open_form_takes_photos_checked_before_anything_is_opened()
    {
        var (_, buyerId, orderId) = await ConfirmedOrderAsync();
        var buyer = await Factory.SignInAsUserAsync(buyerId);
        var fields = new Dictionary<string, string>
        {
            ["Input.Issue"] = nameof(DisputeIssue.Damaged),
            ["Input.Request"] = nameof(DisputeRemedy.FullRefund),
            ["Input.Description"] = "The rim is chipped.",
        };

        var reports = await buyer.GetDocumentAsync("/Disputes");
        var formPath = reports.QuerySelector("#disputable-orders a")!.GetAttribute("href")!;
        var disguised = await Html.ParseAsync(await buyer.SubmitFormAsync(formPath, "#dispute-form", fields, new UploadFile("Files", "photo.jpg", "image/jpeg", TestImages.Executable())));
        int disputesAfterBadFile;
        await using (var db = Factory.CreateDbContext())
        {
            disputesAfterBadFile = await db.Disputes.CountAsync(Ct);
        }

        var opened = await Html.ParseAsync(await buyer.SubmitFormAsync(formPath, "#dispute-form", fields, new UploadFile("Files", "chipped-rim.png", "image/png", TestImages.Png())));
        var reportsAfter = await buyer.GetDocumentAsync("/Disputes");

        formPath.Should().Be($"/Orders/{orderId}/Dispute");
        disguised.Text("#file-errors").Should().Contain("photo.jpg: " + EvidenceErrors.WrongType.Message).And.Contain("choose your files again");
        disputesAfterBadFile.Should().Be(0, "a bad file stops the whole form: nothing is opened half-way");
        opened.Text("#dispute-status").Should().Be("Waiting for the seller");
        opened.Texts("#evidence a").Should().ContainSingle().Which.Should().Contain("chipped-rim.png");
        reportsAfter.QuerySelector("#no-disputable-orders").Should().NotBeNull("the order now has its dispute");
        await using var after = Factory.CreateDbContext();
        var evidence = await after.DisputeEvidence.SingleAsync(Ct);
        (evidence.ContentType, evidence.UploadedBy).Should().Be(("image/jpeg", Actor.Buyer));
    }

    [Fact]
    public async Task An_admin_refunds_a_dispute_the_seller_won_after_the_payout_with_a_reason_and_the_transfer_is_reversed()
    {
        var (seller, buyerId, orderId) = await ConfirmedOrderAsync();
        var dispute = await OpenAsync(buyerId, orderId, DisputeRemedy.FullRefund);
        await Act(a => a.RejectAsync(DisputeParty.Seller(seller.Id), dispute.Id, "It left intact.", Ct));
        await Act(a => a.EscalateAsync(DisputeParty.Buyer(buyerId), dispute.Id, Ct));
        var admin = await Factory.SignInAsAdminAsync();
        await admin.SubmitFormAsync($"/Admin/Disputes/{dispute.Id}", "#decide-form", new Dictionary<string, string> { ["outcome"] = nameof(DisputeRemedy.SellerWins), ["reason"] = "Tracking shows delivery, photos show no damage." });
        await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));

        var noReason = await Html.ParseAsync(await admin.SubmitFormAsync($"/Admin/Disputes/{dispute.Id}", "#refund-after-release-form", new Dictionary<string, string> { ["reason"] = " " }));
        var refunded = await Html.ParseAsync(await admin.SubmitFormAsync($"/Admin/Disputes/{dispute.Id}", "#refund-after-release-form", new Dictionary<string, string> { ["reason"] = "The seller's tracking belonged to another parcel." }));
        await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));
        var sellerClient = await Factory.SignInAsSellerAsync(seller);
        var sellerTries = await sellerClient.GetAsync($"/Admin/Disputes/{dispute.Id}", Ct);

        noReason.Text("#dispute-message").Should().Be(OrderErrors.RefundReasonRequired.Message);
        refunded.Text("#dispute-message").Should().StartWith("Refunded in full");
        refunded.QuerySelector("#refund-after-release-form").Should().BeNull("it can be refunded once");
        sellerTries.EndedAt($"/Admin/Disputes/{dispute.Id}").Should().BeFalse("only admins see the case page");
        await using var db = Factory.CreateDbContext();
        (await db.Orders.SingleAsync(Ct)).Status.Should().Be(OrderStatus.Refunded);
        var commands = await db.ProviderCommands.Select(c => new { c.Kind, c.Status, c.Amount.Amount }).ToListAsync(Ct);
        commands.Select(c => (c.Kind, c.Status, c.Amount)).Should().BeEquivalentTo(
        [
            (ProviderCommandKind.Transfer, ProviderCommandStatus.Succeeded, 9_200L),
            (ProviderCommandKind.Refund, ProviderCommandStatus.Succeeded, Total),
            (ProviderCommandKind.ReverseTransfer, ProviderCommandStatus.Succeeded, 9_200L),
        ]);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    private Task<Result<Dispute>> Act(Func<DisputeActions, Task<Result<Dispute>>> step) => Factory.RunAsync(step);

    private async Task<Dispute> OpenAsync(Guid buyerId, Guid orderId, DisputeRemedy request, long? amount = null)
    {
        var opened = await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.OpenAsync(buyerId, orderId, new OpenDisputeInput(DisputeIssue.NotAsDescribed, request, amount, "The glaze is chipped."), Ct));
        opened.Succeeded.Should().BeTrue(opened.Error?.Message);
        return opened.Value!;
    }

    private async Task<(Seller Seller, Guid BuyerId, Guid OrderId)> ConfirmedOrderAsync(TimeSpan? protectionEndsIn = null)
    {
        var seller = await Catalog.SellerAsync($"Shop {Guid.NewGuid():N}"[..12], "FR");
        await using (var db = Factory.CreateDbContext())
        {
            var stored = await db.Sellers.SingleAsync(s => s.Id == seller.Id, Ct);
            stored.ConnectPayoutAccount($"sim_acct_{seller.Id:N}");
            stored.EnablePayouts($"sim_acct_{seller.Id:N}");
            await db.SaveChangesAsync(Ct);
        }

        var buyer = await Factory.CreateUserAsync($"buyer-{Guid.NewGuid():N}@test.local");
        var orderId = (await new OrderBuilder(Factory).ConfirmedOrdersAsync(seller, buyer.Id, 1, Total, Factory.Clock.GetUtcNow() + (protectionEndsIn ?? TimeSpan.FromDays(10)))).Single();
        return (seller, buyer.Id, orderId);
    }
}

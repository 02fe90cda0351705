using System.Net;
using Marketplace.Core.Disputes;
using Marketplace.Core.Messaging;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Messaging;
using Marketplace.Domain.Trust;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>Buyer ↔ seller messages on PostgreSQL: per order and per listing, unread counts, warnings, limits, who may read.</summary>
public sealed class MessagingTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Buyer_and_seller_talk_on_the_order_with_unread_counts_and_one_notification_per_unread_run()
    {
        var (seller, buyerId, orderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync();
        var buyer = await Factory.SignInAsUserAsync(buyerId);
        var store = await Factory.SignInAsSellerAsync(seller);

        await buyer.SubmitFormAsync($"/Orders/{orderId}", "#message-form", new Dictionary<string, string> { ["body"] = "Hi, could you pack it well? It's a gift." });
        var afterTwo = await Html.ParseAsync(await buyer.SubmitFormAsync($"/Orders/{orderId}", "#message-form", new Dictionary<string, string> { ["body"] = "And add a card if you can." }));
        var sellerNav = await store.GetDocumentAsync("/Seller");
        var inbox = await store.GetDocumentAsync("/Messages");
        var thread = await store.GetDocumentAsync(inbox.QuerySelector("#inbox a")!.GetAttribute("href")!);
        var navAfterReading = await store.GetDocumentAsync("/Seller");
        await store.SubmitFormAsync($"/Seller/Orders/{orderId}", "#message-form", new Dictionary<string, string> { ["body"] = "Of course, bubble wrap and a card." });
        var buyerNav = await buyer.GetDocumentAsync("/Orders");
        var buyerOrder = await buyer.GetDocumentAsync($"/Orders/{orderId}");

        afterTwo.Texts("#messages .message-body").Should().Equal("Hi, could you pack it well? It's a gift.", "And add a card if you can.");
        sellerNav.Text("#unread-messages").Should().StartWith("2");
        inbox.Text("#inbox").Should().Contain("And add a card if you can.");
        thread.Texts("#messages .message-mine").Should().BeEmpty("the seller wrote nothing yet");
        thread.Texts("#messages .message-theirs .message-body").Should().HaveCount(2);
        navAfterReading.QuerySelector("#unread-messages").Should().BeNull("opening the conversation read both messages");
        buyerOrder.Text("#messages .message-theirs .message-body").Should().Be("Of course, bubble wrap and a card.");
        buyerNav.Text("#unread-messages").Should().StartWith("1");
        buyerOrder.QuerySelector("#unread-messages").Should().BeNull("the order page shows the reply, so it is read");
        await using var db = Factory.CreateDbContext();
        var sellerUser = seller.UserId;
        (await db.Notifications.CountAsync(n => n.UserId == sellerUser && n.Title.StartsWith("New message"), Ct)).Should().Be(1, "the second message came while the first was still unread");
        (await db.Notifications.CountAsync(n => n.UserId == buyerId && n.Title.StartsWith("New message"), Ct)).Should().Be(1);
        (await db.Conversations.CountAsync(Ct)).Should().Be(1);
    }

    [Fact]
    public async Task A_message_asking_for_a_bank_transfer_warns_the_buyer_and_tells_the_seller_it_is_flagged()
    {
        var (seller, buyerId, orderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync();
        var store = await Factory.SignInAsSellerAsync(seller);
        var buyer = await Factory.SignInAsUserAsync(buyerId);

        var sellerView = await Html.ParseAsync(await store.SubmitFormAsync($"/Seller/Orders/{orderId}", "#message-form", new Dictionary<string, string> { ["body"] = "Next time pay me by bank transfer, it's 10% cheaper." }));
        var buyerView = await buyer.GetDocumentAsync($"/Orders/{orderId}");

        buyerView.Text("#messages .message-warning").Should().Contain("asks for payment outside Marketplace").And.Contain("isn't protected");
        sellerView.Text("#messages .message-warning").Should().StartWith("Flagged for review");
        await using var db = Factory.CreateDbContext();
        var message = await db.Messages.SingleAsync(Ct);
        message.SignalList.Should().Equal(OffPlatformSignal.OffPlatformPayment);
        message.SignalEvidence.Should().Be("bank transfer");
    }

    [Fact]
    public async Task Nobody_else_reads_or_writes_a_conversation()
    {
        var (_, buyerId, orderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync();
        var buyer = await Factory.SignInAsUserAsync(buyerId);
        await buyer.SubmitFormAsync($"/Orders/{orderId}", "#message-form", new Dictionary<string, string> { ["body"] = "Hello?" });
        Guid conversationId;
        await using (var db = Factory.CreateDbContext())
        {
            conversationId = await db.Conversations.Select(c => c.Id).SingleAsync(Ct);
        }

        var stranger = await Factory.SignInAsAsync($"stranger-{Guid.NewGuid():N}@test.local");
        var otherStore = await Factory.SignInAsSellerAsync(await Catalog.SellerAsync("Other shop", "DE"));
        var strangerRead = await stranger.GetAsync($"/Messages/{conversationId}", Ct);
        var otherStoreRead = await otherStore.GetAsync($"/Messages/{conversationId}", Ct);
        var strangerWrite = await Factory.RunAsync<SendMessage, Result<Message>>(s => s.ToOrderAsync(Guid.NewGuid(), orderId, "let me in", Ct));
        var strangerReply = await Factory.RunAsync<SendMessage, Result<Message>>(s => s.ReplyAsync(Guid.NewGuid(), conversationId, "let me in", Ct));
        var anonymous = await Factory.CreateBrowserLikeClient(followRedirects: false).GetAsync("/Messages", Ct);

        (strangerRead.StatusCode, otherStoreRead.StatusCode).Should().Be((HttpStatusCode.NotFound, HttpStatusCode.NotFound));
        (strangerWrite.Error, strangerReply.Error).Should().Be((MessageErrors.NotFound, MessageErrors.NotFound));
        anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await stranger.GetDocumentAsync("/Messages")).QuerySelector("#no-conversations").Should().NotBeNull();
    }

    [Fact]
    public async Task An_empty_or_overlong_message_is_refused_on_the_page_and_nothing_is_saved()
    {
        var (_, buyerId, orderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync();
        var buyer = await Factory.SignInAsUserAsync(buyerId);

        var empty = await Html.ParseAsync(await buyer.SubmitFormAsync($"/Orders/{orderId}", "#message-form", new Dictionary<string, string> { ["body"] = "   " }));
        var overlong = await Html.ParseAsync(await buyer.SubmitFormAsync($"/Orders/{orderId}", "#message-form", new Dictionary<string, string> { ["body"] = new string('a', Conversation.MaxBodyLength + 1) }));

        empty.Text("#message-error").Should().Be(MessageErrors.Empty.Message);
        overlong.Text("#message-error").Should().Be(MessageErrors.TooLong.Message);
        await using var db = Factory.CreateDbContext();
        (await db.Messages.CountAsync(Ct)).Should().Be(0);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public async Task Ten_messages_in_ten_minutes_is_the_limit_until_the_first_leaves_the_window(int secondsFromWindowEnd, bool allowed)
    {
        var (_, buyerId, orderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync();
        for (var i = 0; i < 10; i++)
        {
            (await SendAsync(buyerId, orderId, $"message {i}")).Succeeded.Should().BeTrue();
            if (i == 0)
            {
                Factory.Clock.Advance(TimeSpan.FromMinutes(1));
            }
        }

        var eleventhNow = await SendAsync(buyerId, orderId, "one too many");
        Factory.Clock.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(secondsFromWindowEnd));
        var later = await SendAsync(buyerId, orderId, "later");

        eleventhNow.Error.Should().Be(MessageErrors.TooFast);
        later.Succeeded.Should().Be(allowed, "the first message was sent ten minutes before the window's end");
    }

    [Fact]
    public async Task A_buyer_asks_about_a_listing_and_the_seller_answers_from_the_inbox_but_cannot_ask_their_own_listing()
    {
        var seller = await Catalog.SellerAsync("Lamp shop", "IT");
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Lighting"), "Brass desk lamp");
        var buyer = await Factory.SignInAsAsync($"asker-{Guid.NewGuid():N}@test.local");
        var store = await Factory.SignInAsSellerAsync(seller);

        var asked = await buyer.SubmitFormAsync($"/Listing/{listing.Id}", "#ask-form", new Dictionary<string, string> { ["body"] = "Does it work with 110V?" });
        var conversationPath = asked.RequestMessage!.RequestUri!.AbsolutePath;
        var answered = await Html.ParseAsync(await store.SubmitFormAsync(conversationPath, "#message-form", new Dictionary<string, string> { ["body"] = "Yes, it has a universal adapter." }));
        var ownListing = await Html.ParseAsync(await store.SubmitFormAsync($"/Listing/{listing.Id}", "#ask-form", new Dictionary<string, string> { ["body"] = "Testing my own listing" }));
        var buyerThread = await buyer.GetDocumentAsync(conversationPath);

        conversationPath.Should().StartWith("/Messages/");
        answered.Texts("#messages .message-body").Should().Equal("Does it work with 110V?", "Yes, it has a universal adapter.");
        answered.Text("h1").Should().Be("Brass desk lamp");
        ownListing.Text("#message-error").Should().Be(MessageErrors.OwnListing.Message);
        buyerThread.Text("#messages .message-theirs .message-body").Should().Be("Yes, it has a universal adapter.");
    }

    [Fact]
    public async Task Admins_see_the_conversation_on_the_case_page_only_once_the_dispute_is_escalated()
    {
        var (seller, buyerId, orderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync();
        await SendAsync(buyerId, orderId, "The vase came chipped, see the photo.");
        var opened = await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.OpenAsync(buyerId, orderId, new OpenDisputeInput(DisputeIssue.Damaged, DisputeRemedy.FullRefund, null, "Chipped."), Ct));
        var admin = await Factory.SignInAsAdminAsync();

        var before = await admin.GetDocumentAsync($"/Admin/Disputes/{opened.Value!.Id}");
        await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.RejectAsync(DisputeParty.Seller(seller.Id), opened.Value.Id, "It left here intact.", Ct));
        await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.EscalateAsync(DisputeParty.Buyer(buyerId), opened.Value.Id, Ct));
        var after = await admin.GetDocumentAsync($"/Admin/Disputes/{opened.Value.Id}");

        before.QuerySelector("#messages").Should().BeNull();
        before.QuerySelector("#messages-hidden").Should().NotBeNull();
        after.Text("#messages").Should().Contain("The vase came chipped, see the photo.");
        after.QuerySelector("#message-form").Should().BeNull("admins read, they don't write in the buyer's conversation");
        await using var db = Factory.CreateDbContext();
        (await db.Messages.SingleAsync(Ct)).ReadAt.Should().BeNull("an admin reading doesn't mark the seller's messages read");
    }

    [Fact]
    public async Task Buyer_and_seller_writing_the_first_message_at_the_same_moment_share_one_conversation()
    {
        var (seller, buyerId, orderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync();
        await using var db = Factory.CreateDbContext();
        var sellerUser = seller.UserId;

        var results = await Task.WhenAll(
            Task.Run(() => SendAsync(buyerId, orderId, "From the buyer"), Ct),
            Task.Run(() => SendAsync(sellerUser, orderId, "From the seller"), Ct));

        results.Should().OnlyContain(r => r.Succeeded);
        (await db.Conversations.CountAsync(Ct)).Should().Be(1);
        (await db.Messages.Select(m => m.Body).ToListAsync(Ct)).Should().BeEquivalentTo("From the buyer", "From the seller");
    }

    private Task<Result<Message>> SendAsync(Guid userId, Guid orderId, string body) =>
        Factory.RunAsync<SendMessage, Result<Message>>(s => s.ToOrderAsync(userId, orderId, body, Ct));
}

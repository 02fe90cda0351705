using Marketplace.Core.Disputes;
using Marketplace.Core.Messaging;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Messaging;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>The seller's trust profile is computed from what happened: shipping times, disputes, replies, age.</summary>
public sealed class SellerTrustTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_listing_and_the_storefront_show_the_sellers_record_with_the_numbers_behind_it()
    {
        var seller = await Catalog.SellerAsync("Record Shop", "FR");
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Music"), "Vinyl crate");
        var buyer = await Factory.CreateUserAsync($"buyer-{Guid.NewGuid():N}@test.local");
        var now = Factory.Clock.GetUtcNow();
        var orders = (await new OrderBuilder(Factory).ConfirmedOrdersAsync(seller, buyer.Id, 3, 5_000, now + TimeSpan.FromDays(10), listing)).ToList();
        await using (var db = Factory.CreateDbContext())
        {
            var late = OrderBuilder.ConfirmedOrder(seller.Id, buyer.Id, new Money(5_000, "USD"), 9, now.AddDays(-20), now.AddDays(-5), listing, shippedAt: now.AddDays(-10));
            OrderBuilder.Add(db, late);
            await db.SaveChangesAsync(Ct);
        }

        // Two questions answered after 1 h and 3 h: the median is 2 h.
        await SendAsync(buyer.Id, orders[0], "Is it sealed?");
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        var sellerUser = seller.UserId;
        await SendAsync(sellerUser, orders[0], "Yes, factory sealed.");
        await SendAsync(buyer.Id, orders[1], "Can you ship faster?");
        Factory.Clock.Advance(TimeSpan.FromHours(3));
        await SendAsync(sellerUser, orders[1], "Sorry, no.");
        var dispute = await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.OpenAsync(buyer.Id, orders[2], new OpenDisputeInput(DisputeIssue.Damaged, DisputeRemedy.FullRefund, null, "Cracked."), Ct));
        await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.AcceptAsync(Marketplace.Core.Disputes.DisputeParty.Seller(seller.Id), dispute.Value!.Id, Ct));

        var page = await Factory.CreateBrowserLikeClient().GetDocumentAsync($"/Listing/{listing.Id}");
        var store = await Factory.CreateBrowserLikeClient().GetDocumentAsync($"/Store/{seller.Slug}");

        page.Text("#trust-on-time").Should().Be("75% of 4");
        page.Text("#trust-disputes").Should().Be("1 / 1 (3 completed orders)");
        page.Text("#trust-response").Should().Be("2 h (2 replies)");
        page.Text("#trust-age").Should().Be("2 years");
        store.Text("#trust-on-time").Should().Be("75% of 4");
    }

    private async Task SendAsync(Guid userId, Guid orderId, string body) =>
        (await Factory.RunAsync<SendMessage, Result<Message>>(s => s.ToOrderAsync(userId, orderId, body, Ct))).Succeeded.Should().BeTrue();
}

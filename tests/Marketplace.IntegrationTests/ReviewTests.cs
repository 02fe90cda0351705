using System.Net;
using Marketplace.Core.Reviews;
using Marketplace.Domain.Common;
using Marketplace.Domain.Reviews;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>Verified reviews on PostgreSQL: who may review, once, with photos; the listing's summary, filters and search by rating.</summary>
public sealed class ReviewTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_buyer_of_a_received_order_reviews_it_once_with_a_photo_and_the_listing_shows_it_beside_the_sellers_photos()
    {
        var (listing, buyerId, orderId) = await BoughtAsync("Linen tea towel");
        var buyer = await Factory.SignInAsUserAsync(buyerId);
        var orderPage = await buyer.GetDocumentAsync($"/Orders/{orderId}");
        var reviewPath = orderPage.QuerySelector("#order-reviews a")!.GetAttribute("href")!;

        var noStars = await Html.ParseAsync(await buyer.SubmitFormAsync(reviewPath, "#review-form", new Dictionary<string, string> { ["Text"] = "Lovely" }));
        var badPhoto = await Html.ParseAsync(await buyer.SubmitFormAsync(reviewPath, "#review-form", new Dictionary<string, string> { ["Stars"] = "4" }, new UploadFile("Photos", "towel.jpg", "image/jpeg", TestImages.Executable())));
        var posted = await Html.ParseAsync(await buyer.SubmitFormAsync(reviewPath, "#review-form", new Dictionary<string, string> { ["Stars"] = "4", ["Text"] = "Soft and thick, a bit smaller than I thought." }, new UploadFile("Photos", "towel.png", "image/png", TestImages.Png())));
        var again = await Html.ParseAsync(await buyer.SubmitFormAsync(reviewPath, "#review-form", new Dictionary<string, string> { ["Stars"] = "1" }));
        var listingPage = await Factory.CreateBrowserLikeClient().GetDocumentAsync($"/Listing/{listing.Id}");
        var withPhotos = await Factory.CreateBrowserLikeClient().GetDocumentAsync($"/Listing/{listing.Id}?photos=true");
        var fiveStars = await Factory.CreateBrowserLikeClient().GetDocumentAsync($"/Listing/{listing.Id}?stars=5");
        var photo = await Factory.CreateBrowserLikeClient().GetAsync(listingPage.QuerySelector("#buyer-photos img")!.GetAttribute("src"), Ct);

        noStars.ErrorFor("Stars").Should().Be(ReviewErrors.Stars.Message);
        badPhoto.Text(".validation-summary-errors").Should().Contain("towel.jpg: Only JPEG, PNG or WebP photos");
        posted.Text("#order-message").Should().StartWith("Thanks for your review");
        posted.Text("#order-reviews .review-line").Should().NotContain("Write a review");
        again.Text(".validation-summary-errors").Should().Be(ReviewErrors.Already.Message);
        listingPage.Text("#rating-summary").Should().StartWith("4.0");
        listingPage.Text("#rating-link").Should().Contain("1 review");
        listingPage.Text(".review").Should().Contain("verified purchase").And.Contain("Soft and thick");
        listingPage.QuerySelectorAll("#buyer-photos img").Should().ContainSingle();
        withPhotos.QuerySelectorAll(".review").Should().ContainSingle();
        fiveStars.QuerySelectorAll(".review").Should().BeEmpty();
        (photo.StatusCode, photo.Content.Headers.ContentType!.MediaType).Should().Be((HttpStatusCode.OK, "image/jpeg"));
        await using var db = Factory.CreateDbContext();
        var stored = await db.Listings.SingleAsync(l => l.Id == listing.Id, Ct);
        (stored.RatingCount, stored.RatingTotal).Should().Be((1, 4));
    }

    [Fact]
    public async Task Only_the_buyer_of_a_received_order_may_review_it()
    {
        var (listing, buyerId, orderId) = await BoughtAsync("Oak board");
        Guid lineId;
        await using (var db = Factory.CreateDbContext())
        {
            lineId = (await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == orderId, Ct)).Lines[0].Id;
        }

        var stranger = await Factory.SignInAsAsync($"stranger-{Guid.NewGuid():N}@test.local");
        var strangerPage = await stranger.GetAsync($"/Orders/{orderId}/Review/{lineId}", Ct);
        var strangerWrite = await Factory.RunAsync<WriteReview, Result<Review>>(w => w.ExecuteAsync(Guid.NewGuid(), orderId, lineId, 5, "fake", [], Ct));
        var seller = await Catalog.SellerAsync("Shipper", "FR");
        var shippedOnly = await ShippedOrderAsync(seller, buyerId, listing);
        var tooEarly = await Factory.RunAsync<WriteReview, Result<Review>>(w => w.ExecuteAsync(buyerId, shippedOnly.OrderId, shippedOnly.LineId, 5, "not here yet", [], Ct));

        strangerPage.StatusCode.Should().Be(HttpStatusCode.NotFound);
        strangerWrite.Error.Should().Be(ReviewErrors.NotFound);
        tooEarly.Error.Should().Be(ReviewErrors.NotYet);
    }

    [Fact]
    public async Task Two_reviews_of_the_same_line_at_the_same_moment_leave_one_and_count_once()
    {
        var (listing, buyerId, orderId) = await BoughtAsync("Clay mug");
        Guid lineId;
        await using (var db = Factory.CreateDbContext())
        {
            lineId = (await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == orderId, Ct)).Lines[0].Id;
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(i =>
            Task.Run(() => Factory.RunAsync<WriteReview, Result<Review>>(w => w.ExecuteAsync(buyerId, orderId, lineId, 5 - i, "Nice mug", [], Ct)), Ct)));

        results.Count(r => r.Succeeded).Should().Be(1);
        await using var after = Factory.CreateDbContext();
        (await after.Reviews.CountAsync(Ct)).Should().Be(1);
        (await after.Listings.Where(l => l.Id == listing.Id).Select(l => l.RatingCount).SingleAsync(Ct)).Should().Be(1);
    }

    [Theory]
    [InlineData("4", true)]
    [InlineData("5", false)]
    [InlineData("", true)]
    public async Task Search_keeps_listings_rated_at_least_the_chosen_stars(string minRating, bool found)
    {
        var (listing, buyerId, orderId) = await BoughtAsync("Walnut spoon");
        var (_, otherBuyer, otherOrder) = await BoughtAsync("Walnut spoon", listing);
        await ReviewAsync(buyerId, orderId, 5);
        await ReviewAsync(otherBuyer, otherOrder, 4);

        var page = await Factory.CreateBrowserLikeClient().GetDocumentAsync($"/Search?q=walnut&rating={minRating}");

        page.QuerySelectorAll(".listing-card").Should().HaveCount(found ? 1 : 0, "the average is 4.5");
    }

    private async Task ReviewAsync(Guid buyerId, Guid orderId, int stars)
    {
        await using var db = Factory.CreateDbContext();
        var lineId = (await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == orderId, Ct)).Lines[0].Id;
        (await Factory.RunAsync<WriteReview, Result<Review>>(w => w.ExecuteAsync(buyerId, orderId, lineId, stars, null, [], Ct))).Succeeded.Should().BeTrue();
    }

    private async Task<(Marketplace.Domain.Catalog.Listing Listing, Guid BuyerId, Guid OrderId)> BoughtAsync(string title, Marketplace.Domain.Catalog.Listing? existing = null)
    {
        var seller = existing is null ? await Catalog.SellerAsync($"Shop {Guid.NewGuid():N}"[..12], "FR") : null;
        var listing = existing ?? await Catalog.ListingAsync(seller!, await Catalog.CategoryAsync("Kitchen"), title);
        await using var db = Factory.CreateDbContext();
        var owner = seller ?? await db.Sellers.SingleAsync(s => s.Id == listing.SellerId, Ct);
        var buyer = await Factory.CreateUserAsync($"buyer-{Guid.NewGuid():N}@test.local");
        var orderId = (await new OrderBuilder(Factory).ConfirmedOrdersAsync(owner, buyer.Id, 1, 2_500, Factory.Clock.GetUtcNow() + TimeSpan.FromDays(10), listing)).Single();
        return (listing, buyer.Id, orderId);
    }

    private async Task<(Guid OrderId, Guid LineId)> ShippedOrderAsync(Marketplace.Domain.Sellers.Seller seller, Guid buyerId, Marketplace.Domain.Catalog.Listing listing)
    {
        var made = OrderBuilder.ConfirmedOrder(seller.Id, buyerId, new Money(2_500, "USD"), 0, Factory.Clock.GetUtcNow(), Factory.Clock.GetUtcNow(), listing);
        await using var db = Factory.CreateDbContext();
        OrderBuilder.Add(db, made);
        await db.SaveChangesAsync(Ct);
        await db.Orders.Where(o => o.Id == made.Order.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, Marketplace.Domain.Orders.OrderStatus.Shipped), Ct);
        return (made.Order.Id, made.Order.Lines[0].Id);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Core.Api;
using Marketplace.Core.Disputes;
using Marketplace.Core.Identity;
using Marketplace.Core.Messaging;
using Marketplace.Core.Trust;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Messaging;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Sellers;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.IntegrationTests;

/// <summary>The seller API (issue 19) as a seller's developer uses it: tokens, scopes, every endpoint, ownership, idempotency.</summary>
public sealed class SellerApiTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_made_on_the_settings_page_is_shown_once_stored_hashed_and_stops_working_when_revoked()
    {
        var (client, seller) = await Factory.NewSellerThroughThePagesAsync();

        var made = await Html.ParseAsync(await client.SubmitFormAsync("/Seller/Api", "#create-token-form", new Dictionary<string, string>
        {
            ["Name"] = "Warehouse sync",
            ["Scopes"] = ApiScopes.ListingsRead,
            ["Days"] = "30",
        }));
        var secret = made.QuerySelector("#new-token-secret")!.GetAttribute("value")!;
        var later = await client.GetDocumentAsync("/Seller/Api");
        var api = Api(secret);
        var before = await api.GetAsync("/api/v1/listings", Ct);

        secret.Should().StartWith("mp_").And.HaveLength(46);
        later.QuerySelector("#new-token-secret").Should().BeNull("the secret is shown once, on the page that made it");
        later.Text(".token-name").Should().Be("Warehouse sync");
        later.Text(".token-row code").Should().Be(secret[..9] + "…");
        before.StatusCode.Should().Be(HttpStatusCode.OK);
        await using (var db = Factory.CreateDbContext())
        {
            var stored = await db.ApiTokens.SingleAsync(Ct);
            stored.Hash.Should().NotContain(secret[3..]).And.Be(ApiTokens.HashOf(secret));
            stored.ScopeList.Should().Equal(ApiScopes.ListingsRead);
            stored.ExpiresAt.Should().Be(Factory.Clock.GetUtcNow().AddDays(30));
            stored.LastUsedAt.Should().Be(Factory.Clock.GetUtcNow());
            stored.SellerId.Should().Be(seller.Id);
        }

        var revoked = await client.SubmitFormAsync("/Seller/Api", ".revoke-form", new Dictionary<string, string>());
        var after = await api.GetAsync("/api/v1/listings", Ct);

        (await Html.ParseAsync(revoked)).Text(".alert-success").Should().Be("Token revoked: it stopped working at once.");
        after.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        after.Headers.WwwAuthenticate.ToString().Should().Contain("invalid_token");
        (await ProblemAsync(after)).Code.Should().Be("api_token.invalid");
    }

    [Fact]
    public async Task The_page_refuses_a_token_without_a_name_or_a_permission()
    {
        var (client, _) = await Factory.NewSellerThroughThePagesAsync();

        var page = await Html.ParseAsync(await client.SubmitFormAsync("/Seller/Api", "#create-token-form", new Dictionary<string, string> { ["Name"] = "No scopes" }));

        page.ErrorFor("Scopes").Should().Be("Choose at least one permission for the token.");
        page.QuerySelector("#new-token-secret").Should().BeNull();
        await using var db = Factory.CreateDbContext();
        (await db.ApiTokens.CountAsync(Ct)).Should().Be(0);
    }

    [Theory]
    [InlineData(-1, HttpStatusCode.OK)]
    [InlineData(0, HttpStatusCode.Unauthorized)]
    [InlineData(1, HttpStatusCode.Unauthorized)]
    public async Task A_token_works_until_the_moment_it_expires(int secondsFromExpiry, HttpStatusCode expected)
    {
        var (_, api) = await TokenAsync(days: 7, ApiScopes.ListingsRead);

        Factory.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(secondsFromExpiry));
        var response = await api.GetAsync("/api/v1/listings", Ct);

        response.StatusCode.Should().Be(expected);
    }

    [Fact]
    public async Task Suspending_the_sellers_account_stops_their_tokens_at_once()
    {
        var (seller, api) = await TokenAsync(days: 30, ApiScopes.ListingsRead);
        var admin = await Factory.CreateUserAsync($"admin-{Guid.NewGuid():N}@test.local", true, Roles.Admin);
        (await api.GetAsync("/api/v1/listings", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await Factory.RunAsync<Suspensions, Result<AppUser>>(s => s.SuspendAsync(admin.Id, seller.UserId, "Selling fakes", Ct))).Succeeded.Should().BeTrue();
        var after = await api.GetAsync("/api/v1/listings", Ct);

        after.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await ProblemAsync(after)).Code.Should().Be("api_token.store_not_active");
    }

    [Fact]
    public async Task A_listings_only_token_reads_listings_but_cannot_ship_orders_or_see_payouts()
    {
        var (seller, _, orderId) = await PaidOrderAsync();
        var (_, api) = await TokenAsync(seller, ApiScopes.ListingsRead);

        var listings = await api.GetAsync("/api/v1/listings", Ct);
        var ship = await api.PostAsJsonAsync($"/api/v1/orders/{orderId}/ship", new { carrier = "DHL", trackingNumber = "JD0001" }, Ct);
        var payouts = await api.GetAsync("/api/v1/payouts", Ct);

        listings.StatusCode.Should().Be(HttpStatusCode.OK);
        ship.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var problem = await ProblemAsync(ship);
        problem.Code.Should().Be("api_token.scope");
        problem.Title.Should().Be("This token doesn't have the orders:write permission.");
        payouts.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await using var db = Factory.CreateDbContext();
        (await db.Orders.SingleAsync(o => o.Id == orderId, Ct)).Status.Should().Be(OrderStatus.Paid);
    }

    [Fact]
    public async Task Another_sellers_listings_orders_disputes_and_conversations_are_not_found()
    {
        var (seller, buyerId, orderId) = await PaidOrderAsync();
        var listingId = await ListingOfAsync(seller);
        var dispute = await ShippedAndDisputedAsync(seller, buyerId, orderId);
        var conversation = await Factory.RunAsync<SendMessage, Result<Message>>(s => s.ToOrderAsync(buyerId, orderId, "Where is it?", Ct));
        var (_, stranger) = await TokenAsync(days: 30, [.. ApiScopes.All]);

        var answers = new[]
        {
            await stranger.GetAsync($"/api/v1/listings/{listingId}", Ct),
            await stranger.PutAsJsonAsync($"/api/v1/listings/{listingId}", new { title = "Mine now" }, Ct),
            await stranger.PostAsync($"/api/v1/listings/{listingId}/archive", null, Ct),
            await stranger.PostAsJsonAsync("/api/v1/inventory", new { items = new[] { new { variantId = await VariantOfAsync(listingId), stock = 0 } } }, Ct),
            await stranger.GetAsync($"/api/v1/orders/{orderId}", Ct),
            await stranger.PostAsJsonAsync($"/api/v1/orders/{orderId}/tracking-events", new { description = "Lost", delivered = false }, Ct),
            await stranger.PostAsync($"/api/v1/orders/{orderId}/accept-cancellation", null, Ct),
            await stranger.GetAsync($"/api/v1/disputes/{dispute.Id}", Ct),
            await stranger.PostAsync($"/api/v1/disputes/{dispute.Id}/accept", null, Ct),
            await stranger.GetAsync($"/api/v1/conversations/{conversation.Value!.ConversationId}", Ct),
            await stranger.PostAsJsonAsync($"/api/v1/conversations/{conversation.Value.ConversationId}/messages", new { body = "Hi" }, Ct),
        };
        var inventory = await answers[3].Content.ReadFromJsonAsync<JsonObject>(Ct);
        var tried = new[]
        {
            "api/v1/listings/{id:guid}", "api/v1/listings/{id:guid}/archive", "api/v1/orders/{id:guid}", "api/v1/orders/{id:guid}/tracking-events",
            "api/v1/orders/{id:guid}/accept-cancellation", "api/v1/disputes/{id:guid}", "api/v1/disputes/{id:guid}/accept", "api/v1/conversations/{id:guid}",
            "api/v1/conversations/{id:guid}/messages",
        };
        var withIds = Factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p.StartsWith("api/v1/", StringComparison.Ordinal) && p.Contains('{', StringComparison.Ordinal))
            .Distinct()
            .ToList();
        var alsoCovered = new[]
        {
            "api/v1/listings/{id:guid}/publish", "api/v1/listings/{id:guid}/unpublish", "api/v1/listings/{id:guid}/photos", "api/v1/listings/{id:guid}/photos/{photoId:guid}",
            "api/v1/orders/{id:guid}/ship", "api/v1/disputes/{id:guid}/counter", "api/v1/disputes/{id:guid}/reject", "api/v1/disputes/{id:guid}/evidence",
        };
        withIds.Should().BeSubsetOf(tried.Concat(alsoCovered), "every API route with an id is tried by a stranger here or in A_listings_only_token… / Strangers_cannot_…");

        answers.Where((_, i) => i != 3).Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.NotFound);
        inventory!["items"]![0]!["code"]!.GetValue<string>().Should().Be("listing.variant_not_found");
        (await stranger.GetFromJsonAsync<JsonObject>("/api/v1/orders", Ct))!["items"]!.AsArray().Should().BeEmpty();
        await using var db = Factory.CreateDbContext();
        (await db.Listings.SingleAsync(l => l.Id == listingId, Ct)).Status.Should().Be(ListingStatus.Published);
        (await db.ListingVariants.SingleAsync(v => v.ListingId == listingId, Ct)).Stock.Should().Be(4);
        (await db.Disputes.SingleAsync(Ct)).Status.Should().Be(DisputeStatus.AwaitingSeller);

        var (_, owner) = await TokenAsync(seller, ApiScopes.OrdersRead, ApiScopes.DisputesWrite);
        var accepted = await owner.PostAsync($"/api/v1/disputes/{dispute.Id}/accept", null, Ct);
        var read = await owner.GetFromJsonAsync<JsonObject>($"/api/v1/disputes/{dispute.Id}", Ct);
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        read!["status"]!.GetValue<string>().Should().Be("resolved");
        read["outcome"]!.GetValue<string>().Should().Be("full_refund");
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_seller_rejects_a_dispute_with_reasons_and_must_give_them()
    {
        var (seller, buyerId, orderId) = await PaidOrderAsync();
        var dispute = await ShippedAndDisputedAsync(seller, buyerId, orderId);
        var (_, api) = await TokenAsync(seller, ApiScopes.OrdersRead, ApiScopes.DisputesWrite);

        var silent = await api.PostAsJsonAsync($"/api/v1/disputes/{dispute.Id}/reject", new { message = "" }, Ct);
        var rejected = await api.PostAsJsonAsync($"/api/v1/disputes/{dispute.Id}/reject", new { message = "The photos show it arrived whole." }, Ct);
        var read = await api.GetFromJsonAsync<JsonObject>($"/api/v1/disputes/{dispute.Id}", Ct);

        silent.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        rejected.StatusCode.Should().Be(HttpStatusCode.OK);
        read!["status"]!.GetValue<string>().Should().Be("rejected");
        read["events"]!.AsArray().Select(e => e!["note"]!.GetValue<string>()).Should().Contain(n => n.Contains("The photos show it arrived whole.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Strangers_cannot_publish_photograph_ship_or_answer_for_another_store()
    {
        var (seller, buyerId, orderId) = await PaidOrderAsync();
        var listingId = await ListingOfAsync(seller);
        var photo = await Factory.RunAsync<Core.Catalog.ListingImages, Result<ListingImage>>(async images =>
        {
            await using var png = new MemoryStream(TestImages.Png());
            return await images.AddAsync(seller, listingId, png, png.Length, Ct);
        });
        var photoId = photo.Value!.Id;
        var (_, stranger) = await TokenAsync(days: 30, [.. ApiScopes.All]);
        var answers = new[]
        {
            await stranger.PostAsync($"/api/v1/listings/{listingId}/unpublish", null, Ct),
            await stranger.PostAsync($"/api/v1/listings/{listingId}/publish", null, Ct),
            await stranger.PostAsync($"/api/v1/listings/{listingId}/photos", Upload("photo", "mine.png", TestImages.Png()), Ct),
            await stranger.DeleteAsync($"/api/v1/listings/{listingId}/photos/{photoId}", Ct),
            await stranger.PostAsJsonAsync($"/api/v1/orders/{orderId}/ship", new { carrier = "DHL", trackingNumber = "X" }, Ct),
        };
        var dispute = await ShippedAndDisputedAsync(seller, buyerId, orderId);
        answers =
        [
            .. answers,
            await stranger.PostAsJsonAsync($"/api/v1/disputes/{dispute.Id}/counter", new { offer = "partial_refund", amount = 1, message = "no" }, Ct),
            await stranger.PostAsJsonAsync($"/api/v1/disputes/{dispute.Id}/reject", new { message = "no" }, Ct),
            await stranger.PostAsync($"/api/v1/disputes/{dispute.Id}/evidence", Upload("file", "x.jpg", TestImages.Jpeg()), Ct),
        ];

        answers.Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.NotFound);
        await using var after = Factory.CreateDbContext();
        var listing = await after.Listings.SingleAsync(l => l.Id == listingId, Ct);
        (listing.Status, listing.Images.Count).Should().Be((ListingStatus.Published, 1));
        (await after.Orders.SingleAsync(o => o.Id == orderId, Ct)).Carrier.Should().Be("Post");
        (await after.Disputes.SingleAsync(Ct)).Status.Should().Be(DisputeStatus.AwaitingSeller);
        (await after.DisputeEvidence.CountAsync(Ct)).Should().Be(0);
    }

    [Fact]
    public async Task Skus_variant_names_carriers_and_specs_longer_than_they_may_be_are_refused_field_by_field()
    {
        var (_, api) = await TokenAsync(days: 30, ApiScopes.ListingsRead, ApiScopes.ListingsWrite);
        var category = await Catalog.CategoryAsync("Kitchen");
        object Listing(int over) => new
        {
            title = "Stoneware mug",
            categoryId = category.Id,
            specs = new[] { new { key = new string('k', 60 + over), value = "x" }, new { key = "Glaze", value = new string('v', 300 + over) } },
            variants = new[] { new { sku = new string('S', 64 + over), name = "Blue", price = 100, stock = 3 }, new { sku = "B", name = new string('n', 120 + over), price = 100, stock = 1 } },
            shipping = new[] { new { country = "*", method = "standard", carrier = new string('c', 60 + over), price = 0, minDays = 3, maxDays = 9 } },
        };

        var tooLong = await api.PostAsJsonAsync("/api/v1/listings", Listing(over: 1), Ct);
        var atTheLimits = await api.PostAsJsonAsync("/api/v1/listings", Listing(over: 0), Ct);

        tooLong.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var errors = (await tooLong.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().BeEquivalentTo(["specs[0].key", "specs[1].key", "variants[0].sku", "variants[1].name", "shipping[0].carrier"]);
        errors["variants[0].sku"]![0]!.GetValue<string>().Should().Be("A SKU can be at most 64 characters.");
        errors["shipping[0].carrier"]![0]!.GetValue<string>().Should().Be("A carrier's name can be at most 60 characters.");
        atTheLimits.StatusCode.Should().Be(HttpStatusCode.Created);
        await using var db = Factory.CreateDbContext();
        (await db.Listings.CountAsync(Ct)).Should().Be(1);
    }

    [Fact]
    public async Task A_listing_is_created_checked_like_the_editor_updated_published_and_archived()
    {
        var (seller, api) = await TokenAsync(days: 30, ApiScopes.ListingsRead, ApiScopes.ListingsWrite);
        var category = await Catalog.CategoryAsync("Kitchen");
        var body = ListingBody(category.Id, "Stoneware mug", price: 1299, stock: 5);

        var invalid = await api.PostAsJsonAsync("/api/v1/listings", new
        {
            title = "",
            categoryId = category.Id,
            variants = new[] { new { sku = "A", name = "Blue", price = 100, stock = 3 }, new { sku = "a", name = "Red", price = 0, stock = 2_000_000 } },
        }, Ct);
        var created = await api.PostAsJsonAsync("/api/v1/listings", body, Ct);
        var listing = await created.Content.ReadFromJsonAsync<JsonObject>(Ct);
        var id = listing!["id"]!.GetValue<Guid>();
        var variantId = listing["variants"]![0]!["id"]!.GetValue<Guid>();
        var updated = await api.PutAsJsonAsync($"/api/v1/listings/{id}", new
        {
            title = "Stoneware mug, 350 ml",
            description = "Hand-glazed.",
            categoryId = category.Id,
            handlingDays = 2,
            specs = new[] { new { key = "Capacity", value = "350 ml" } },
            variants = new object[] { new { id = variantId, sku = "MUG-1", name = "White", price = 1499, stock = 7 }, new { sku = "MUG-2", name = "Black", price = 1599, stock = 1 } },
            shipping = new[] { new { country = "*", method = "standard", carrier = "Post", price = 0, minDays = 3, maxDays = 9 } },
        }, Ct);
        var published = await api.PostAsync($"/api/v1/listings/{id}/publish", null, Ct);
        var unpublished = await api.PostAsync($"/api/v1/listings/{id}/unpublish", null, Ct);
        var unpublishedAgain = await api.PostAsync($"/api/v1/listings/{id}/unpublish", null, Ct);
        var archived = await api.PostAsync($"/api/v1/listings/{id}/archive", null, Ct);
        var republished = await api.PostAsync($"/api/v1/listings/{id}/publish", null, Ct);
        var read = await api.GetFromJsonAsync<JsonObject>($"/api/v1/listings/{id}", Ct);

        invalid.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().BeEquivalentTo(["title", "variants[1].price", "variants[1].sku", "variants[1].stock"]);
        errors["variants[1].price"]![0]!.GetValue<string>().Should().Be("Give the price in minor units, above zero (1299 for 12.99 USD).");
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().Be($"/api/v1/listings/{id}");
        listing["status"]!.GetValue<string>().Should().Be("draft");
        listing["priceFrom"]!["amount"]!.GetValue<long>().Should().Be(1299);
        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        (await published.Content.ReadFromJsonAsync<JsonObject>(Ct))!["status"]!.GetValue<string>().Should().Be("published");
        (await unpublished.Content.ReadFromJsonAsync<JsonObject>(Ct))!["status"]!.GetValue<string>().Should().Be("unpublished");
        (await ProblemAsync(unpublishedAgain)).Code.Should().Be("listing.not_published");
        archived.StatusCode.Should().Be(HttpStatusCode.OK);
        republished.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ProblemAsync(republished)).Code.Should().Be("listing.archived");
        read!["title"]!.GetValue<string>().Should().Be("Stoneware mug, 350 ml");
        read["status"]!.GetValue<string>().Should().Be("archived");
        read["variants"]!.AsArray().Select(v => (v!["id"]!.GetValue<Guid>() == variantId, v["price"]!.GetValue<long>(), v["stock"]!.GetValue<int>()))
            .Should().Equal((true, 1499L, 7), (false, 1599L, 1));
        read["specs"]![0]!["value"]!.GetValue<string>().Should().Be("350 ml");
        await using var db = Factory.CreateDbContext();
        (await db.Listings.SingleAsync(Ct)).SellerId.Should().Be(seller.Id);
    }

    [Fact]
    public async Task Photos_are_checked_like_the_pages_and_a_retried_create_with_the_same_key_returns_the_first_listing()
    {
        var (_, api) = await TokenAsync(days: 30, ApiScopes.ListingsWrite);
        var category = await Catalog.CategoryAsync("Kitchen");
        var body = ListingBody(category.Id, "Teapot", price: 2500, stock: 3);

        var first = await SendWithKeyAsync(api, "create-teapot-1", body);
        var retried = await SendWithKeyAsync(api, "create-teapot-1", body);
        var otherBody = await SendWithKeyAsync(api, "create-teapot-1", ListingBody(category.Id, "Kettle", price: 2500, stock: 3));
        var id = (await first.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<Guid>();
        var photo = await api.PostAsync($"/api/v1/listings/{id}/photos", Upload("photo", "teapot.png", TestImages.Png()), Ct);
        var notAPhoto = await api.PostAsync($"/api/v1/listings/{id}/photos", Upload("photo", "teapot.png", TestImages.Executable()), Ct);
        var second = await api.PostAsync($"/api/v1/listings/{id}/photos", Upload("photo", "lid.jpg", TestImages.Jpeg()), Ct);
        var secondId = (await second.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<Guid>();
        var removed = await api.DeleteAsync($"/api/v1/listings/{id}/photos/{secondId}", Ct);

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retried.StatusCode.Should().Be(HttpStatusCode.Created);
        retried.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await retried.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<Guid>().Should().Be(id);
        otherBody.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await ProblemAsync(otherBody)).Code.Should().Be("idempotency.mismatch");
        photo.StatusCode.Should().Be(HttpStatusCode.Created);
        var photoUrl = new Uri((await photo.Content.ReadFromJsonAsync<JsonObject>(Ct))!["url"]!.GetValue<string>());
        photoUrl.AbsolutePath.Should().StartWith("/media/listings/");
        var served = await Factory.CreateClient().GetAsync(photoUrl.PathAndQuery, Ct);
        served.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
        notAPhoto.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await ProblemAsync(notAPhoto)).Code.Should().Be("image.type");
        (await removed.Content.ReadFromJsonAsync<JsonObject>(Ct))!["photos"]!.AsArray().Select(p => p!["id"]!.GetValue<Guid>()).Should().NotContain(secondId).And.ContainSingle();
        await using var db = Factory.CreateDbContext();
        (await db.Listings.CountAsync(Ct)).Should().Be(1);
        (await db.Listings.SingleAsync(Ct)).Images.Should().ContainSingle();
    }

    [Fact]
    public async Task Copies_of_one_create_sent_at_once_with_one_key_make_one_listing()
    {
        var (_, api) = await TokenAsync(days: 30, ApiScopes.ListingsWrite);
        var category = await Catalog.CategoryAsync("Kitchen");
        var body = ListingBody(category.Id, "Jug", price: 900, stock: 3);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SendWithKeyAsync(api, "jug", body)));

        answers.Select(a => a.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.Created || s == HttpStatusCode.Conflict);
        answers.Should().Contain(a => a.StatusCode == HttpStatusCode.Created);
        await using var db = Factory.CreateDbContext();
        (await db.Listings.CountAsync(Ct)).Should().Be(1);
    }

    [Fact]
    public async Task A_bulk_update_answers_each_line_and_a_price_far_below_the_brand_sends_a_live_listing_back_to_review()
    {
        var (seller, api) = await TokenAsync(days: 30, ApiScopes.ListingsWrite);
        await using (var db = Factory.CreateDbContext())
        {
            db.Brands.Add(new Domain.Trust.Brand("Rolex", new Money(500_000, "USD"), Factory.Clock.GetUtcNow()));
            await db.SaveChangesAsync(Ct);
        }

        var category = await Catalog.CategoryAsync("Watches");
        var watch = await Catalog.ListingAsync(seller, category, "Rolex Submariner watch", configure: l =>
        {
            l.AddVariant("SUB-41", "Steel", new Money(1_050_000, "USD"), 1);
            l.AddShippingOption(null, ShippingMethod.Standard, "DHL", new Money(0, "USD"), 2, 5);
        });
        var mug = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Kitchen"), "Mug", configure: l =>
        {
            l.AddVariant("MUG-1", "White", new Money(1000, "USD"), 10);
            l.AddShippingOption(null, ShippingMethod.Standard, "Post", new Money(500, "USD"), 3, 9);
        });

        var response = await api.PostAsJsonAsync("/api/v1/inventory", new
        {
            items = new object?[]
            {
                new { sku = "MUG-1", stock = 40 },
                new { sku = "MUG-1", stockChange = -3 },
                new { sku = "MUG-1", price = 1250 },
                new { sku = "MUG-1", stockChange = -100 },
                new { sku = "NOT-MINE" },
                new { sku = "SUB-41", price = 15_000 },
                new { variantId = Guid.NewGuid(), stock = 1 },
                new { sku = "MUG-1", stock = 5, expectedStock = 36 },
                new { sku = "MUG-1", stock = 37, expectedStock = 37 },
                new { sku = "MUG-1", stockChange = int.MaxValue },
                null,
            },
        }, Ct);
        var tooMany = await api.PostAsJsonAsync("/api/v1/inventory", new { items = Enumerable.Range(0, 101).Select(_ => new { sku = "MUG-1", stock = 1 }) }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        result!["items"]!.AsArray().Select(i => i!["code"]?.GetValue<string>()).Should().Equal(
            null, null, null, "inventory.below_zero", "inventory.nothing", null, "listing.variant_not_found", "inventory.stock_moved", null, "listing.stock", "inventory.item");
        result["items"]![5]!["listingStatus"]!.GetValue<string>().Should().Be("pending_review");
        (result["updated"]!.GetValue<int>(), result["failed"]!.GetValue<int>()).Should().Be((5, 6));
        tooMany.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await ProblemAsync(tooMany)).Code.Should().Be("inventory.batch");
        await using var after = Factory.CreateDbContext();
        var mugVariant = await after.ListingVariants.SingleAsync(v => v.ListingId == mug.Id, Ct);
        (mugVariant.Stock, mugVariant.Price.Amount).Should().Be((37, 1250L));
        (await after.Listings.SingleAsync(l => l.Id == mug.Id, Ct)).PriceFrom.Amount.Should().Be(1250);
        (await after.Listings.SingleAsync(l => l.Id == watch.Id, Ct)).Status.Should().Be(ListingStatus.PendingReview);
    }

    [Fact]
    public async Task Stock_changes_racing_with_checkouts_never_oversell_and_lose_no_unit()
    {
        var seller = await Catalog.SellerAsync("Racing shop", "US");
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Home"), "Lamp", configure: l =>
        {
            l.AddVariant("LAMP", "Brass", new Money(2000, "USD"), 6);
            l.AddShippingOption(null, ShippingMethod.Standard, "Post", new Money(500, "USD"), 3, 9);
        });
        var (_, api) = await TokenAsync(seller, ApiScopes.ListingsWrite);
        var buyers = new List<HttpClient>();
        for (var i = 0; i < 8; i++)
        {
            var buyer = await Factory.SignInAsAsync($"racer{i}@test.local");
            await buyer.AddToCartAsync(listing);
            buyers.Add(buyer);
        }

        var changes = new[] { -2, +3, -1, -2, +1, -3, +2, -1 };
        var checkouts = buyers.Select(b => b.CheckoutAsync()).ToList();
        var updates = changes.Select((c, i) => api.PostAsJsonAsync("/api/v1/inventory", new { items = new object[] { new { sku = "LAMP", stockChange = c }, new { sku = "LAMP", price = 2000 + i } } }, Ct)).ToList();
        await Task.WhenAll(checkouts);
        var answers = await Task.WhenAll(updates);

        var applied = 0;
        for (var i = 0; i < changes.Length; i++)
        {
            var items = (await answers[i].Content.ReadFromJsonAsync<JsonObject>(Ct))!["items"]!;
            var line = items[0]!;
            (line["code"]?.GetValue<string>() ?? "updated").Should().BeOneOf("updated", "inventory.below_zero");
            items[1]!["result"]!.GetValue<string>().Should().Be("updated", "a price change waits for sales and other changes instead of failing");
            applied += line["code"] is null ? changes[i] : 0;
        }

        await using var db = Factory.CreateDbContext();
        var sold = await db.Orders.SelectMany(o => o.Lines).SumAsync(l => l.Quantity, Ct);
        var stock = (await db.ListingVariants.SingleAsync(Ct)).Stock;
        stock.Should().BeGreaterThanOrEqualTo(0);
        stock.Should().Be(6 + applied - sold, "every unit is either still in stock, sold, or taken off by the seller");
    }

    [Fact]
    public async Task Orders_are_listed_by_state_with_cursor_paging_shipped_tracked_and_cancellations_accepted()
    {
        var seller = await Catalog.SellerAsync("Paging shop", "US");
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Home"), "Vase", configure: l =>
        {
            l.AddVariant("VASE", "Blue", new Money(1000, "USD"), 10);
            l.AddShippingOption(null, ShippingMethod.Standard, "Post", new Money(500, "USD"), 3, 9);
        });
        var buyers = new List<HttpClient>();
        for (var i = 0; i < 3; i++)
        {
            var buyer = await Factory.SignInAsAsync($"pager{i}@test.local");
            await buyer.AddToCartAsync(listing);
            await buyer.BuyAsync();
            buyers.Add(buyer);
            Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var (_, api) = await TokenAsync(seller, ApiScopes.OrdersRead, ApiScopes.OrdersWrite);
        var firstPage = await api.GetFromJsonAsync<JsonObject>("/api/v1/orders?status=paid&limit=2", Ct);
        var secondPage = await api.GetFromJsonAsync<JsonObject>($"/api/v1/orders?status=paid&limit=2&cursor={firstPage!["nextCursor"]}", Ct);
        var ids = firstPage["items"]!.AsArray().Concat(secondPage!["items"]!.AsArray()).Select(o => o!["id"]!.GetValue<Guid>()).ToList();
        await using (var db = Factory.CreateDbContext())
        {
            ids.Should().Equal(await db.Orders.OrderByDescending(o => o.PlacedAt).Select(o => o.Id).ToListAsync(Ct), "newest first, each order once");
        }

        secondPage["nextCursor"].Should().BeNull();
        var (newest, middle, oldest) = (ids[0], ids[1], ids[2]);
        await buyers[2].SubmitFormAsync($"/Orders/{newest}", "#cancel-form", new Dictionary<string, string> { ["reason"] = "Changed my mind" });

        var shipped = await api.PostAsJsonAsync($"/api/v1/orders/{oldest}/ship", new { carrier = "DHL", trackingNumber = "JD014600003" }, Ct);
        var again = await api.PostAsJsonAsync($"/api/v1/orders/{oldest}/ship", new { carrier = "DHL", trackingNumber = "JD014600003" }, Ct);
        var noCarrier = await api.PostAsJsonAsync($"/api/v1/orders/{middle}/ship", new { trackingNumber = "X1" }, Ct);
        var tracked = await api.PostAsJsonAsync($"/api/v1/orders/{oldest}/tracking-events", new { description = "Left at the door", delivered = true }, Ct);
        var asked = await api.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{newest}", Ct);
        var cancelled = await api.PostAsync($"/api/v1/orders/{newest}/accept-cancellation", null, Ct);
        var stillPaid = await api.GetFromJsonAsync<JsonObject>("/api/v1/orders?status=paid", Ct);

        shipped.StatusCode.Should().Be(HttpStatusCode.OK);
        var order = await shipped.Content.ReadFromJsonAsync<JsonObject>(Ct);
        (order!["status"]!.GetValue<string>(), order["carrier"]!.GetValue<string>(), order["trackingNumber"]!.GetValue<string>()).Should().Be(("shipped", "DHL", "JD014600003"));
        order["hold"]!["protectionEndsAt"].Should().NotBeNull();
        order["shipTo"]!["countryCode"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        noCarrier.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await tracked.Content.ReadFromJsonAsync<JsonObject>(Ct))!["tracking"]![0]!["delivered"]!.GetValue<bool>().Should().BeTrue();
        asked!["cancellationRequest"]!["reason"]!.GetValue<string>().Should().Be("Changed my mind");
        (await cancelled.Content.ReadFromJsonAsync<JsonObject>(Ct))!["status"]!.GetValue<string>().Should().Be("cancelled");
        stillPaid!["items"]!.AsArray().Select(o => o!["id"]!.GetValue<Guid>()).Should().Equal(middle);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_seller_counters_a_dispute_uploads_evidence_replies_to_the_buyer_and_reads_payouts()
    {
        var (seller, buyerId, orderId) = await PaidOrderAsync();
        var dispute = await ShippedAndDisputedAsync(seller, buyerId, orderId);
        var asked = await Factory.RunAsync<SendMessage, Result<Message>>(s => s.ToOrderAsync(buyerId, orderId, "Can you refund part of it?", Ct));
        var (_, api) = await TokenAsync(seller, ApiScopes.OrdersRead, ApiScopes.OrdersWrite, ApiScopes.DisputesWrite, ApiScopes.PayoutsRead);

        var open = await api.GetFromJsonAsync<JsonObject>("/api/v1/disputes?status=awaiting_seller", Ct);
        var evidence = await api.PostAsync($"/api/v1/disputes/{dispute.Id}/evidence", Upload("file", "packing.jpg", TestImages.Jpeg()), Ct);
        var countered = await api.PostAsJsonAsync($"/api/v1/disputes/{dispute.Id}/counter", new { offer = "partial_refund", amount = 500, message = "The chip is small: half back?" }, Ct);
        var waiting = await api.GetFromJsonAsync<JsonObject>("/api/v1/conversations?awaitingReply=true", Ct);
        var reply = await api.PostAsJsonAsync($"/api/v1/conversations/{asked.Value!.ConversationId}/messages", new { body = "Pay me on WhatsApp +1 415 555 0134 instead" }, Ct);
        var thread = await api.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{asked.Value.ConversationId}", Ct);
        var payouts = await api.GetFromJsonAsync<JsonObject>("/api/v1/payouts", Ct);

        open!["items"]!.AsArray().Select(d => d!["id"]!.GetValue<Guid>()).Should().Equal(dispute.Id);
        evidence.StatusCode.Should().Be(HttpStatusCode.Created);
        countered.StatusCode.Should().Be(HttpStatusCode.OK);
        var after = await countered.Content.ReadFromJsonAsync<JsonObject>(Ct);
        (after!["counterOffer"]!.GetValue<string>(), after["counterAmount"]!.GetValue<long>()).Should().Be(("partial_refund", 500L));
        after["evidence"]!.AsArray().Should().ContainSingle();
        waiting!["items"]!.AsArray().Select(c => c!["id"]!.GetValue<Guid>()).Should().Equal(asked.Value.ConversationId);
        reply.StatusCode.Should().Be(HttpStatusCode.Created);
        thread!["messages"]!.AsArray().Select(m => m!["from"]!.GetValue<string>()).Should().Equal("buyer", "seller");
        var held = payouts!["totals"]![0]!;
        await using var db = Factory.CreateDbContext();
        after["status"]!.GetValue<string>().Should().Be("counter_offered");
        (await db.Disputes.SingleAsync(Ct)).Status.Should().Be(DisputeStatus.CounterOffered);
        (await db.Messages.SingleAsync(m => m.From == Actor.Seller, Ct)).Signals.Should().NotBeNullOrEmpty("the reply is scanned by the same detector as the page's");
        held["held"]!.GetValue<long>().Should().Be((await db.EscrowHolds.SingleAsync(Ct)).Payout.Amount);
    }

    [Fact]
    public async Task Errors_are_problem_details_never_the_sites_pages()
    {
        var (_, api) = await TokenAsync(days: 30, ApiScopes.ListingsRead, ApiScopes.ListingsWrite);

        var nowhere = await api.GetAsync("/api/v1/nothing-here", Ct);
        var badJson = await api.PostAsync("/api/v1/listings", new StringContent("{\"title\": ", System.Text.Encoding.UTF8, "application/json"), Ct);
        var badCursor = await api.GetAsync("/api/v1/listings?cursor=zz", Ct);
        var unknownToken = await Api("mp_nope").GetAsync("/api/v1/listings", Ct);
        var noToken = await Factory.CreateClient().GetAsync("/api/v1/orders", Ct);

        foreach (var answer in new[] { nowhere, badJson, badCursor, unknownToken, noToken })
        {
            answer.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }

        (nowhere.StatusCode, badJson.StatusCode, badCursor.StatusCode, unknownToken.StatusCode, noToken.StatusCode)
            .Should().Be((HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.UnprocessableEntity, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized));
        (await ProblemAsync(badCursor)).Code.Should().Be("paging.cursor");
        (await ProblemAsync(noToken)).Title.Should().Be("The access token is missing, unknown, revoked or expired.");
    }

    [Fact]
    public async Task Bad_bodies_are_answered_with_the_field_at_fault_never_a_500()
    {
        var (_, api) = await TokenAsync(days: 30, ApiScopes.ListingsRead, ApiScopes.ListingsWrite);
        var category = await Catalog.CategoryAsync("Kitchen");
        var created = await (await api.PostAsJsonAsync("/api/v1/listings", ListingBody(category.Id, "Bowl", price: 800, stock: 4), Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct);
        var id = created!["id"]!.GetValue<Guid>();
        var (_, _, orderId) = await PaidOrderAsync();
        var (_, shipper) = await TokenAsync(await SellerOfAsync(orderId), ApiScopes.OrdersWrite);

        var noCategory = await api.PostAsJsonAsync("/api/v1/listings", new { title = "A bowl", description = "d" }, Ct);
        var empty = await api.PostAsync("/api/v1/listings", new StringContent("null", System.Text.Encoding.UTF8, "application/json"), Ct);
        var klingon = await api.PostAsJsonAsync("/api/v1/listings", new { title = "A bowl", categoryId = category.Id, language = "klingon" }, Ct);
        var decimalPrice = await api.PostAsync("/api/v1/listings", new StringContent("{\"title\":\"A bowl\",\"variants\":[{\"sku\":\"B\",\"price\":12.99}]}", System.Text.Encoding.UTF8, "application/json"), Ct);
        var typo = await api.PutAsJsonAsync($"/api/v1/listings/{id}", new
        {
            title = "Bowl",
            categoryId = category.Id,
            variants = new[] { new { id = Guid.NewGuid(), sku = "BOWL", name = "Blue", price = 800, stock = 4 } },
            shipping = new[] { new { country = "*", method = "standard", carrier = "Post", price = 500, minDays = 3, maxDays = 9 } },
        }, Ct);
        var noSuchPhoto = await api.DeleteAsync($"/api/v1/listings/{id}/photos/{Guid.NewGuid()}", Ct);
        var longTracking = await shipper.PostAsJsonAsync($"/api/v1/orders/{orderId}/ship", new { carrier = "DHL", trackingNumber = new string('9', 61) }, Ct);
        var categories = await api.GetFromJsonAsync<JsonArray>("/api/v1/categories", Ct);

        (await FieldsAsync(noCategory)).Should().Equal("categoryId");
        (await FieldsAsync(empty)).Should().Contain(string.Empty);
        (await FieldsAsync(klingon)).Should().Contain("language");
        decimalPrice.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ProblemAsync(decimalPrice)).Title.Should().Contain("$.variants[0].price");
        (await FieldsAsync(typo)).Should().Equal("variants[0].id");
        noSuchPhoto.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ProblemAsync(noSuchPhoto)).Code.Should().Be("photo.not_found");
        (await ProblemAsync(longTracking)).Code.Should().Be("order.tracking_too_long");
        categories!.Select(c => c!["id"]!.GetValue<Guid>()).Should().Contain(category.Id);
        await using var db = Factory.CreateDbContext();
        (await db.ListingVariants.SingleAsync(v => v.ListingId == id, Ct)).Sku.Should().Be("SKU-Bowl", "the typo didn't replace the variant");
        (await db.Orders.SingleAsync(o => o.Id == orderId, Ct)).Status.Should().Be(OrderStatus.Paid);
    }

    private static async Task<IReadOnlyList<string>> FieldsAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!.AsObject().Select(e => e.Key).ToList();
    }

    private async Task<Seller> SellerOfAsync(Guid orderId)
    {
        await using var db = Factory.CreateDbContext();
        var sellerId = await db.Orders.Where(o => o.Id == orderId).Select(o => o.SellerId).SingleAsync(Ct);
        return await db.Sellers.SingleAsync(s => s.Id == sellerId, Ct);
    }

    [Fact]
    public async Task The_openapi_document_and_its_reference_page_are_served_by_the_app()
    {
        var client = Factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonObject>("/api/v1/openapi.json", Ct);
        var reference = await client.GetAsync("/api/docs/", Ct);

        var paths = document!["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.Should().Contain(["/api/v1/listings", "/api/v1/listings/{id}", "/api/v1/inventory", "/api/v1/orders/{id}/ship", "/api/v1/disputes/{id}/counter", "/api/v1/conversations/{id}/messages", "/api/v1/payouts"]);
        paths.Should().OnlyContain(p => p.StartsWith("/api/v1/"));
        document["components"]!["securitySchemes"]!["token"]!["scheme"]!.GetValue<string>().Should().Be("bearer");
        document["paths"]!["/api/v1/orders/{id}/ship"]!["post"]!["description"]!.GetValue<string>().Should().Contain("orders:write");
        document["paths"]!["/api/v1/orders/{id}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().Should().EndWith("/ApiOrder");
        document["paths"]!["/api/v1/orders/{id}"]!["get"]!["responses"]!.AsObject().Select(r => r.Key).Should().Contain(["401", "403", "404", "429"]);
        document["components"]!["schemas"]!["ApiListingInput"]!["properties"]!["variants"].Should().NotBeNull();
        document["paths"]!["/api/v1/orders/{id}/ship"]!["post"]!["operationId"]!.GetValue<string>().Should().Be("postOrdersByIdShip");
        document["paths"]!["/api/v1/listings"]!["post"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Should().Contain("Idempotency-Key");
        document["components"]!["schemas"]!.AsObject().Where(s => s.Key.Contains("ProblemDetails", StringComparison.Ordinal))
            .Should().NotBeEmpty().And.OnlyContain(s => s.Value!["properties"]!["code"] != null);
        reference.StatusCode.Should().Be(HttpStatusCode.OK);
        (await reference.Content.ReadAsStringAsync(Ct)).Should().Contain("scalar.js").And.NotContain("https://");
    }

    private static object ListingBody(Guid categoryId, string title, long price, int stock) => new
    {
        title,
        description = "Made by hand.",
        categoryId,
        handlingDays = 3,
        variants = new[] { new { sku = "SKU-" + title.Replace(' ', '-'), name = "Standard", price, stock } },
        shipping = new[] { new { country = "*", method = "standard", carrier = "Post", price = 500, minDays = 3, maxDays = 9 } },
    };

    private Task<HttpResponseMessage> SendWithKeyAsync(HttpClient api, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/listings") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return api.SendAsync(request, Ct);
    }

    private static MultipartFormDataContent Upload(string field, string name, byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, field, name } };
    }

    private sealed record Problem(string Title, string Code);

    private static async Task<Problem> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        return new Problem(body!["title"]!.GetValue<string>(), body["code"]!.GetValue<string>());
    }

    private HttpClient Api(string secret)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private async Task<(Seller Seller, HttpClient Api)> TokenAsync(int days, params string[] scopes)
    {
        var seller = await Catalog.SellerAsync("Shop " + Guid.NewGuid().ToString("N")[..6], "US");
        return await TokenAsync(seller, days, scopes);
    }

    private Task<(Seller Seller, HttpClient Api)> TokenAsync(Seller seller, params string[] scopes) => TokenAsync(seller, 30, scopes);

    private async Task<(Seller Seller, HttpClient Api)> TokenAsync(Seller seller, int days, string[] scopes)
    {
        var made = await Factory.RunAsync<ApiTokens, Result<NewApiToken>>(t => t.CreateAsync(seller, "Test token", scopes, days, Ct));
        return (seller, Api(made.Value!.Secret));
    }

    /// <summary>A paid order of 1 of 5 vases (4 left in stock), placed and paid through the pages.</summary>
    private async Task<(Seller Seller, Guid BuyerId, Guid OrderId)> PaidOrderAsync()
    {
        var seller = await Catalog.SellerAsync("Vase shop", "FR");
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Home"), "Vase", configure: l =>
        {
            l.AddVariant("VASE", "Standard", new Money(1000, "USD"), 5);
            l.AddShippingOption(null, ShippingMethod.Standard, "Post", new Money(500, "USD"), 3, 10);
        });
        var email = $"buyer-{Guid.NewGuid():N}@test.local";
        var buyer = await Factory.SignInAsAsync(email);
        await buyer.AddToCartAsync(listing);
        await buyer.BuyAsync();
        await using var db = Factory.CreateDbContext();
        var order = await db.Orders.SingleAsync(o => o.SellerId == seller.Id, Ct);
        return (seller, order.BuyerId, order.Id);
    }

    private async Task<Guid> ListingOfAsync(Seller seller)
    {
        await using var db = Factory.CreateDbContext();
        return await db.Listings.Where(l => l.SellerId == seller.Id).Select(l => l.Id).SingleAsync(Ct);
    }

    private async Task<Guid> VariantOfAsync(Guid listingId)
    {
        await using var db = Factory.CreateDbContext();
        return await db.ListingVariants.Where(v => v.ListingId == listingId).Select(v => v.Id).SingleAsync(Ct);
    }

    /// <summary>The seller ships, the buyer confirms receipt and opens a dispute asking for a full refund.</summary>
    private async Task<Dispute> ShippedAndDisputedAsync(Seller seller, Guid buyerId, Guid orderId)
    {
        (await Factory.RunAsync<Core.Orders.ShipOrder, Result<OrderStatus>>(s => s.ExecuteAsync(seller.Id, orderId, "Post", "RR1", Ct))).Succeeded.Should().BeTrue();
        (await Factory.RunAsync<Core.Orders.ConfirmReceipt, Result<OrderStatus>>(s => s.ExecuteAsync(buyerId, orderId, Ct))).Succeeded.Should().BeTrue();
        var opened = await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.OpenAsync(buyerId, orderId, new OpenDisputeInput(DisputeIssue.NotAsDescribed, DisputeRemedy.FullRefund, null, "The glaze is chipped."), Ct));
        opened.Succeeded.Should().BeTrue(opened.Error?.Message);
        return opened.Value!;
    }
}

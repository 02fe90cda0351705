using System.Net;
using System.Reflection;
using Marketplace.Core.Disputes;
using Marketplace.Core.Messaging;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Messaging;
using Marketplace.Testing;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.IntegrationTests;

/// <summary>
/// Role × route × owner, generated from the app's route table: every route that takes an id is tried with the ids of
/// one buyer's order, dispute, evidence, conversation and checkout and one seller's draft listing, by another buyer,
/// another seller and an anonymous visitor, with GET and with every POST handler of its page. None of them sees the
/// page or changes anything: 404, 403 / access denied, or the sign-in page, never 200 and never 500. A new route with
/// an id fails this test until it is added to <see cref="Samples"/>.
/// </summary>
[Trait("Suite", "Security")]
public sealed class OwnershipTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Nobody_but_the_owner_sees_or_changes_what_a_route_with_an_id_shows()
    {
        var world = await WorldAsync();
        var routes = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count > 0)
            .Where(e => e.RoutePattern.RawText != "{**path:file}") // MapStaticAssets' files from wwwroot outside a publish: nobody's
            .Where(e => !e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/", StringComparison.Ordinal)) // token-only: SellerApiTests.Another_sellers_…
            .Select(e => (Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'), Page: e.Metadata.GetMetadata<PageActionDescriptor>()))
            .GroupBy(e => e.Pattern)
            .Select(g => g.First())
            .ToList();
        var samples = Samples(world);

        routes.Select(r => r.Pattern).Where(p => !samples.ContainsKey(p)).Should().BeEmpty("every route with an id is covered (add new ones to Samples)");
        PostHandlers(routes.Single(r => r.Pattern == "/Orders/{id:guid}").Page).Should().Contain(["Confirm", "Cancel", "Extend", "Message"]);
        PostHandlers(routes.Single(r => r.Pattern == "/Seller/Disputes/{id:guid}").Page).Should().Contain(["Evidence", "Accept", "Counter", "Reject"]);

        var intruders = new (string Who, HttpClient Client)[]
        {
            ("another buyer", await Factory.SignInAsAsync($"intruder-{Guid.NewGuid():N}@test.local")),
            ("another seller", await Factory.SignInAsSellerAsync(await Catalog.SellerAsync("Intruder store", "DE"))),
            ("anonymous", Factory.CreateBrowserLikeClient()),
        };
        var before = await SnapshotAsync();
        var failures = new List<string>();
        var tried = 0;
        foreach (var (pattern, page) in routes)
        {
            if (samples[pattern] is not { } path)
            {
                continue;
            }

            foreach (var (who, client) in intruders)
            {
                var get = await client.GetAsync(path, Ct);
                tried++;
                if (!Refused(get))
                {
                    failures.Add($"GET {path} as {who}: {(int)get.StatusCode} at {get.RequestMessage!.RequestUri!.AbsolutePath}");
                }

                foreach (var handler in PostHandlers(page))
                {
                    var token = await AntiforgeryTokenAsync(client);
                    var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["body"] = "mine now", ["reason"] = "because", ["amount"] = "1", ["days"] = "5", ["outcome"] = "BuyerWins" };
                    tried++;
                    var post = await client.PostAsync(path + (handler.Length == 0 ? string.Empty : "?handler=" + handler), new FormUrlEncodedContent(form), Ct);
                    if (!Refused(post))
                    {
                        failures.Add($"POST {path} {handler} as {who}: {(int)post.StatusCode} at {post.RequestMessage!.RequestUri!.AbsolutePath}");
                    }
                }
            }
        }

        failures.Should().BeEmpty();
        tried.Should().BeGreaterThan(150, "every page's GET and POST handlers were tried by each intruder");
        (await SnapshotAsync()).Should().Be(before, "nothing an intruder posted changed anything");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("99999999999999999999")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("'; DROP TABLE \"Orders\"; --")]
    [InlineData("")]
    public async Task Junk_in_every_field_of_every_handler_is_never_a_server_error_even_for_the_owner(string junk)
    {
        var world = await WorldAsync();
        var routes = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count > 0 && e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => (Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'), Page: e.Metadata.GetMetadata<PageActionDescriptor>()))
            .GroupBy(e => e.Pattern)
            .Select(g => g.First())
            .ToList();
        var samples = Samples(world);
        var buyer = await Factory.SignInAsUserAsync(world.BuyerId);
        var seller = await Factory.SignInAsSellerAsync(world.Seller);
        var admin = await Factory.SignInAsAdminAsync();
        var errors = new List<string>();
        foreach (var (pattern, page) in routes)
        {
            if (samples.GetValueOrDefault(pattern) is not { } path)
            {
                continue;
            }

            var owner = pattern.StartsWith("/Seller", StringComparison.Ordinal) ? seller : pattern.StartsWith("/Admin", StringComparison.Ordinal) ? admin : buyer;
            foreach (var handler in PostHandlers(page))
            {
                var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(owner) };
                foreach (var field in JunkFields)
                {
                    form[field] = junk;
                }

                var post = await owner.PostAsync($"{path}?handler={handler}", new FormUrlEncodedContent(form), Ct);
                if ((int)post.StatusCode >= 500 || post.RequestMessage!.RequestUri!.AbsolutePath == "/Error")
                {
                    errors.Add($"POST {path} {handler}: {(int)post.StatusCode}");
                }
            }
        }

        errors.Should().BeEmpty();
    }

    /// <summary>The names the pages' forms use, each filled with the same junk.</summary>
    private static readonly string[] JunkFields =
    [
        "body", "reason", "amount", "days", "outcome", "offer", "message", "carrier", "trackingNumber", "description", "delivered", "action",
        "imageId", "remove", "counterNotice", "variantId", "quantity", "lineId", "Stars", "Text", "Issue", "Remedy", "Amount", "Description",
        "Form.Title", "Form.Description", "Form.CategoryId", "Form.HandlingDays", "Form.Variants[0].Price", "Form.Variants[0].Stock", "Form.Variants[0].Sku",
        "Form.Shipping[0].Country", "Form.Shipping[0].Price", "Form.Shipping[0].MinDays", "Form.Shipping[0].MaxDays", "note", "orderNumber", "roles",
    ];

    /// <summary>One sample path per route pattern (null: public on purpose, not an owner's).</summary>
    private static Dictionary<string, string?> Samples(World w) => new()
    {
        ["/Orders/{id:guid}"] = $"/Orders/{w.OrderId}",
        ["/Orders/{id:guid}/Dispute"] = $"/Orders/{w.OrderId}/Dispute",
        ["/Orders/{id:guid}/Review/{lineId:guid}"] = $"/Orders/{w.OrderId}/Review/{w.LineId}",
        ["/Disputes/{id:guid}"] = $"/Disputes/{w.DisputeId}",
        ["/Disputes/{id:guid}/Evidence/{evidenceId:guid}"] = $"/Disputes/{w.DisputeId}/Evidence/{w.EvidenceId}",
        ["/Messages/{id:guid}"] = $"/Messages/{w.ConversationId}",
        ["/Pay/{id:guid}"] = $"/Pay/{w.CheckoutId}",
        ["/Orders/Placed/{id:guid}"] = $"/Orders/Placed/{w.CheckoutId}",
        ["/Seller/Orders/{id:guid}"] = $"/Seller/Orders/{w.OrderId}",
        ["/Seller/Disputes/{id:guid}"] = $"/Seller/Disputes/{w.DisputeId}",
        ["/Seller/Listings/{id}"] = $"/Seller/Listings/{w.DraftListingId}",
        ["/Listing/{id:guid}"] = $"/Listing/{w.DraftListingId}",
        ["/Admin/Disputes/{id:guid}"] = $"/Admin/Disputes/{w.DisputeId}",
        ["/Admin/Users/{id:guid}"] = $"/Admin/Users/{w.BuyerId}",
        ["/Store/{slug}"] = null,
        ["/Category/{slug}"] = null,
        ["/Status/{code:int}"] = null,
        ["/media/{**key}"] = null,
    };

    /// <summary>Not the owner's page: 404, 403, or redirected to sign in or to access denied.</summary>
    private static bool Refused(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.OK && response.RequestMessage!.RequestUri!.AbsolutePath is "/Identity/Account/Login" or "/Identity/Account/AccessDenied");

    /// <summary>The page model's POST handlers by name ("" for OnPost itself).</summary>
    private static List<string> PostHandlers(PageActionDescriptor? page)
    {
        if (page is null)
        {
            return [];
        }

        var model = page is Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor compiled
            ? compiled.ModelTypeInfo?.AsType()
            : AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "Marketplace.Web").SelectMany(a => a.GetTypes())
                .FirstOrDefault(t => t.IsSubclassOf(typeof(PageModel)) && t.FullName == "Marketplace.Web" + page.ViewEnginePath.Replace('/', '.') + "Model");
        return model is null
            ? []
            : model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal))
                .Select(m => m.Name["OnPost".Length..].Replace("Async", string.Empty, StringComparison.Ordinal))
                .Distinct()
                .ToList();
    }

    private async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var page = await client.GetDocumentAsync("/Identity/Account/Logout");
        return page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await client.GetDocumentAsync("/Identity/Account/Login")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    private async Task<string> SnapshotAsync()
    {
        await using var db = Factory.CreateDbContext();
        var orders = string.Join(",", await db.Orders.OrderBy(o => o.Id).Select(o => o.Status.ToString()).ToListAsync(Ct));
        var disputes = string.Join(",", await db.Disputes.OrderBy(d => d.Id).Select(d => d.Status.ToString()).ToListAsync(Ct));
        var listings = string.Join(",", await db.Listings.OrderBy(l => l.Id).Select(l => l.Title + l.Status).ToListAsync(Ct));
        return $"orders {orders}; disputes {disputes}; listings {listings}; messages {await db.Messages.CountAsync(Ct)}; evidence {await db.DisputeEvidence.CountAsync(Ct)}; " +
            $"reviews {await db.Reviews.CountAsync(Ct)}; ledger {await db.LedgerTransactions.CountAsync(Ct)}; provider calls {await db.ProviderCommands.CountAsync(Ct)}; " +
            $"payments {string.Join(",", await db.CheckoutPayments.Select(p => p.Status.ToString()).ToListAsync(Ct))}; audit {await db.AdminActions.CountAsync(Ct)}; locked {await db.Users.CountAsync(u => u.LockoutEnd != null, Ct)}";
    }

    private sealed record World(Marketplace.Domain.Sellers.Seller Seller, Guid BuyerId, Guid OrderId, Guid LineId, Guid DisputeId, Guid EvidenceId, Guid ConversationId, Guid CheckoutId, Guid DraftListingId);

    private async Task<World> WorldAsync()
    {
        var (seller, buyerId, orderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync();
        var draft = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Toys"), "Unfinished kite", publish: false);
        var message = await Factory.RunAsync<SendMessage, Result<Message>>(s => s.ToOrderAsync(buyerId, orderId, "Where is my parcel?", Ct));
        var dispute = await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.OpenAsync(buyerId, orderId, new OpenDisputeInput(DisputeIssue.NotAsDescribed, DisputeRemedy.FullRefund, null, "Broken on arrival."), Ct));
        var png = TestImages.Png();
        var evidence = await Factory.RunAsync<DisputeEvidenceFiles, Result<DisputeEvidence>>(e => e.AddAsync(DisputeParty.Buyer(buyerId), dispute.Value!.Id, "broken.png", new MemoryStream(png), png.Length, Ct));
        await using var db = Factory.CreateDbContext();
        var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == orderId, Ct);
        return new World(seller, buyerId, orderId, order.Lines[0].Id, dispute.Value!.Id, evidence.Value!.Id, message.Value!.ConversationId, order.CheckoutId, draft.Id);
    }
}

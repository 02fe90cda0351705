using System.Net;
using Marketplace.Core.Escrow;
using Marketplace.Core.Identity;
using Marketplace.Core.Messaging;
using Marketplace.Core.Trust;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Messaging;
using Marketplace.Domain.Sellers;
using Marketplace.Domain.Trust;
using Marketplace.Testing;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Marketplace.IntegrationTests;

/// <summary>Moderation of flagged messages, suspensions and the admin audit log, on PostgreSQL through the real pages.</summary>
public sealed class TrustAndSafetyTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Trait("Suite", "Security")]
    [Fact]
    public async Task Every_admin_page_refuses_buyers_sellers_and_strangers()
    {
        var pages = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null && e.RoutePattern.RawText!.StartsWith("Admin", StringComparison.OrdinalIgnoreCase))
            .Select(e => "/" + e.RoutePattern.RawText!.Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal))
            .Distinct()
            .ToList();
        var buyer = await Factory.SignInAsAsync($"buyer-{Guid.NewGuid():N}@test.local");
        var seller = await Factory.SignInAsSellerAsync(await Catalog.SellerAsync("Not an admin", "FR"));
        var anonymous = Factory.CreateBrowserLikeClient(followRedirects: false);

        pages.Should().Contain(["/Admin/Moderation", "/Admin/Users", "/Admin/Audit", "/Admin/Disputes", "/Admin/Escrow"]);
        foreach (var page in pages)
        {
            (await buyer.GetAsync(page, Ct)).RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Identity/Account/AccessDenied", page);
            (await seller.GetAsync(page, Ct)).RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Identity/Account/AccessDenied", page);
            var redirect = await anonymous.GetAsync(page, Ct);
            (redirect.StatusCode, redirect.Headers.Location!.AbsolutePath).Should().Be((HttpStatusCode.Redirect, "/Identity/Account/Login"), page);
        }
    }

    [Fact]
    public async Task A_flagged_message_waits_in_the_queue_with_the_senders_record_and_one_admin_review_is_audited()
    {
        var (seller, buyerId, orderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync();
        var sellerUser = seller.UserId;
        await Factory.RunAsync<SendMessage, Result<Message>>(s => s.ToOrderAsync(sellerUser, orderId, "Pay me by bank transfer next time, 10% off.", Ct));
        await Factory.RunAsync<SendMessage, Result<Message>>(s => s.ToOrderAsync(sellerUser, orderId, "Or WhatsApp me: +44 7700 900123", Ct));
        await Factory.RunAsync<SendMessage, Result<Message>>(s => s.ToOrderAsync(buyerId, orderId, "Thanks, I'll pay at checkout.", Ct));
        var admin = await Factory.SignInAsAdminAsync();

        var queue = await admin.GetDocumentAsync("/Admin/Moderation");
        var confirmed = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Moderation", "#flagged-messages form", new Dictionary<string, string> { ["outcome"] = nameof(ModerationOutcome.Confirmed) }));
        Guid firstId;
        await using (var db = Factory.CreateDbContext())
        {
            firstId = await db.Messages.Where(m => m.Moderation != null).Select(m => m.Id).SingleAsync(Ct);
        }

        var again = await Factory.RunAsync<MessageModeration, Result<ModerationOutcome>>(m => m.ReviewAsync(Guid.NewGuid(), firstId, ModerationOutcome.Cleared, Ct));
        var audit = await admin.GetDocumentAsync("/Admin/Audit");

        queue.QuerySelectorAll(".flagged-message").Should().HaveCount(2, "the buyer's clean message is not flagged");
        queue.Text(".flagged-message .sender-record").Should().Be("2 flagged · 0 confirmed");
        queue.Text(".flagged-message").Should().Contain("asks for payment outside Marketplace");
        confirmed.Text("#moderation-message").Should().StartWith("Confirmed");
        confirmed.QuerySelectorAll(".flagged-message").Should().HaveCount(1);
        confirmed.Text(".flagged-message .sender-record").Should().Be("2 flagged · 1 confirmed");
        again.Error.Should().Be(MessageErrors.AlreadyModerated);
        audit.Text("#audit").Should().Contain(AdminActions.ModerateMessage).And.Contain("Confirmed: OffPlatformPayment");
    }

    [Fact]
    public async Task Two_admins_reviewing_the_same_message_at_once_record_one_review()
    {
        var (_, buyerId, orderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync();
        var sent = await Factory.RunAsync<SendMessage, Result<Message>>(s => s.ToOrderAsync(buyerId, orderId, "email me: ana at gmail dot com", Ct));

        var results = await Task.WhenAll(
            Task.Run(() => Factory.RunAsync<MessageModeration, Result<ModerationOutcome>>(m => m.ReviewAsync(Guid.NewGuid(), sent.Value!.Id, ModerationOutcome.Confirmed, Ct)), Ct),
            Task.Run(() => Factory.RunAsync<MessageModeration, Result<ModerationOutcome>>(m => m.ReviewAsync(Guid.NewGuid(), sent.Value!.Id, ModerationOutcome.Cleared, Ct)), Ct));

        results.Count(r => r.Succeeded).Should().Be(1);
        await using var db = Factory.CreateDbContext();
        (await db.AdminActions.CountAsync(a => a.Action == AdminActions.ModerateMessage, Ct)).Should().Be(1);
    }

    [Fact]
    public async Task A_suspended_seller_cannot_sign_in_their_listings_leave_the_shop_and_their_buyers_stay_protected_until_reinstated()
    {
        var (seller, _, orderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync();
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Home"), "Blue teapot");
        var email = await Factory.EmailOfAsync(seller);
        var sellerUser = seller.UserId;
        EscrowHold holdBefore;
        await using (var db = Factory.CreateDbContext())
        {
            holdBefore = await db.EscrowHolds.AsNoTracking().SingleAsync(h => h.OrderId == orderId, Ct);
        }

        var admin = await Factory.SignInAsAdminAsync();
        var found = await admin.GetDocumentAsync($"/Admin/Users?q={Uri.EscapeDataString(email[..10])}");
        var noReason = await Html.ParseAsync(await admin.SubmitFormAsync($"/Admin/Users/{sellerUser}", "#suspension-form", new Dictionary<string, string> { ["reason"] = "" }));
        var suspended = await Html.ParseAsync(await admin.SubmitFormAsync($"/Admin/Users/{sellerUser}", "#suspension-form", new Dictionary<string, string> { ["reason"] = "Repeatedly asked buyers to pay by bank transfer." }));
        var login = await Html.ParseAsync(await Factory.CreateBrowserLikeClient().LogInAsync(email));
        var wrongPassword = await Html.ParseAsync(await Factory.CreateBrowserLikeClient().LogInAsync(email, "Wrong-Pass-999"));
        var listingPage = await Factory.CreateBrowserLikeClient().GetAsync($"/Listing/{listing.Id}", Ct);
        var search = await Factory.CreateBrowserLikeClient().GetDocumentAsync("/Search?q=teapot");
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        var released = await Factory.RunAsync<ReleaseDueHolds, int>(r => r.ExecuteAsync(Ct));
        var reinstated = await Html.ParseAsync(await admin.SubmitFormAsync($"/Admin/Users/{sellerUser}", "#suspension-form", new Dictionary<string, string> { ["reason"] = "Appeal accepted." }));
        var loginAfter = await Factory.CreateBrowserLikeClient().LogInAsync(email);
        var searchAfter = await Factory.CreateBrowserLikeClient().GetDocumentAsync("/Search?q=teapot");

        found.Texts(".user-row a").Should().ContainSingle();
        noReason.Text("#user-message").Should().Be(TrustErrors.ReasonRequired.Message);
        suspended.Text("#user-status").Should().Be("Suspended");
        suspended.Text("#user-history").Should().Contain(AdminActions.SuspendUser).And.Contain("bank transfer");
        login.Text(".validation-summary-errors").Should().Contain("This account is suspended");
        wrongPassword.Text(".validation-summary-errors").Should().NotContain("suspended", "only someone with the password learns the account is suspended");
        listingPage.StatusCode.Should().Be(HttpStatusCode.NotFound);
        search.QuerySelectorAll(".listing-card").Should().BeEmpty();
        released.Should().Be(0, "a suspension never releases a hold early");
        reinstated.Text("#user-status").Should().Be("Active");
        loginAfter.RequestMessage!.RequestUri!.AbsolutePath.Should().NotContain("Login");
        searchAfter.QuerySelectorAll(".listing-card").Should().ContainSingle();
        await using var after = Factory.CreateDbContext();
        var hold = await after.EscrowHolds.SingleAsync(h => h.OrderId == orderId, Ct);
        (hold.Status, hold.ProtectionEndsAt).Should().Be((HoldStatus.Held, holdBefore.ProtectionEndsAt), "the buyer's protection and the release date are untouched");
        (await after.Sellers.SingleAsync(s => s.Id == seller.Id, Ct)).Status.Should().Be(SellerStatus.Active);
        (await after.AdminActions.Select(a => a.Action).ToListAsync(Ct)).Should().BeEquivalentTo([AdminActions.SuspendUser, AdminActions.ReinstateUser]);
        (await after.Notifications.CountAsync(n => n.UserId == sellerUser && n.Title == "Your account is suspended", Ct)).Should().Be(1);
    }

    [Fact]
    public async Task A_suspension_ends_an_open_session_once_its_minute_old_cookie_is_checked_again()
    {
        // The sign-in cookie and the stamp check run on real time (not the business clock): a clock of their own, whole seconds
        // as the cookie stores its issue time.
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var sessionClock = new FakeTimeProvider(now);
        await using var app = new MarketplaceAppFactory(await TestDatabase.CreateMigratedAsync(), services: services =>
        {
            services.ConfigureAll<CookieAuthenticationOptions>(options => options.TimeProvider = sessionClock);
            services.Configure<SecurityStampValidatorOptions>(options => options.TimeProvider = sessionClock);
        });
        var admin = await app.CreateUserAsync($"admin-{Guid.NewGuid():N}@test.local", true, Roles.Admin);
        var email = $"suspended-{Guid.NewGuid():N}@test.local";
        var session = await app.SignInAsAsync(email);
        var user = await app.Services.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        async Task<string> OrdersAsync() => (await session.GetAsync("/Orders", Ct)).RequestMessage!.RequestUri!.AbsolutePath;

        // A copy of the session's cookie, sent from another browser: the app remembers a cookie it has read, and the copy
        // sent again after the suspension must be checked like the original.
        var copy = await app.SignInCookieAsync(user!, sessionClock.GetUtcNow());
        Task<HttpStatusCode> OrdersWithCopyAsync() => app.StatusWithSignInCookieAsync("/Orders", copy);

        var copyBefore = await OrdersWithCopyAsync();
        var suspended = await app.RunAsync<Suspensions, Result<AppUser>>(s => s.SuspendAsync(admin.Id, user!.Id, "Asked buyers to pay outside the site.", Ct));
        sessionClock.Advance(TimeSpan.FromSeconds(59));
        var at59 = await OrdersAsync();
        sessionClock.Advance(TimeSpan.FromSeconds(1));
        var at60 = await OrdersAsync();
        sessionClock.Advance(TimeSpan.FromSeconds(1));
        var at61 = await OrdersAsync();
        var afterwards = await OrdersAsync();
        var copyAfter = await OrdersWithCopyAsync();
        var copyAgain = await OrdersWithCopyAsync();

        suspended.Error.Should().BeNull();
        copyBefore.Should().Be(HttpStatusCode.OK);
        (at59, at60).Should().Be(("/Orders", "/Orders"), "the stamp is checked once the cookie is more than a minute old");
        at61.Should().Be("/Identity/Account/Login", "a minute after sign-in the check finds the new stamp and ends the session");
        afterwards.Should().Be("/Identity/Account/Login");
        (copyAfter, copyAgain).Should().Be((HttpStatusCode.Redirect, HttpStatusCode.Redirect), "a copy of the cookie is refused too, every time");
    }

    [Fact]
    public void A_remembered_sign_in_ticket_is_handed_out_as_a_copy_each_time()
    {
        using var remembered = new RememberedTickets();
        var format = remembered.Around(Factory.SignInCookieOptions().TicketDataFormat);
        var issued = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
        var cookie = format.Protect(new AuthenticationTicket(
            new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", "buyer-1")], "test")),
            new AuthenticationProperties { IssuedUtc = issued },
            IdentityConstants.ApplicationScheme));

        var first = format.Unprotect(cookie)!;
        first.Properties.IssuedUtc = issued.AddDays(1);
        ((System.Security.Claims.ClaimsIdentity)first.Principal.Identity!).AddClaim(new System.Security.Claims.Claim("added", "by one request"));
        var second = format.Unprotect(cookie)!;
        second.Properties.IssuedUtc = issued.AddDays(2);
        var third = format.Unprotect(cookie)!;

        third.Should().NotBeSameAs(second).And.NotBeSameAs(first);
        third.Properties.IssuedUtc.Should().Be(issued, "what one request changes on its ticket never reaches the next");
        third.Principal.FindFirst("added").Should().BeNull();
        third.Principal.FindFirst("sub")!.Value.Should().Be("buyer-1");
    }

    [Fact]
    public async Task An_admin_cannot_suspend_themselves()
    {
        var adminUser = await Factory.CreateUserAsync($"admin-{Guid.NewGuid():N}@test.local", true, Roles.Admin);

        var result = await Factory.RunAsync<Suspensions, Result<AppUser>>(s => s.SuspendAsync(adminUser.Id, adminUser.Id, "oops", Ct));

        result.Error.Should().Be(TrustErrors.NotYourself);
    }

}

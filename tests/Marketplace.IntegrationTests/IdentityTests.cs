using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

public sealed partial class IdentityTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_account_must_confirm_its_email_before_it_can_log_in()
    {
        var client = Factory.CreateBrowserLikeClient();
        const string email = "newbuyer@test.local";

        var registered = await client.SubmitFormAsync("/Identity/Account/Register", "form#registerForm", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = MarketplaceAppFactoryExtensions.Password,
            ["Input.ConfirmPassword"] = MarketplaceAppFactoryExtensions.Password,
        });
        registered.StatusCode.Should().Be(HttpStatusCode.OK);

        var tooEarly = await Html.ParseAsync(await client.LogInAsync(email));
        tooEarly.Text("form#account .text-danger").Should().Contain("Invalid login attempt");

        await using var db = Factory.CreateDbContext();
        var mail = await db.EmailMessages.SingleAsync(m => m.To == email, Ct);
        mail.Subject.Should().Be("Confirm your email");
        var link = WebUtility.HtmlDecode(ConfirmLink().Match(mail.HtmlBody).Groups[1].Value);
        var confirmed = await client.GetDocumentAsync(new Uri(link).PathAndQuery);
        confirmed.Body!.TextContent.Should().Contain("Thank you for confirming your email");

        var loggedIn = await client.LogInAsync(email);
        var home = await Html.ParseAsync(loggedIn);
        loggedIn.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/");
        home.Text("#main-nav").Should().Contain("newbuyer").And.Contain("Log out");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await Factory.CreateUserAsync("locked@test.local");
        var client = Factory.CreateBrowserLikeClient();
        for (var i = 0; i < 5; i++)
        {
            await client.LogInAsync("locked@test.local", "Wrong-Pass-999");
        }

        var response = await client.LogInAsync("locked@test.local");

        response.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Identity/Account/Lockout");
        await using var db = Factory.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Email == "locked@test.local", Ct);
        user.LockoutEnd.Should().BeAfter(Factory.Clock.GetUtcNow());
    }

    [Fact]
    public async Task The_identity_pages_use_the_sites_own_layout()
    {
        var page = await Factory.CreateClient().GetDocumentAsync("/Identity/Account/Login");

        page.Title.Should().Be("Log in · Marketplace");
        page.QuerySelector("nav.navbar .navbar-brand")!.TextContent.Should().Be("Marketplace");
        page.QuerySelector("form.country-picker").Should().NotBeNull();
    }

    [GeneratedRegex("href=['\"]([^'\"]+)['\"]")]
    private static partial Regex ConfirmLink();
}

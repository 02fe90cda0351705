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
            ["Input.Name"] = "New Buyer",
            ["Input.Email"] = email,
            ["Input.Country"] = "FR",
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
        home.Text("#main-nav").Should().Contain("New Buyer").And.Contain("Log out");
        (await db.Users.SingleAsync(u => u.Email == email, Ct)).CountryCode.Should().Be("FR");
    }

    [Fact]
    public async Task Registration_with_bad_input_shows_the_problems_on_the_form_and_creates_nobody()
    {
        var client = Factory.CreateBrowserLikeClient();

        var response = await client.SubmitFormAsync("/Identity/Account/Register", "form#registerForm", new Dictionary<string, string>
        {
            ["Input.Name"] = "",
            ["Input.Email"] = "not-an-email",
            ["Input.Country"] = "ZZ",
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "other",
        });
        var page = await Html.ParseAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Text("[data-valmsg-for='Input.Name']").Should().Be("Tell us your name.");
        page.Text("[data-valmsg-for='Input.Email']").Should().Contain("Enter a valid e-mail address.");
        page.Text("[data-valmsg-for='Input.Country']").Should().Be("Choose your country from the list.");
        page.Text("[data-valmsg-for='Input.ConfirmPassword']").Should().Be("The passwords don't match.");
        page.QuerySelector("#Input_Email")!.GetAttribute("value").Should().Be("not-an-email", "nothing typed is lost");
        await using var db = Factory.CreateDbContext();
        (await db.Users.CountAsync(Ct)).Should().Be(0);
    }

    [Fact]
    public async Task Twenty_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await Factory.CreateUserAsync("locked@test.local");
        var client = Factory.CreateBrowserLikeClient();
        for (var i = 0; i < 20; i++)
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

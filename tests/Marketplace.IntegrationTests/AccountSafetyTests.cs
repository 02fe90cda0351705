using System.Net;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>Account flows as an attacker would try them: forged Host headers, account enumeration, the dev mailbox.</summary>
[Trait("Suite", "Security")]
public sealed class AccountSafetyTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reset_link_goes_to_the_public_url_whatever_host_the_request_names()
    {
        await Factory.CreateUserAsync("victim@test.local", confirmed: true);
        var client = Factory.CreateBrowserLikeClient();
        var page = await client.GetDocumentAsync("/Identity/Account/ForgotPassword");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/Identity/Account/ForgotPassword")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Email", "victim@test.local")]),
        };
        forged.Headers.Host = "evil.example";

        var response = await client.SendAsync(forged, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await using var db = Factory.CreateDbContext();
        var mail = await db.EmailMessages.SingleAsync(m => m.To == "victim@test.local", Ct);
        mail.Subject.Should().Be("Reset your password");
        mail.HtmlBody.Should().Contain("href='http://localhost:5080/Identity/Account/ResetPassword?code=").And.NotContain("evil.example");
    }

    [Fact]
    public async Task Register_forgot_password_and_resend_answer_the_same_for_known_and_unknown_addresses()
    {
        await Factory.CreateUserAsync("taken@test.local", confirmed: true);

        var known = await RegisterAsync("taken@test.local");
        var unknown = await RegisterAsync("fresh@test.local");
        var forgotKnown = await Html.ParseAsync(await Factory.CreateBrowserLikeClient().SubmitFormAsync("/Identity/Account/ForgotPassword", "#forgot-form", new Dictionary<string, string> { ["Email"] = "taken@test.local" }));
        var forgotUnknown = await Html.ParseAsync(await Factory.CreateBrowserLikeClient().SubmitFormAsync("/Identity/Account/ForgotPassword", "#forgot-form", new Dictionary<string, string> { ["Email"] = "nobody@test.local" }));
        var resendKnown = await Html.ParseAsync(await Factory.CreateBrowserLikeClient().SubmitFormAsync("/Identity/Account/ResendEmailConfirmation", "#resend-form", new Dictionary<string, string> { ["Email"] = "fresh@test.local" }));
        var resendUnknown = await Html.ParseAsync(await Factory.CreateBrowserLikeClient().SubmitFormAsync("/Identity/Account/ResendEmailConfirmation", "#resend-form", new Dictionary<string, string> { ["Email"] = "nobody@test.local" }));
        var confirmationOfNobody = await Factory.CreateClient().GetAsync("/Identity/Account/RegisterConfirmation?email=nobody@test.local", Ct);

        (known.Path, unknown.Path).Should().Be(("/Identity/Account/RegisterConfirmation", "/Identity/Account/RegisterConfirmation"));
        known.Text.Should().Be(unknown.Text.Replace("fresh@test.local", "taken@test.local", StringComparison.Ordinal));
        forgotKnown.Text("#forgot-sent").Should().Be(forgotUnknown.Text("#forgot-sent").Replace("nobody@test.local", "taken@test.local", StringComparison.Ordinal));
        resendKnown.Text("#resend-sent").Should().Be(resendUnknown.Text("#resend-sent").Replace("nobody@test.local", "fresh@test.local", StringComparison.Ordinal));
        confirmationOfNobody.StatusCode.Should().Be(HttpStatusCode.OK);
        await using var db = Factory.CreateDbContext();
        (await db.EmailMessages.Where(m => m.To == "taken@test.local").Select(m => m.Subject).ToListAsync(Ct))
            .Should().BeEquivalentTo(["You already have a Marketplace account", "Reset your password"]);
        (await db.EmailMessages.Where(m => m.To == "fresh@test.local").Select(m => m.Subject).ToListAsync(Ct))
            .Should().BeEquivalentTo(["Confirm your email", "Confirm your email"]);
        (await db.EmailMessages.CountAsync(m => m.To == "nobody@test.local", Ct)).Should().Be(0);
        (await db.Users.CountAsync(u => u.Email == "taken@test.local", Ct)).Should().Be(1);
    }

    [Fact]
    public async Task The_dev_mailbox_is_for_admins_or_this_machine_not_for_a_request_that_came_through_a_proxy()
    {
        await using var development = new MarketplaceAppFactory(await TestDatabase.CreateMigratedAsync(), environment: "Development");
        var anonymous = development.CreateClient();
        using var proxied = new HttpRequestMessage(HttpMethod.Get, "/Dev/Mailbox");
        proxied.Headers.Add("X-Forwarded-For", "203.0.113.9");

        var fromProxy = await anonymous.SendAsync(proxied, Ct);
        var local = await anonymous.GetAsync("/Dev/Mailbox", Ct);

        fromProxy.StatusCode.Should().Be(HttpStatusCode.NotFound);
        local.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task<(string Path, string Text)> RegisterAsync(string email)
    {
        var response = await Factory.CreateBrowserLikeClient().SubmitFormAsync("/Identity/Account/Register", "#registerForm", new Dictionary<string, string>
        {
            ["Input.Name"] = "Pat",
            ["Input.Email"] = email,
            ["Input.Country"] = "FR",
            ["Input.Password"] = MarketplaceAppFactoryExtensions.Password,
            ["Input.ConfirmPassword"] = MarketplaceAppFactoryExtensions.Password,
        });
        return (response.RequestMessage!.RequestUri!.AbsolutePath, (await Html.ParseAsync(response)).Text("main"));
    }
}

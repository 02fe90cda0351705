using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
        confirmed.Text("#email-confirmed").Should().Be("Thank you: your e-mail address is confirmed.");

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

    [Fact]
    public async Task Two_factor_sign_in_asks_for_the_apps_code_on_every_new_browser_and_a_recovery_code_works_once()
    {
        var user = await Factory.CreateUserAsync("tfa@test.local");
        var laptop = await Factory.SignInAsUserAsync(user.Id);
        (await laptop.GetDocumentAsync("/Identity/Account/Manage/TwoFactorAuthentication")).Text("#two-factor-state").Should().StartWith("Turned off");
        var setup = await laptop.GetDocumentAsync("/Identity/Account/Manage/EnableAuthenticator");
        var key = setup.Text("#shared-key").Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        setup.QuerySelector("#qr-code")!.GetAttribute("src").Should().StartWith("data:image/png;base64,");

        var wrong = await Html.ParseAsync(await laptop.SubmitFormAsync("/Identity/Account/Manage/EnableAuthenticator", "#verify-form", new Dictionary<string, string> { ["Code"] = WrongCode(key) }));
        wrong.Text("#verify-form .text-danger").Should().StartWith("That code isn't right.");
        var on = await Html.ParseAsync(await laptop.SubmitFormAsync("/Identity/Account/Manage/EnableAuthenticator", "#verify-form", new Dictionary<string, string> { ["Code"] = Totp(key) }));
        on.Text("#two-factor-done").Should().StartWith("Two-factor authentication is on.");
        var codes = on.QuerySelectorAll(".recovery-code").Select(c => c.TextContent.Trim()).ToList();
        codes.Should().HaveCount(10).And.OnlyHaveUniqueItems();
        var later = await laptop.GetDocumentAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        later.QuerySelectorAll(".recovery-code").Should().BeEmpty("recovery codes are shown once");
        later.Text("#codes-left").Should().Be("Recovery codes left: 10.");

        var phone = Factory.CreateBrowserLikeClient();
        var asked = await phone.LogInAsync("tfa@test.local");
        asked.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Identity/Account/LoginWith2fa", "the password alone no longer signs in");
        (await phone.GetAsync("/Orders", Ct)).RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Identity/Account/Login");
        var second = asked.RequestMessage.RequestUri.PathAndQuery;
        var refused = await Html.ParseAsync(await phone.SubmitFormAsync(second, "#two-factor-form", new Dictionary<string, string> { ["Code"] = WrongCode(key) }));
        refused.Text("#two-factor-form .text-danger").Should().StartWith("That code isn't right.");
        (await phone.SubmitFormAsync(second, "#two-factor-form", new Dictionary<string, string> { ["Code"] = Totp(key) })).RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/");
        (await phone.GetAsync("/Orders", Ct)).RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Orders");

        var tablet = Factory.CreateBrowserLikeClient();
        await tablet.LogInAsync("tfa@test.local");
        var recovery = await tablet.SubmitFormAsync("/Identity/Account/LoginWithRecoveryCode?returnUrl=%2FOrders", "#recovery-code-form", new Dictionary<string, string> { ["Code"] = codes[0] });
        recovery.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Orders");
        var kiosk = Factory.CreateBrowserLikeClient();
        await kiosk.LogInAsync("tfa@test.local");
        var reused = await Html.ParseAsync(await kiosk.SubmitFormAsync("/Identity/Account/LoginWithRecoveryCode", "#recovery-code-form", new Dictionary<string, string> { ["Code"] = codes[0] }));
        reused.Text("#recovery-code-form .text-danger").Should().Be("That recovery code isn't right, or it has been used already.");

        var off = await Html.ParseAsync(await laptop.SubmitFormAsync("/Identity/Account/Manage/TwoFactorAuthentication", "form[action*='handler=Disable']", new Dictionary<string, string>()));
        off.Text("#two-factor-state").Should().StartWith("Turned off");
        (await Factory.CreateBrowserLikeClient().LogInAsync("tfa@test.local")).RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/", "with two-factor off the password is enough again");
    }

    [Fact]
    public async Task A_password_reset_link_sets_a_new_password_once()
    {
        await Factory.CreateUserAsync("forgetful@test.local");
        var client = Factory.CreateBrowserLikeClient();
        await client.SubmitFormAsync("/Identity/Account/ForgotPassword", "#forgot-form", new Dictionary<string, string> { ["Email"] = "forgetful@test.local" });
        string link;
        await using (var db = Factory.CreateDbContext())
        {
            var mail = await db.EmailMessages.SingleAsync(m => m.To == "forgetful@test.local", Ct);
            link = new Uri(WebUtility.HtmlDecode(ConfirmLink().Match(mail.HtmlBody).Groups[1].Value)).PathAndQuery;
        }

        var fields = new Dictionary<string, string> { ["Input.Email"] = "forgetful@test.local", ["Input.Password"] = "New-Pass-456", ["Input.ConfirmPassword"] = "New-Pass-456" };
        var mismatch = await Html.ParseAsync(await client.SubmitFormAsync(link, "#reset-form", new Dictionary<string, string>(fields) { ["Input.ConfirmPassword"] = "New-Pass-457" }));
        mismatch.Text("#reset-form").Should().Contain("The passwords don't match.");
        var reset = await Html.ParseAsync(await client.SubmitFormAsync(link, "#reset-form", fields));
        reset.Text("#password-reset").Should().Be("Your password is changed. Log in with the new one.");

        var again = await Html.ParseAsync(await client.SubmitFormAsync(link, "#reset-form", new Dictionary<string, string>(fields) { ["Input.Password"] = "Other-Pass-789", ["Input.ConfirmPassword"] = "Other-Pass-789" }));
        again.Text("#reset-form .alert-danger").Should().Be("This link has expired or was already used. Ask for a new one.");
        (await Factory.CreateBrowserLikeClient().LogInAsync("forgetful@test.local", "New-Pass-456")).RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/");
        var stranger = await Html.ParseAsync(await client.SubmitFormAsync(link, "#reset-form", new Dictionary<string, string>(fields) { ["Input.Email"] = "nobody@test.local" }));
        stranger.Text("#reset-form .alert-danger").Should().Be(again.Text("#reset-form .alert-danger"), "an address without an account is answered like a used link: the page doesn't tell who has an account");
    }

    [Fact]
    public async Task An_email_change_moves_the_sign_in_once_confirmed_and_a_forged_link_says_nothing_about_who_owns_an_address()
    {
        var mover = await Factory.CreateUserAsync("mover@test.local");
        await Factory.CreateUserAsync("owner@test.local");
        var client = await Factory.SignInAsUserAsync(mover.Id);
        await client.SubmitFormAsync("/Identity/Account/Manage/Email", "#change-email-form", new Dictionary<string, string> { ["NewEmail"] = "moved@test.local" });
        string link;
        await using (var db = Factory.CreateDbContext())
        {
            var mail = await db.EmailMessages.SingleAsync(m => m.To == "moved@test.local", Ct);
            link = new Uri(WebUtility.HtmlDecode(ConfirmLink().Match(mail.HtmlBody).Groups[1].Value)).PathAndQuery;
            (await db.Users.SingleAsync(u => u.Id == mover.Id, Ct)).Email.Should().Be("mover@test.local", "nothing changes until the new address confirms");
        }

        var stranger = Factory.CreateBrowserLikeClient();
        var taken = await stranger.GetDocumentAsync($"/Identity/Account/ConfirmEmailChange?userId={mover.Id}&email=owner%40test.local&code=QUFB");
        var free = await stranger.GetDocumentAsync($"/Identity/Account/ConfirmEmailChange?userId={mover.Id}&email=nobody%40test.local&code=QUFB");
        taken.Text("#email-not-changed").Should().Be(free.Text("#email-not-changed"), "a forged link is refused before the address is looked up");

        (await stranger.GetDocumentAsync(link)).Text("#email-changed").Should().Be("Your account now uses moved@test.local. Sign in with this address from now on.");
        (await Factory.CreateBrowserLikeClient().LogInAsync("moved@test.local")).RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/");
        (await Factory.CreateBrowserLikeClient().LogInAsync("mover@test.local")).RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Identity/Account/Login", "the old address no longer signs in");
    }

    [Theory]
    [InlineData("/Identity/Account/Manage/SetPassword")]
    [InlineData("/Identity/Account/Manage/ExternalLogins")]
    [InlineData("/Identity/Account/Manage/Disable2fa")]
    [InlineData("/Identity/Account/Manage/GenerateRecoveryCodes")]
    [InlineData("/Identity/Account/Manage/ResetAuthenticator")]
    [InlineData("/Identity/Account/Manage/ShowRecoveryCodes")]
    [InlineData("/Identity/Account/ExternalLogin")]
    [InlineData("/Identity/Account/ForgotPasswordConfirmation")]
    [InlineData("/Identity/Account/ResetPasswordConfirmation")]
    [InlineData("/Identity/Error")]
    public async Task Identity_UIs_own_English_pages_are_not_served(string path)
    {
        var client = await Factory.SignInAsAsync($"curious-{Guid.NewGuid():N}@test.local");

        (await client.GetAsync(path, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_account_page_served_is_the_apps_own()
    {
        var sources = Factory.Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>();
        var identityPages = sources.SelectMany(s => s.Endpoints).OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => (Route: "/" + e.RoutePattern.RawText, Page: e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>()))
            .Where(p => p.Page?.AreaName == "Identity")
            .Select(p => (p.Route, Name: p.Page!.ViewEnginePath.Split('/').Last())).Distinct().ToList();
        var ours = typeof(Marketplace.Web.SharedResource).Assembly.GetTypes().Where(t => t.Namespace?.StartsWith("Marketplace.Web.Areas.Identity.Pages", StringComparison.Ordinal) == true)
            .Select(t => t.Name).ToHashSet();
        var client = await Factory.SignInAsAsync("everypage@test.local");

        identityPages.Should().HaveCountGreaterThan(20);
        foreach (var (route, _) in identityPages.Where(p => !ours.Contains(p.Name + "Model")))
        {
            var response = await client.GetAsync(route, Ct);
            response.StatusCode.Should().BeOneOf([HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed], $"{route} is Identity UI's English page");
        }
    }

    [Fact]
    public async Task An_account_without_a_language_takes_the_browsers_at_sign_in_and_a_chosen_one_stays()
    {
        var unset = await Factory.CreateUserAsync("yui@test.local");
        var chosen = await Factory.CreateUserAsync("lukas@test.local");
        await using (var db = Factory.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == chosen.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, "de"), Ct);
        }

        foreach (var email in new[] { "yui@test.local", "lukas@test.local" })
        {
            var client = Factory.CreateBrowserLikeClient();
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja");
            await client.LogInAsync(email);
        }

        await using var after = Factory.CreateDbContext();
        (await after.Users.SingleAsync(u => u.Id == unset.Id, Ct)).Language.Should().Be("ja", "notices and e-mails then reach Yui in Japanese");
        (await after.Users.SingleAsync(u => u.Id == chosen.Id, Ct)).Language.Should().Be("de", "a language the person chose is theirs");
    }

    /// <summary>The authenticator app's code now (RFC 6238: HMAC-SHA1 over 30-second steps, 6 digits) for a base32 key.</summary>
    private static string Totp(string base32Key)
    {
        var bits = base32Key.TrimEnd('=').Select(c => "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".IndexOf(c, StringComparison.Ordinal)).SelectMany(v => Enumerable.Range(0, 5).Select(i => (v >> (4 - i)) & 1)).ToList();
        var key = Enumerable.Range(0, bits.Count / 8).Select(b => (byte)bits.Skip(b * 8).Take(8).Aggregate(0, (acc, bit) => (acc << 1) | bit)).ToArray();
        var step = BitConverter.GetBytes(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(step);
        }

#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1
        var hash = System.Security.Cryptography.HMACSHA1.HashData(key, step);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var number = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (number % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string WrongCode(string base32Key) =>
        ((int.Parse(Totp(base32Key), System.Globalization.CultureInfo.InvariantCulture) + 500_000) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("href=['\"]([^'\"]+)['\"]")]
    private static partial Regex ConfirmLink();
}

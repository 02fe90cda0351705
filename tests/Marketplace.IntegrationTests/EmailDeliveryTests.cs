using Marketplace.Core.Email;
using Marketplace.Testing;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.IntegrationTests;

/// <summary>The app on PostgreSQL sending through a real SMTP server on this machine (with a user name and password).</summary>
public sealed class SmtpApp : IAsyncLifetime
{
    public TestSmtpServer Smtp { get; } = new();

    public MarketplaceAppFactory Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Factory = new MarketplaceAppFactory(await TestDatabase.CreateMigratedAsync(), settings: Smtp.Settings);
        _ = Factory.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>E-mail delivery as an operator relies on it: sent once, retried with backoff through an outage, parked, sent again by an admin.</summary>
[Trait("Suite", "Security")]
public sealed class EmailDeliveryTests(SmtpApp app) : IClassFixture<SmtpApp>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private MarketplaceAppFactory Factory => app.Factory;

    public async ValueTask InitializeAsync()
    {
        await Factory.Database!.ResetAsync();
        app.Smtp.Start();
    }

    public async ValueTask DisposeAsync() => await app.Smtp.StopAsync();

    [Fact]
    public async Task A_confirmation_mail_reaches_the_smtp_server_once_with_its_link_in_html_and_text()
    {
        var before = app.Smtp.Received.Count;
        await Factory.CreateBrowserLikeClient().SubmitFormAsync("/Identity/Account/Register", "#registerForm", new Dictionary<string, string>
        {
            ["Input.Name"] = "Pat",
            ["Input.Email"] = "pat@mail.test",
            ["Input.Country"] = "FR",
            ["Input.Password"] = "Pat-Pass-123",
            ["Input.ConfirmPassword"] = "Pat-Pass-123",
        });

        var sent = await SendAsync();
        var again = await SendAsync();

        (sent, again).Should().Be((1, 0));
        var mail = app.Smtp.Received.Skip(before).Should().ContainSingle().Subject;
        mail.To.Mailboxes.Single().Address.Should().Be("pat@mail.test");
        mail.From.Mailboxes.Single().Address.Should().Be("no-reply@shop.test");
        mail.Subject.Should().Be("Confirm your email");
        mail.HtmlBody.Should().Contain("http://localhost:5080/Identity/Account/ConfirmEmail?");
        mail.TextBody.Should().Contain("http://localhost:5080/Identity/Account/ConfirmEmail?").And.NotContain("<a");
        await using var db = Factory.CreateDbContext();
        (await db.EmailMessages.SingleAsync(Ct)).SentAt.Should().Be(Factory.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Through_an_outage_a_mail_is_retried_after_30_seconds_then_longer_parked_after_eight_tries_and_sent_again_by_an_admin()
    {
        await app.Smtp.StopAsync();
        var written = Factory.Clock.GetUtcNow();
        await QueueAsync("late@mail.test", "Your order shipped");

        (await SendAsync()).Should().Be(0);
        var first = await MessageAsync();
        Factory.Clock.Advance(TimeSpan.FromSeconds(29));
        await SendAsync();
        var justBefore = await MessageAsync();
        Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await SendAsync();
        var at = await MessageAsync();

        (first.Attempts, first.NextAttemptAt).Should().Be((1, written + TimeSpan.FromSeconds(30)));
        first.LastError.Should().StartWith("Could not reach the SMTP server");
        justBefore.Attempts.Should().Be(1, "29 seconds is before the backoff ends");
        (at.Attempts, at.NextAttemptAt).Should().Be((2, Factory.Clock.GetUtcNow() + TimeSpan.FromMinutes(1)));

        for (var attempt = 3; attempt <= EmailMessage.MaxAttempts; attempt++)
        {
            Factory.Clock.Advance(TimeSpan.FromHours(1));
            await SendAsync();
        }

        var parked = await MessageAsync();
        (parked.Attempts, parked.ParkedAt).Should().Be((8, Factory.Clock.GetUtcNow()));
        var admin = await Factory.SignInAsAdminAsync();
        var page = await admin.GetDocumentAsync("/Admin/Email");
        page.Text("#email-parked").Should().Be("1");
        page.Text("#parked-email").Should().Contain("late@mail.test").And.Contain("Your order shipped").And.Contain("Could not reach the SMTP server");

        app.Smtp.Start();
        var retried = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Email", "#parked-email form", new Dictionary<string, string>()));
        var delivered = await SendAsync();

        retried.Text("#email-notice").Should().Be("It will be sent again within a minute.");
        delivered.Should().Be(1);
        app.Smtp.Received.Should().Contain(m => m.To.Mailboxes.Single().Address == "late@mail.test" && m.Subject == "Your order shipped");
        await using var db = Factory.CreateDbContext();
        (await db.AdminActions.SingleAsync(a => a.Action == "email.retry", Ct)).SubjectId.Should().Be(parked.Id);
    }

    [Fact]
    public async Task An_address_the_server_refuses_for_good_is_parked_at_once()
    {
        await QueueAsync("nobody@refused.test", "Reset your password");

        await SendAsync();

        var message = await MessageAsync();
        (message.Attempts, message.ParkedAt).Should().Be((1, Factory.Clock.GetUtcNow()));
        message.LastError.Should().StartWith("The SMTP server refused it (550)");
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public async Task A_mail_that_waited_a_day_is_parked_instead_of_sent_because_its_links_may_have_expired(int secondsFromADay, bool sent)
    {
        await QueueAsync("waited@mail.test", "Reset your password");
        Factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(secondsFromADay));

        await SendAsync();

        var message = await MessageAsync();
        (message.SentAt is not null, message.ParkedAt is not null).Should().Be((sent, !sent));
        if (!sent)
        {
            message.LastError.Should().Be("Not sent within 24 hours of being written; its links may have expired.");
        }
    }

    [Fact]
    public async Task Two_instances_sending_at_once_deliver_each_mail_exactly_once()
    {
        var before = app.Smtp.Received.Count;
        for (var i = 0; i < 12; i++)
        {
            await QueueAsync($"buyer{i}@mail.test", $"Order {i}");
        }

        var counts = await Task.WhenAll(SendAsync(), SendAsync());

        counts.Sum().Should().Be(12);
        app.Smtp.Received.Skip(before).Select(m => m.Subject).Should().OnlyHaveUniqueItems().And.HaveCount(12);
    }

    private async Task QueueAsync(string to, string subject)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IEmailSender>().SendEmailAsync(to, subject, $"<p>{subject}.</p><p><a href='http://localhost:5080/Orders'>Open it</a></p>");
    }

    private Task<int> SendAsync() => Factory.RunAsync<SendEmails, int>(sender => sender.ExecuteAsync(Ct));

    private async Task<EmailMessage> MessageAsync()
    {
        await using var db = Factory.CreateDbContext();
        return await db.EmailMessages.SingleAsync(Ct);
    }
}

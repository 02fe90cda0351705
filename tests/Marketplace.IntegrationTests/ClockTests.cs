using System.Net;
using Marketplace.Core.Time;
using Marketplace.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.IntegrationTests;

public sealed class ClockTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_can_fast_forward_the_clock_in_testing()
    {
        var admin = await Factory.SignInAsAdminAsync();
        var clock = Factory.Services.GetRequiredService<TimeProvider>();
        var before = clock.GetUtcNow();

        var response = await admin.SubmitFormAsync("/Admin/Clock", "main form", new Dictionary<string, string> { ["Days"] = "15" });
        var page = await Html.ParseAsync(response);

        (clock.GetUtcNow() - before).Should().Be(TimeSpan.FromDays(15));

        page.Text("[role=status]").Should().Be("The clock moved forward 15 days.");
    }

    [Fact]
    public async Task Fast_forward_refuses_out_of_range_days_with_a_message_on_the_form()
    {
        var admin = await Factory.SignInAsAdminAsync();
        var clock = Factory.Services.GetRequiredService<TimeProvider>();
        var before = clock.GetUtcNow();

        var response = await admin.SubmitFormAsync("/Admin/Clock", "main form", new Dictionary<string, string> { ["Days"] = "0" });
        var page = await Html.ParseAsync(response);

        page.Text("[data-valmsg-for=Days]").Should().Be("Fast-forward between 1 and 365 days.");
        clock.GetUtcNow().Should().Be(before);
    }

    [Fact]
    public async Task Buyers_and_anonymous_visitors_cannot_reach_the_admin_clock()
    {
        var anonymous = Factory.CreateBrowserLikeClient(followRedirects: false);
        var buyer = await Factory.SignInAsAsync("buyer@test.local");

        var anonymousResponse = await anonymous.GetAsync("/Admin/Clock", Ct);
        var buyerResponse = await buyer.GetAsync("/Admin/Clock", Ct);

        anonymousResponse.StatusCode.Should().Be(HttpStatusCode.Redirect);
        anonymousResponse.Headers.Location!.ToString().Should().Contain("/Identity/Account/Login");
        buyerResponse.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Identity/Account/AccessDenied");
    }

    [Fact]
    public async Task In_production_there_is_no_clock_offset_and_no_dev_mailbox()
    {
        await using var production = new MarketplaceAppFactory(await TestDatabase.CreateMigratedAsync(), environment: "Production");
        var client = production.CreateClient();

        var mailbox = await client.GetAsync("/Dev/Mailbox", Ct);

        production.Services.GetService<OffsetTimeProvider>().Should().BeNull();
        mailbox.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

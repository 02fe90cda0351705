using System.Net;
using System.Net.Http.Headers;
using Marketplace.Core.Operations;
using Marketplace.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Marketplace.IntegrationTests;

/// <summary>What an operator scrapes and what the orchestrator asks: business metrics at /metrics (not public), readiness with job ages.</summary>
public sealed class ObservabilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Prometheus_scrapes_money_held_per_currency_and_the_queues_with_the_token_and_nobody_else_does()
    {
        await using var app = new MarketplaceAppFactory(await TestDatabase.CreateMigratedAsync(), settings: new Dictionary<string, string?> { ["Metrics:Token"] = "scrape-secret" });
        await new OrderBuilder(app).OrderFromNewStoreAsync(total: 12_345);
        await app.RunAsync<MeasureOperations, int>(m => m.ExecuteAsync(Ct));

        var anonymous = await app.CreateClient().GetAsync("/metrics", Ct);
        var wrongToken = await Scrape(app, "guess");
        var scraped = await Scrape(app, "scrape-secret");
        var body = await scraped.Content.ReadAsStringAsync(Ct);

        anonymous.StatusCode.Should().Be(HttpStatusCode.NotFound, "no token, and no address in Metrics:AllowedNetworks");
        wrongToken.StatusCode.Should().Be(HttpStatusCode.NotFound);
        scraped.StatusCode.Should().Be(HttpStatusCode.OK);
        body.Should().MatchRegex(@"marketplace_escrow_held\{[^}]*currency=""USD""[^}]*\} 12345\b");
        body.Should().MatchRegex(@"marketplace_disputes_open(_ratio)?\{[^}]*\} 0\b");
        body.Should().Contain("marketplace_emails_parked").And.Contain("marketplace_provider_calls_parked").And.Contain("http_server_request_duration");
    }

    [Theory]
    [InlineData(599, HttpStatusCode.OK)]
    [InlineData(600, HttpStatusCode.OK)]
    [InlineData(601, HttpStatusCode.ServiceUnavailable)]
    public async Task Readiness_fails_when_a_job_has_not_finished_an_attempt_for_ten_minutes(int secondsSinceTheRuns, HttpStatusCode expected)
    {
        var realTime = new FakeTimeProvider(MarketplaceAppFactory.Start);
        await using var app = new MarketplaceAppFactory(
            await TestDatabase.CreateMigratedAsync(),
            settings: new Dictionary<string, string?> { ["Jobs:Enabled"] = "true", ["Jobs:Interval"] = "00:00:30" },
            services: services =>
            {
                services.RemoveAll<JobMonitor>();
                services.AddSingleton(new JobMonitor(realTime));
            });
        _ = app.Server;
        var monitor = app.Services.GetRequiredService<JobMonitor>();
        var jobs = app.Services.GetRequiredService<IJobNames>().Names;
        // Each job runs once at start (its next run waits for the business clock).
        await Eventually.TrueAsync(() => monitor.RanAll(jobs), Ct);

        realTime.Advance(TimeSpan.FromSeconds(secondsSinceTheRuns));
        var ready = await app.CreateClient().GetAsync("/health/ready", Ct);

        monitor.RanAll(jobs).Should().BeTrue("every job ran once at start");
        jobs.Should().Contain("Measure operations").And.Contain("Release due escrow holds");
        ready.StatusCode.Should().Be(expected);
    }

    private static async Task<HttpResponseMessage> Scrape(MarketplaceAppFactory app, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await app.CreateClient().SendAsync(request, Ct);
    }
}

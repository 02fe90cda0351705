using System.Net;
using Marketplace.Testing;

namespace Marketplace.IntegrationTests;

public sealed class HealthTests(PostgresApp app) : AppTest(app)
{
    [Fact]
    public async Task Live_and_ready_answer_healthy_when_the_database_is_up()
    {
        var client = Factory.CreateClient();

        var live = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be("Healthy");
    }

    [Fact]
    public async Task Ready_reports_unhealthy_while_live_stays_up_when_the_database_is_unreachable()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Marketplace"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=2",
        };
        await using var broken = new MarketplaceAppFactory(database: null, settings: settings.Append(new("Database:Provider", "Postgres")).ToDictionary());
        var client = broken.CreateClient();

        var live = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }
}

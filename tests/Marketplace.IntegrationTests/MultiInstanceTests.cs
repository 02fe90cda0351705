using System.Net;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>Two app instances (each on its own Kestrel port) on one PostgreSQL database, as behind a load balancer.</summary>
public sealed class MultiInstanceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private MarketplaceAppFactory _a = null!;
    private MarketplaceAppFactory _b = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync();
        _a = Instance();
        _b = Instance();
        _a.StartServer();
        _b.StartServer();
    }

    public async ValueTask DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_session_started_on_one_instance_posts_a_form_on_the_other()
    {
        await _a.CreateUserAsync("roaming@test.local");
        using var cookies = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var onA = new HttpClient(cookies, disposeHandler: false) { BaseAddress = _a.ServerAddress };
        using var onB = new HttpClient(cookies, disposeHandler: false) { BaseAddress = _b.ServerAddress };

        var signedIn = await onA.LogInAsync("roaming@test.local");
        var opened = await onB.SubmitFormAsync("/Sell", "#sell-form", new Dictionary<string, string> { ["StoreName"] = "Roaming Goods", ["Country"] = "PT" });

        signedIn.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/");
        _a.ServerAddress.Port.Should().NotBe(_b.ServerAddress.Port);
        opened.StatusCode.Should().Be(HttpStatusCode.OK);
        opened.RequestMessage!.RequestUri!.AbsolutePath.Should().NotContain("Login", "instance B read instance A's sign-in cookie and antiforgery token");
        await using var db = _database.CreateContext();
        (await db.Sellers.SingleAsync(Ct)).StoreName.Should().Be("Roaming Goods");
        (await db.DataProtectionKeys.CountAsync(Ct)).Should().Be(1, "both instances use the one key ring in the database");
    }

    private MarketplaceAppFactory Instance() => MarketplaceAppFactory.Instance(_database).OnKestrel();
}

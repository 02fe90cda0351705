using System.Net;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task A_price_changed_through_one_instance_replaces_the_page_the_other_instance_cached()
    {
        var catalog = new CatalogBuilder(_a);
        var listing = await catalog.ListingAsync(await catalog.SellerAsync("Porto Ceramics", "PT"), await catalog.CategoryAsync("Home"), "Blue vase");
        using var visitorOnB = new HttpClient { BaseAddress = _b.ServerAddress };
        var url = $"/Listing/{listing.Id}";
        (await visitorOnB.GetStringAsync(url, Ct)).Should().Contain("$10.00");

        await catalog.ChangePriceAsync(listing.Id, 1450);

        (await Eventually.TrueAsync(async () => (await visitorOnB.GetStringAsync(url, Ct)).Contains("$14.50", StringComparison.Ordinal), Ct, TimeSpan.FromSeconds(10)))
            .Should().BeTrue("instance A announces the change (NOTIFY) and B evicts its copy, well within the copy's minute");
    }

    [Fact]
    public async Task Header_counts_changed_on_one_instance_show_in_the_header_the_other_instance_renders()
    {
        var catalog = new CatalogBuilder(_a);
        var listing = await catalog.ListingAsync(await catalog.SellerAsync("Porto Ceramics", "PT"), await catalog.CategoryAsync("Home"), "Blue vase");
        var roaming = await _a.CreateUserAsync("roaming@test.local");
        using var cookies = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var onA = new HttpClient(cookies, disposeHandler: false) { BaseAddress = _a.ServerAddress };
        using var onB = new HttpClient(cookies, disposeHandler: false) { BaseAddress = _b.ServerAddress };
        await onA.LogInAsync("roaming@test.local");
        (await onB.GetDocumentAsync("/Orders")).QuerySelector("#cart-count").Should().BeNull("B keeps these counts for ten seconds");

        (await onA.AddToCartAsync(listing)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await onB.GetDocumentAsync("/Orders")).Text("#cart-count").Should().StartWith("1", "the buyer's own post marks their browser: B counts afresh at once, before A's NOTIFY may have arrived");

        // Past that mark, B serves the counts it keeps; someone else's change made on A reaches them by NOTIFY.
        _b.Clock.Advance(TimeSpan.FromSeconds(10));
        (await onB.GetDocumentAsync("/Orders")).QuerySelector("#unread-count").Should().BeNull();
        await using (var scope = _a.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Marketplace.Core.Notifications.Notifier>().AddAsync([new Marketplace.Core.Notifications.Notice(roaming.Id, null, Marketplace.Domain.Common.Text.Of("Your order has shipped"), Marketplace.Domain.Common.Text.Of("On its way."), "/Orders")], _a.Clock.GetUtcNow(), Ct);
            await scope.ServiceProvider.GetRequiredService<Marketplace.Core.Data.MarketplaceDbContext>().SaveChangesAsync(Ct);
        }

        (await Eventually.TrueAsync(async () => (await onB.GetDocumentAsync("/Orders")).QuerySelector("#unread-count") is not null, Ct, TimeSpan.FromSeconds(5)))
            .Should().BeTrue("instance A announces that counts changed (NOTIFY) and B forgets the counts it kept, well within their ten seconds");
    }

    [Fact]
    public async Task With_a_certificate_configured_the_shared_key_ring_is_encrypted_at_rest_and_still_shared()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var folder = Directory.CreateTempSubdirectory("marketplace-cert-").FullName;
        try
        {
            var pfx = Path.Combine(folder, "keys.pfx");
            using (var rsa = System.Security.Cryptography.RSA.Create(2048))
            {
                var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Marketplace key ring", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
                using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
                await File.WriteAllBytesAsync(pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "pfx-secret"), Ct);
            }

            var settings = new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = pfx, ["DataProtection:CertificatePassword"] = "pfx-secret" };
            await using var a = MarketplaceAppFactory.Instance(database, settings).OnKestrel();
            await using var b = MarketplaceAppFactory.Instance(database, settings).OnKestrel();
            a.StartServer();
            b.StartServer();
            await a.CreateUserAsync("sealed@test.local");
            using var cookies = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
            using var onA = new HttpClient(cookies, disposeHandler: false) { BaseAddress = a.ServerAddress };
            using var onB = new HttpClient(cookies, disposeHandler: false) { BaseAddress = b.ServerAddress };

            await onA.LogInAsync("sealed@test.local");
            var opened = await onB.SubmitFormAsync("/Sell", "#sell-form", new Dictionary<string, string> { ["StoreName"] = "Sealed Goods", ["Country"] = "PT" });

            opened.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Seller", "B decrypted the key A's cookie was made with");
            await using var db = database.CreateContext();
            var key = (await db.DataProtectionKeys.SingleAsync(Ct)).Xml!;
            key.Should().Contain("<encryptedSecret").And.Contain("EncryptedXml").And.NotContain("<masterKey", "the key's secret is stored encrypted to the certificate");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private MarketplaceAppFactory Instance() => MarketplaceAppFactory.Instance(_database).OnKestrel();
}

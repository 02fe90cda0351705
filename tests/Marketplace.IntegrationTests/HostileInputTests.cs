using System.Diagnostics;
using System.Net;
using Marketplace.Core.Disputes;
using Marketplace.Core.Storage;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>Files and requests an attacker would send: image bombs, fake images, open redirects, forged proxies and hosts.</summary>
[Trait("Suite", "Security")]
public sealed class HostileInputTests(PostgresApp app) : AppTest(app)
{
    private static readonly Lazy<byte[]> _bomb = new(() => TestImages.PngBomb());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sign_in_cookie_changed_by_one_character_signs_nobody_in_while_the_real_one_is_remembered()
    {
        var user = await Factory.CreateUserAsync($"cookie-{Guid.NewGuid():N}@test.local");
        var cookie = await Factory.SignInCookieAsync(user, DateTimeOffset.UtcNow);
        var middle = cookie.Length / 2;
        var changed = cookie[..middle] + (cookie[middle] == 'A' ? 'B' : 'A') + cookie[(middle + 1)..];

        var real = await Factory.StatusWithSignInCookieAsync("/Orders", cookie);
        var forged = await Factory.StatusWithSignInCookieAsync("/Orders", changed);
        var realAgain = await Factory.StatusWithSignInCookieAsync("/Orders", cookie);

        (real, forged, realAgain).Should().Be((HttpStatusCode.OK, HttpStatusCode.Redirect, HttpStatusCode.OK), "only the cookie the app wrote signs its user in");
    }

    [Fact]
    public async Task A_20000_by_20000_png_is_refused_from_its_header_without_decoding_its_pixels()
    {
        var bomb = _bomb.Value;
        var normal = TestImages.Png(2000, 1500);
        await ImageDecoder.DecodeAsync(normal, 1, 1600, Size, Ct); // warm up Skia

        var (bombTime, bombAllocated, refused) = await MeasureAsync(() => ImageDecoder.DecodeAsync(bomb, 1, 1600, Size, Ct));
        var (normalTime, _, decoded) = await MeasureAsync(() => ImageDecoder.DecodeAsync(normal, 1, 1600, Size, Ct));

        bomb.Length.Should().BeLessThan(5 * 1024 * 1024, "the bomb passes the 5 MB upload limit");
        (refused.Verdict, refused.Width, refused.Height, refused.Value).Should().Be((ImageVerdict.TooManyPixels, 20000, 20000, null));
        (decoded.Verdict, decoded.Value).Should().Be((ImageVerdict.Decoded, "2000×1500"), "a normal photo is decoded (PNG can't scale while decoding)");
        bombAllocated.Should().BeLessThan(1024 * 1024, "the refusal copies nothing into managed memory (Skia's native pixels are never allocated: no decode ran)");
        bombTime.Should().BeLessThan(TimeSpan.FromSeconds(1));
        TestContext.Current.SendDiagnosticMessage($"20000×20000 PNG of {bomb.Length} bytes refused in {bombTime.TotalMilliseconds:F1} ms ({bombAllocated} bytes allocated); a 2000×1500 PNG decodes in {normalTime.TotalMilliseconds:F1} ms");
    }

    [Fact]
    public async Task Listing_photos_that_are_bombs_fakes_or_damaged_get_a_form_error_and_store_nothing()
    {
        var (client, seller) = await Factory.NewSellerThroughThePagesAsync();
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Toys"), "Wooden train");
        var path = $"/Seller/Listings/{listing.Id}";

        async Task<AngleSharp.Dom.IDocument> UploadAsync(string name, byte[] bytes) =>
            await Html.ParseAsync(await client.SubmitFormAsync(path, "#upload-form", new Dictionary<string, string>(), new UploadFile("photo", name, "image/jpeg", bytes)));

        var bomb = await UploadAsync("bomb.png", _bomb.Value);
        var html = await UploadAsync("cat.jpg", TestImages.JpegHeaderWithHtml());
        var truncated = await UploadAsync("half.jpg", TestImages.TruncatedJpeg());

        bomb.ErrorFor("photo").Should().Be("That photo has more than 40 megapixels. Make it smaller (for example 4000 × 3000 pixels) and upload it again.");
        html.ErrorFor("photo").Should().Be("That photo could not be read. It may be damaged; try another.");
        truncated.ErrorFor("photo").Should().Be("That photo could not be read. It may be damaged; try another.");
        await using var db = Factory.CreateDbContext();
        (await db.Listings.SingleAsync(l => l.Id == listing.Id, Ct)).Images.Should().BeEmpty();
    }

    [Fact]
    public async Task Dispute_evidence_that_is_a_bomb_or_a_fake_gets_a_message_and_the_dispute_keeps_only_good_files()
    {
        var (_, buyerId, orderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync();
        var opened = await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.OpenAsync(buyerId, orderId, new OpenDisputeInput(DisputeIssue.NotAsDescribed, DisputeRemedy.FullRefund, null, "The glaze is chipped."), Ct));
        var buyer = await Factory.SignInAsUserAsync(buyerId);
        var path = $"/Disputes/{opened.Value!.Id}";

        async Task<AngleSharp.Dom.IDocument> AttachAsync(string name, byte[] bytes) =>
            await Html.ParseAsync(await buyer.SubmitFormAsync(path, "#evidence-form", new Dictionary<string, string>(), new UploadFile("file", name, "image/png", bytes)));

        var bomb = await AttachAsync("bomb.png", _bomb.Value);
        var html = await AttachAsync("rim.jpg", TestImages.JpegHeaderWithHtml());
        var good = await AttachAsync("rim.png", TestImages.Png());

        bomb.Text("#dispute-message").Should().Be("That photo has more than 40 megapixels. Make it smaller (for example 4000 × 3000 pixels) and attach it again.");
        html.Text("#dispute-message").Should().Be("That photo could not be read. It may be damaged; try another.");
        good.Text("#dispute-message").Should().Be("File attached.");
        await using var db = Factory.CreateDbContext();
        (await db.DisputeEvidence.Select(e => e.FileName).ToListAsync(Ct)).Should().Equal("rim.png");
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    public async Task Signing_out_with_a_return_address_on_another_site_lands_on_the_home_page(string returnUrl)
    {
        var client = await Factory.SignInAsAsync("leaving@test.local");
        var page = await client.GetDocumentAsync("/Identity/Account/Logout");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await client.PostAsync("/Identity/Account/Logout?returnUrl=" + Uri.EscapeDataString(returnUrl), new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), Ct);
        var afterwards = await client.GetAsync("/Orders", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (response.RequestMessage!.RequestUri!.Host, response.RequestMessage.RequestUri.AbsolutePath).Should().Be(("localhost", "/"));
        afterwards.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Identity/Account/Login", "the session ended");
    }

    [Fact]
    public async Task Behind_a_tls_proxy_cookies_are_secure_hsts_is_sent_plain_http_is_redirected_and_other_hosts_are_refused()
    {
        await using var production = new MarketplaceAppFactory(database: null, environment: "Production", settings: new Dictionary<string, string?> { ["App:PublicUrl"] = "https://shop.example", ["Database:MigrateOnStartup"] = "true" }).OnKestrel();
        production.StartServer();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = production.ServerAddress };

        async Task<HttpResponseMessage> GetAsync(string path, string host, string? forwardedProto)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = host;
            if (forwardedProto is not null)
            {
                request.Headers.Add("X-Forwarded-Proto", forwardedProto);
                request.Headers.Add("X-Forwarded-For", "198.51.100.7");
            }

            return await client.SendAsync(request, Ct);
        }

        var viaProxy = await GetAsync("/Identity/Account/Login", "shop.example", "https");
        var plainHttp = await GetAsync("/Cart?x=1", "shop.example", "http");
        var probe = await GetAsync("/health/live", "shop.example", null);
        var forgedHost = await GetAsync("/", "evil.example", "https");

        viaProxy.StatusCode.Should().Be(HttpStatusCode.OK);
        viaProxy.Headers.GetValues("Strict-Transport-Security").Single().Should().StartWith("max-age=");
        viaProxy.Headers.GetValues("Set-Cookie").Should().NotBeEmpty().And.OnlyContain(cookie => cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        (plainHttp.StatusCode, plainHttp.Headers.Location).Should().Be((HttpStatusCode.TemporaryRedirect, new Uri("https://shop.example/Cart?x=1")));
        probe.StatusCode.Should().Be(HttpStatusCode.OK, "health probes are not redirected");
        forgedHost.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private static string Size(SkiaSharp.SKBitmap bitmap) => $"{bitmap.Width}×{bitmap.Height}";

    /// <summary>Time and managed bytes allocated; a refusal completes without awaiting, so it stays on this thread.</summary>
    private static async Task<(TimeSpan Time, long Allocated, DecodedImage<string> Result)> MeasureAsync(Func<Task<DecodedImage<string>>> run)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var result = await run();
        watch.Stop();
        return (watch.Elapsed, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, result);
    }
}

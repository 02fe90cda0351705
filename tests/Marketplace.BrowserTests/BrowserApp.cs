using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Marketplace.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketplace.BrowserTests;

/// <summary>
/// The app on Kestrel at 127.0.0.1 (its own PostgreSQL database) and Debian's Chromium driven by
/// Playwright. Never downloads a browser: it uses /usr/bin/chromium or MARKETPLACE_CHROMIUM.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public MarketplaceAppFactory Factory { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Each audited page kind's HTML as the server sent it.</summary>
    public static string PagesFolder { get; } = Path.Combine(AppContext.BaseDirectory, "pages");

    private IPlaywright _playwright = null!;

    private System.Collections.Concurrent.ConcurrentQueue<(IBrowserContext Context, string Url)>? _visited;

    public async ValueTask InitializeAsync()
    {
        Factory = new MarketplaceAppFactory(await TestDatabase.CreateMigratedAsync()).OnKestrel();
        Factory.StartServer();
        BaseAddress = Factory.ServerAddress;

        // The app's public address (App:PublicUrl, which every e-mail link uses) is where this server listens: its port is
        // only known once it runs, so the app's options get it before any page is opened.
        Factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Marketplace.Core.Notifications.NotificationOptions>>().Value.PublicUrl = BaseAddress.ToString().TrimEnd('/');

        var chromium = Environment.GetEnvironmentVariable("MARKETPLACE_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"The browser tests need Chromium at {chromium} (Debian: apt-get install chromium), or set MARKETPLACE_CHROMIUM.");
        }

        // Playwright waits 5 s for an expectation by default: CI runs these journeys beside the integration tests on two
        // cores, where a post, its redirect and the next page's first render can take longer than that (a seller's
        // "Listing created" once did). Expectations wait as long as actions do (15 s, below).
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
        Directory.CreateDirectory(PagesFolder);
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, string locale = "en-US", bool javaScript = true)
    {
        var visited = _visited ?? throw new InvalidOperationException("Browser journeys derive from BrowserTest, which audits every page they load.");
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            JavaScriptEnabled = javaScript,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        page.Load += (_, loaded) => visited.Enqueue((context, loaded.Url));
        return page;
    }

    /// <summary>
    /// The page shapes audited in this run: each once (ids and query values don't change what kind of page it is). A shape
    /// counts only once a page of it was audited: one that had moved on (a paid checkout) is tried again at its next visit.
    /// </summary>
    private static System.Collections.Concurrent.ConcurrentDictionary<string, byte> Audited { get; } = new();

    /// <summary>"/Orders/{id}?handler", from "/Orders/5f0…?handler=Return": the path with ids and numbers replaced, and the query's names.</summary>
    private static string Shape(Uri url) =>
        System.Text.RegularExpressions.Regex.Replace(url.AbsolutePath, @"/([0-9a-fA-F-]{32,36}|\d+|MK-[0-9A-F-]+)(?=/|$)", "/{id}")
        + "?" + string.Join('&', Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url.Query).Keys.Order(StringComparer.Ordinal));

    private static string SafeName(string shape) => System.Text.RegularExpressions.Regex.Replace(shape.Trim('/', '?'), "[^A-Za-z0-9]+", "_") is { Length: > 0 } name ? name : "home";

    /// <summary>Starts recording the pages a test's browsers load.</summary>
    public void StartAudit() => _visited = new();

    /// <summary>
    /// Opens every page the test loaded again, in the browser (cookies) that loaded it, at 1280 and 390 px, and runs axe-core
    /// on it: the serious and critical WCAG 2.2 A/AA violations, one line each; the HTML the server sent is checked by the
    /// Nu HTML Checker (<see cref="HtmlChecker"/>): each error, one line. A page that no longer opens (a checkout
    /// already paid) is skipped: it was audited where the journey saw it only if another visit shows it.
    /// </summary>
    public async Task<IReadOnlyList<string>> AuditAsync()
    {
        var visited = _visited ?? [];
        _visited = null;
        var problems = new List<string>();
        var options = new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } };
        foreach (var (context, url) in visited.Where(v => v.Url.StartsWith(BaseAddress.ToString(), StringComparison.Ordinal)).Distinct())
        {
            var shape = Shape(new Uri(url));
            if (Audited.ContainsKey(shape))
            {
                continue;
            }

            foreach (var width in new[] { 1280, 390 })
            {
                var page = await context.NewPageAsync();
                try
                {
                    await page.SetViewportSizeAsync(width, 900);
                    var response = await page.GotoAsync(url);
                    if (response is not { Ok: true } || page.Url != url)
                    {
                        continue;
                    }

                    if (width == 1280)
                    {
                        // The HTML as the server sent it (before any script ran), saved and checked against the HTML standard.
                        var html = await response.TextAsync();
                        await File.WriteAllTextAsync(Path.Combine(PagesFolder, SafeName(shape) + ".html"), html);
                        problems.AddRange((await HtmlChecker.ErrorsAsync(html)).Select(e => $"{new Uri(url).PathAndQuery}: HTML {e}"));
                    }

                    var result = await page.RunAxe(options);
                    Audited.TryAdd(shape, 0);
                    problems.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v =>
                        $"{new Uri(url).PathAndQuery} at {width} px: {v.Id} ({v.Help}) on {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}"));
                }
                finally
                {
                    await page.CloseAsync();
                }
            }
        }

        return problems;
    }

    /// <summary>Logs in through the login page as a person would, and waits until it is done.</summary>
    public static async Task LogInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(MarketplaceAppFactoryExtensions.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Login"));
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Factory.DisposeAsync();
    }
}

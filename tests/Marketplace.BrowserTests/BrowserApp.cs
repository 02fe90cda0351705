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

    private IPlaywright _playwright = null!;

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

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
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

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Testing;

namespace Marketplace.BrowserTests;

/// <summary>
/// Lighthouse (npm, Apache-2.0, from tests/tools) scores the accessibility of the pages a buyer goes through, in its own
/// headless Chromium with the buyer's sign-in cookie: at least 0.95 each.
/// </summary>
public sealed class LighthouseTests(BrowserApp app) : BrowserTest(app)
{
    /// <summary>The score each page must reach (Lighthouse's accessibility category, 0 to 1).</summary>
    private const double Floor = 0.95;

    [Fact]
    public async Task Home_search_listing_cart_and_checkout_score_at_least_95_for_accessibility_in_Lighthouse()
    {
        await App.Factory.Database!.ResetAsync();
        var catalog = new CatalogBuilder(App.Factory);
        var seller = await catalog.SellerAsync("Lighthouse Linen", "PT");
        var listing = await catalog.ListingAsync(seller, await catalog.CategoryAsync("Home & Kitchen"), "Linen napkins, set of 4", configure: l =>
        {
            l.AddVariant("NAP-OAT", "Oat", new Money(2400, "USD"), 8);
            l.AddVariant("NAP-SAGE", "Sage", new Money(2400, "USD"), 8);
            l.AddShippingOption(null, ShippingMethod.Standard, "CTT", new Money(600, "USD"), 4, 9);
        });
        await App.Factory.CreateUserAsync("lighthouse@test.local");
        var page = await App.NewPageAsync();
        await BrowserApp.LogInAsync(page, "lighthouse@test.local");
        await page.GotoAsync($"/Listing/{listing.Id}");
        await page.Locator("#add-to-cart button[type=submit]").ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#cart-message")).ToHaveTextAsync("Added to your cart.");
        var cookie = string.Join("; ", (await page.Context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));

        var scores = new List<string>();
        foreach (var path in new[] { "/", "/Search?q=linen", $"/Listing/{listing.Id}", "/Cart", "/Checkout" })
        {
            var url = new Uri(App.BaseAddress, path);
            var (score, failing, audited) = await AccessibilityAsync(url, cookie);
            audited.Should().Be(url.ToString(), "Lighthouse audits the page itself, signed in (not a sign-in page it was sent to)");
            if (score < Floor)
            {
                scores.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: {score:0.00} ({string.Join("; ", failing)})"));
            }
        }

        scores.Should().BeEmpty($"every page scores at least {Floor} in Lighthouse's accessibility audit");
    }

    private static async Task<(double Score, IReadOnlyList<string> Failing, string AuditedUrl)> AccessibilityAsync(Uri url, string cookie)
    {
        var cli = await TestTools.FileAsync("lighthouse", "cli", "index.js");
        var chromium = Environment.GetEnvironmentVariable("MARKETPLACE_CHROMIUM") ?? "/usr/bin/chromium";
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            cli, url.ToString(), "--only-categories=accessibility", "--output=json", "--output-path=stdout", "--quiet",
            $"--chrome-path={chromium}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            "--extra-headers=" + JsonSerializer.Serialize(new Dictionary<string, string> { ["Cookie"] = cookie }),
            "--max-wait-for-load=30000",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Lighthouse.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var json = await stdout;
        if (process.ExitCode != 0 || string.IsNullOrWhiteSpace(json))
        {
            throw new InvalidOperationException($"Lighthouse failed on {url} ({process.ExitCode}): {await stderr}");
        }

        using var report = JsonDocument.Parse(json);
        var category = report.RootElement.GetProperty("categories").GetProperty("accessibility");
        var audits = report.RootElement.GetProperty("audits");
        var failing = category.GetProperty("auditRefs").EnumerateArray()
            .Where(r => r.GetProperty("weight").GetDouble() > 0)
            .Select(r => audits.GetProperty(r.GetProperty("id").GetString()!))
            .Where(a => a.GetProperty("score").ValueKind == JsonValueKind.Number && a.GetProperty("score").GetDouble() < 1)
            .Select(a => a.GetProperty("title").GetString()!)
            .ToList();
        return (category.GetProperty("score").GetDouble(), failing, report.RootElement.GetProperty("finalDisplayedUrl").GetString()!);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Orders;
using Marketplace.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Bench;

/// <summary>
/// <c>--checkouts N</c>: checkout latency under load. The whole app (every middleware, Razor Pages, EF Core, the
/// stock UPDATE, the payment capture with holds and ledger) runs in this process on a fresh PostgreSQL database;
/// 8 signed-in buyers at once each put two sellers' items in the cart, check out and pay with 4242…, N times in
/// all. Each step is timed as the buyer feels it (the form page, the POST and the redirect it follows), and each
/// request inside the app (server time). Writes
/// docs/benchmarks-checkout.md.
/// </summary>
public static class CheckoutBench
{
    private const int Buyers = 8;
    private const int Warmup = 40;

    public static async Task<int> RunAsync(int checkouts, string root, Action<string> log)
    {
        await PostgresServer.GetAsync();
        // WebApplicationFactory finds the app's content root from this variable outside a test project.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MARKETPLACE_WEB", Path.Combine(root, "src", "Marketplace.Web"));
        var server = new Samples();
        var factory = new MarketplaceAppFactory(
            await TestDatabase.CreateMigratedAsync(),
            settings: new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Error" },
            services: services => services.AddSingleton<IStartupFilter>(new ServerTiming(server)));
        _ = factory.Server;
        var catalog = new CatalogBuilder(factory);
        var category = await catalog.CategoryAsync("Home");
        var listings = new List<Listing>();
        for (var s = 0; s < 10; s++)
        {
            var seller = await catalog.SellerAsync($"Seller {s}", "CA");
            for (var l = 0; l < 5; l++)
            {
                listings.Add(await catalog.ListingAsync(seller, category, $"Item {s}-{l}", configure: listing =>
                {
                    listing.AddVariant($"SKU-{s}-{l}", "Standard", new Money(1000 + (s * 100) + l, "USD"), 1_000_000);
                    listing.AddShippingOption(null, ShippingMethod.Standard, "Post", new Money(500, "USD"), 5, 10);
                }));
            }
        }

        var buyers = new List<HttpClient>();
        for (var b = 0; b < Buyers; b++)
        {
            buyers.Add(await factory.SignInAsAsync($"buyer{b}@bench.local"));
        }

        log($"{listings.Count} listings from 10 sellers, {Buyers} signed-in buyers; {Warmup} warm-up checkouts");
        await RunAsync(buyers, listings, Warmup, null);

        var samples = new Samples();
        server.Clear();
        var cpuBefore = Cpu.Snapshot(Environment.ProcessId);
        var watch = Stopwatch.StartNew();
        await RunAsync(buyers, listings, checkouts, samples);
        watch.Stop();
        var cpuAfter = Cpu.Snapshot(Environment.ProcessId);

        await using var db = factory.CreateDbContext();
        var paid = await db.Orders.CountAsync(o => o.Status == OrderStatus.Paid);
        var violations = await factory.LedgerViolationsAsync();
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("# Checkout benchmark");
        md.AppendLine();
        md.AppendLine("Checkout latency under load on PostgreSQL: the whole app in one process (`MarketplaceAppFactory`: the real");
        md.AppendLine("pipeline, Razor Pages, EF Core, the conditional stock UPDATE, the capture with escrow holds and ledger) and");
        md.AppendLine(c, $"{Buyers} signed-in buyers at once, each repeating: add two sellers' items to the cart, check out (address,");
        md.AppendLine("one shipping choice per seller: two orders), pay with 4242 4242 4242 4242 on the simulated card page. Each");
        md.AppendLine("step is timed as the buyer feels it: the form page's GET, the POST and the redirect it follows.");
        md.AppendLine();
        md.AppendLine("```bash");
        md.AppendLine(c, $"dotnet run -c Release --project bench/Marketplace.Bench -- --checkouts {checkouts}");
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine(c, $"## Latest run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(c, $"- Machine: {Environment.ProcessorCount} cores; .NET {Environment.Version}; the load generator shares the cores with the app and PostgreSQL");
        md.AppendLine(c, $"- {checkouts:N0} checkouts ({checkouts * 2:N0} orders) in {watch.Elapsed.TotalSeconds:N1} s: {checkouts / watch.Elapsed.TotalSeconds:N1} paid checkouts/s");
        md.AppendLine(c, $"- CPU: this process (app + load) {(cpuAfter.App - cpuBefore.App) / 100.0:N1} s, PostgreSQL {(cpuAfter.Postgres - cpuBefore.Postgres) / 100.0:N1} s");
        md.AppendLine(c, $"- Paid orders afterwards: {paid:N0}; ledger invariants: {(violations.Count == 0 ? "all hold" : $"{violations.Count} violated")}");
        md.AppendLine();
        md.AppendLine("| step | p50 ms | p95 ms | p99 ms | max ms |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (step, values) in samples.All)
        {
            md.AppendLine(c, $"| {step} | {Percentile(values, 50):N1} | {Percentile(values, 95):N1} | {Percentile(values, 99):N1} | {values.Max():N1} |");
        }

        md.AppendLine();
        md.AppendLine("Server time per request (from the first middleware to the response, so it includes waiting for a core):");
        md.AppendLine();
        md.AppendLine("| request | count | p50 ms | p95 ms | p99 ms | max ms |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (request, values) in server.All.OrderBy(r => r.Step, StringComparer.Ordinal))
        {
            md.AppendLine(c, $"| {request} | {values.Count:N0} | {Percentile(values, 50):N1} | {Percentile(values, 95):N1} | {Percentile(values, 99):N1} | {values.Max():N1} |");
        }

        await File.WriteAllTextAsync(Path.Combine(root, "docs", "benchmarks-checkout.md"), md.ToString());
        log(md.ToString());
        foreach (var buyer in buyers)
        {
            buyer.Dispose();
        }

        await factory.DisposeAsync();
        await PostgresServer.ShutdownAsync();
        return paid == (checkouts + Warmup) * 2 && violations.Count == 0 ? 0 : 1;
    }

    private static async Task RunAsync(List<HttpClient> buyers, List<Listing> listings, int checkouts, Samples? samples)
    {
        var next = -1;
        await Task.WhenAll(buyers.Select(buyer => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < checkouts)
            {
                var i = next;
                var first = listings[i % listings.Count];
                var second = listings[(i + 7) % listings.Count];
                await Timed(samples, "add to cart (×2)", async () =>
                {
                    await buyer.AddToCartAsync(first);
                    await buyer.AddToCartAsync(second);
                });
                string payPath = string.Empty;
                await Timed(samples, "check out (2 sellers)", async () =>
                {
                    var checkout = await buyer.CheckoutAsync();
                    payPath = checkout.RequestMessage!.RequestUri!.AbsolutePath;
                });
                if (!payPath.StartsWith("/Pay/", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Checkout ended at {payPath}");
                }

                await Timed(samples, "pay", async () =>
                {
                    var paid = await buyer.PayAsync(payPath);
                    if (!paid.EndedAt("/Orders"))
                    {
                        throw new InvalidOperationException($"Payment ended at {paid.RequestMessage?.RequestUri}");
                    }
                });
            }
        })));
    }

    private static async Task Timed(Samples? samples, string step, Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        samples?.Add(step, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>Times every request inside the app, by method and first path segment ("POST /Checkout").</summary>
    private sealed class ServerTiming(Samples samples) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, call) =>
            {
                var started = Stopwatch.GetTimestamp();
                await call();
                var segment = context.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
                samples.Add($"{context.Request.Method} /{segment}", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            });
            next(app);
        };
    }

    private sealed class Samples
    {
        private readonly Dictionary<string, List<double>> _byStep = [];

        public void Clear()
        {
            lock (_byStep)
            {
                _byStep.Clear();
            }
        }

        public IEnumerable<(string Step, List<double> Values)> All
        {
            get
            {
                lock (_byStep)
                {
                    return _byStep.Select(p => (p.Key, p.Value.ToList())).ToList();
                }
            }
        }

        public void Add(string step, double milliseconds)
        {
            lock (_byStep)
            {
                if (!_byStep.TryGetValue(step, out var values))
                {
                    _byStep[step] = values = [];
                }

                values.Add(milliseconds);
            }
        }
    }
}

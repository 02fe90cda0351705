using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Orders;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Bench;

/// <summary>
/// <c>--checkouts N</c>: checkout latency under load. The app runs in its own process as an operator runs it (Release,
/// Production, PostgreSQL: every middleware, Razor Pages, EF Core, the stock UPDATE, the payment capture with holds and
/// ledger); this process is the load generator: 32 signed-in buyers at once each put two sellers' items in the cart, check
/// out and pay with 4242…, N times in all, over HTTP. Each step is timed as the buyer feels it (the form page, the POST and
/// the redirect it follows), and each request as the app saw it (server time, from its request log). Writes
/// docs/benchmarks-checkout.md.
/// </summary>
public static partial class CheckoutBench
{
    private const int Buyers = 32;
    private const int Warmup = 64;

    public static async Task<int> RunAsync(int checkouts, string root, Action<string> log)
    {
        await PostgresServer.GetAsync();
        try
        {
            return await MeasureAsync(checkouts, root, log);
        }
        finally
        {
            await PostgresServer.ShutdownAsync();
        }
    }

    private static async Task<int> MeasureAsync(int checkouts, string root, Action<string> log)
    {
        // WebApplicationFactory finds the app's content root from this variable outside a test project.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MARKETPLACE_WEB", Path.Combine(root, "src", "Marketplace.Web"));
        // The catalog and the buyers' accounts are made through the app's own services (background jobs off), in this process.
        var database = await TestDatabase.CreateMigratedAsync();
        await using var factory = new MarketplaceAppFactory(database, settings: new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Error" });
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

        for (var b = 0; b < Buyers; b++)
        {
            await factory.CreateUserAsync($"buyer{b}@bench.local");
        }

        // The app logs every request it answers ("HTTP POST /Checkout responded 302 in 64.1234 ms"): its server time.
        // The request log's lines go to the phase being measured (none during warm-up).
        var measuring = new StrongBox<Samples?>();
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Marketplace"] = database.ConnectionString,
            ["Database:MigrateOnStartup"] = "false",
            // 32 buyers sign in from one address: the sign-in limit is for attackers, not for this.
            ["RateLimits:Enabled"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware"] = "Information",
        }, output: line =>
        {
            PagesBench.ShowErrors(line);
            if (Volatile.Read(ref measuring.Value) is { } server && RequestLine().Match(line) is { Success: true } m)
            {
                var segment = m.Groups[2].Value.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
                server.Add($"{m.Groups[1].Value} /{segment}", double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
            }
        });
        log($"app (Release, Production, PostgreSQL) ready on {app.Address}, pid {app.Id}");

        // A new database's first start trains the message scorer (then weekly): measured is the app after that, as it runs.
        await using (var models = factory.CreateDbContext())
        {
            var trained = Stopwatch.StartNew();
            while (!await models.MessageModels.AnyAsync())
            {
                if (trained.Elapsed > TimeSpan.FromMinutes(5))
                {
                    throw new InvalidOperationException("The app did not train its message scorer within 5 minutes of starting.");
                }

                await Task.Delay(500);
            }

            log($"message scorer trained {trained.Elapsed.TotalSeconds:N0} s after the app was ready");
        }

        var buyers = new List<HttpClient>();
        for (var b = 0; b < Buyers; b++)
        {
            var buyer = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = app.Address };
            var signedIn = await buyer.LogInAsync($"buyer{b}@bench.local");
            if (signedIn.RequestMessage?.RequestUri?.AbsolutePath.Contains("Login", StringComparison.Ordinal) != false)
            {
                throw new InvalidOperationException($"buyer{b} could not sign in: ended at {signedIn.RequestMessage?.RequestUri}");
            }

            buyers.Add(buyer);
        }

        log($"{listings.Count} listings from 10 sellers, {Buyers} signed-in buyers; {Warmup} warm-up checkouts");
        await RunAsync(buyers, listings, Warmup, null, TimeSpan.Zero);
        // The app writes its request log from a queue: the warm-up's last lines are let through before measuring starts.
        await Task.Delay(2000);

        // Flat out: every buyer starts the next step the moment the last one answered, so the two cores are always busy and
        // a request's time is mostly its wait for a core. At a brisk pace: before each action (add, add, check out, pay) a
        // buyer takes 0.5-1.5 s (a second on average: quicker than anyone types an address), as 32 people shopping at once.
        var phases = new List<Phase>();
        foreach (var (name, think) in new[] { ("Flat out", TimeSpan.Zero), ("At a brisk pace", TimeSpan.FromSeconds(1)) })
        {
            var samples = new Samples();
            var server = new Samples();
            Volatile.Write(ref measuring.Value, server);
            var cpuBefore = Cpu.Snapshot(app.Id);
            var loadBefore = Cpu.Snapshot(Environment.ProcessId);
            var watch = Stopwatch.StartNew();
            await RunAsync(buyers, listings, checkouts, samples, think);
            watch.Stop();
            var cpuAfter = Cpu.Snapshot(app.Id);
            var loadAfter = Cpu.Snapshot(Environment.ProcessId);
            // The last lines of the request log arrive after the last response (written from a queue).
            await Task.Delay(2000);
            Volatile.Write(ref measuring.Value, null);
            phases.Add(new Phase(name, watch.Elapsed, cpuAfter.App - cpuBefore.App, cpuAfter.Postgres - cpuBefore.Postgres, loadAfter.App - loadBefore.App, samples, server));
            log($"{name}: {checkouts} checkouts in {watch.Elapsed.TotalSeconds:N1} s");
        }

        await using var db = factory.CreateDbContext();
        var paid = await db.Orders.CountAsync(o => o.Status == OrderStatus.Paid);
        var violations = await factory.LedgerViolationsAsync();
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("# Checkout benchmark");
        md.AppendLine();
        md.AppendLine("Checkout latency under load on PostgreSQL. The app runs in its own process as an operator runs it (Release build,");
        md.AppendLine("Production, PostgreSQL; the real pipeline, Razor Pages, EF Core, the conditional stock UPDATE, the capture with escrow");
        md.AppendLine(c, $"holds and ledger). The load generator is the benchmark's process: {Buyers} signed-in buyers at once over HTTP, each");
        md.AppendLine("repeating: add two sellers' items to the cart, check out (address, one shipping choice per seller: two orders), pay with");
        md.AppendLine("4242 4242 4242 4242 on the simulated card page. Each step is timed as the buyer feels it (the form page's GET, the POST");
        md.AppendLine("and the redirect it follows); server time is what the app's request log says for each request. Measured once the");
        md.AppendLine("app has done what a new database's first start does (training the message scorer), after 64 warm-up checkouts.");
        md.AppendLine();
        md.AppendLine("Two phases in the same run. **Flat out**: each buyer starts the next step the moment the last one answered, so the");
        md.AppendLine("cores are always busy and most of a request's time is its wait for a core (32 requests in flight on 2 cores): it");
        md.AppendLine("measures throughput. **At a brisk pace**: before each action (add, add, check out, pay) a buyer takes 0.5-1.5 s");
        md.AppendLine("(a second on average, quicker than anyone types an address): 32 people checking out at the same time.");
        md.AppendLine();
        md.AppendLine("```bash");
        md.AppendLine(c, $"dotnet run -c Release --project bench/Marketplace.Bench -- --checkouts {checkouts}");
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine(c, $"## Latest run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(c, $"- Machine: {Environment.ProcessorCount} cores; .NET {Environment.Version}; the load generator, the app and PostgreSQL share the cores");
        md.AppendLine(c, $"- Paid orders afterwards: {paid:N0}; ledger invariants: {(violations.Count == 0 ? "all hold" : $"{violations.Count} violated")}");
        foreach (var phase in phases)
        {
            var posts = phase.Server.All.Where(r => r.Step is "POST /Checkout" or "POST /Pay").SelectMany(r => r.Values).ToList();
            var target = posts.Count > 0 ? string.Create(c, $"; **checkout and payment POSTs, server time: p99 {Percentile(posts, 99):N1} ms** (target: under 150 ms at 32 buyers)") : string.Empty;
            md.AppendLine(c, $"- {phase.Name}: {checkouts:N0} checkouts ({checkouts * 2:N0} orders) in {phase.Elapsed.TotalSeconds:N1} s, {checkouts / phase.Elapsed.TotalSeconds:N1} paid checkouts/s; CPU: app {phase.AppCpu / 100.0:N1} s, PostgreSQL {phase.PostgresCpu / 100.0:N1} s, load generator {phase.LoadCpu / 100.0:N1} s{target}");
        }

        foreach (var phase in phases)
        {
            md.AppendLine();
            md.AppendLine(c, $"### {phase.Name}");
            md.AppendLine();
            md.AppendLine("| step | p50 ms | p95 ms | p99 ms | max ms |");
            md.AppendLine("|---|---:|---:|---:|---:|");
            foreach (var (step, values) in phase.Steps.All)
            {
                md.AppendLine(c, $"| {step} | {Percentile(values, 50):N1} | {Percentile(values, 95):N1} | {Percentile(values, 99):N1} | {values.Max():N1} |");
            }

            md.AppendLine();
            md.AppendLine("Server time per request (from the request log, so it includes waiting for a core):");
            md.AppendLine();
            md.AppendLine("| request | count | p50 ms | p95 ms | p99 ms | max ms |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var (request, values) in phase.Server.All.OrderBy(r => r.Step, StringComparer.Ordinal))
            {
                md.AppendLine(c, $"| {request} | {values.Count:N0} | {Percentile(values, 50):N1} | {Percentile(values, 95):N1} | {Percentile(values, 99):N1} | {values.Max():N1} |");
            }
        }

        await File.WriteAllTextAsync(Path.Combine(root, "docs", "benchmarks-checkout.md"), md.ToString());
        log(md.ToString());
        foreach (var buyer in buyers)
        {
            buyer.Dispose();
        }

        return paid == ((checkouts * phases.Count) + Warmup) * 2 && violations.Count == 0 ? 0 : 1;
    }

    /// <summary>The buyers check out <paramref name="checkouts"/> times in all; with a think time, each waits 0.5-1.5 of it before each action.</summary>
    private static async Task RunAsync(List<HttpClient> buyers, List<Listing> listings, int checkouts, Samples? samples, TimeSpan think)
    {
        Task ThinkAsync() => think > TimeSpan.Zero ? Task.Delay(think * (0.5 + Random.Shared.NextDouble())) : Task.CompletedTask;
        var next = -1;
        await Task.WhenAll(buyers.Select(buyer => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < checkouts)
            {
                var i = next;
                var first = listings[i % listings.Count];
                var second = listings[(i + 7) % listings.Count];
                await ThinkAsync();
                await Timed(samples, "add to cart", () => buyer.AddToCartAsync(first));
                await ThinkAsync();
                await Timed(samples, "add to cart", () => buyer.AddToCartAsync(second));
                await ThinkAsync();
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

                await ThinkAsync();
                await Timed(samples, "pay", async () =>
                {
                    var paid = await buyer.PayAsync(payPath);
                    if (!paid.EndedOnOrderPlaced())
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

    private sealed record Phase(string Name, TimeSpan Elapsed, long AppCpu, long PostgresCpu, long LoadCpu, Samples Steps, Samples Server);

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

    [GeneratedRegex(@"HTTP (\w+) (\S+) responded \d+ in ([\d.]+) ms")]
    private static partial Regex RequestLine();
}

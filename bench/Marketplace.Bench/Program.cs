using System.Diagnostics;
using System.Globalization;
using System.Text;
using Marketplace.Bench;
using Marketplace.Data.Postgres;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

// dotnet run -c Release --project bench/Marketplace.Bench -- [--listings 100000] [--warmup 60] [--duration 10] [--rounds 3] [--connections 8]
// --pages [--only NAME]: with --only, a profiling pass of the pages whose target name contains NAME; docs are left alone.
var options = BenchOptions.Parse(args);
var log = (string message) => Console.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {message}");
var root = FindRepositoryRoot();
if (args.SkipWhile(a => a != "--checkouts").Skip(1).FirstOrDefault() is { } checkouts)
{
    return await CheckoutBench.RunAsync(int.Parse(checkouts, CultureInfo.InvariantCulture), root, log);
}

if (args.SkipWhile(a => a != "--release-holds").Skip(1).FirstOrDefault() is { } releaseHolds)
{
    return await ReleaseBench.RunAsync(int.Parse(releaseHolds, CultureInfo.InvariantCulture), root, log);
}

if (!File.Exists("/usr/bin/wrk"))
{
    Console.Error.WriteLine("wrk is missing: apt-get install wrk");
    return 1;
}

if (args.Contains("--pages"))
{
    return await PagesBench.RunAsync(options, root, log);
}

log($"PostgreSQL: starting or finding one; {options.Listings:N0} listings");
var server = await PostgresServer.GetAsync();
// --database NAME reuses a database an earlier run seeded with --seed-only (MARKETPLACE_TEST_POSTGRES keeps the server).
var reuse = args.SkipWhile(a => a != "--database").Skip(1).FirstOrDefault();
var database = reuse is null ? await TestDatabase.CreateEmptyAsync() : null;
var connectionString = reuse is null ? database!.ConnectionString : server.ConnectionStringFor(reuse);
try
{
    var seedWatch = Stopwatch.StartNew();
    IReadOnlyList<Guid> listingIds;
    string seeding;
    if (reuse is null)
    {
        await using (var db = PostgresDatabase.CreateStandalone(connectionString))
        {
            await db.Database.MigrateAsync();
        }

        listingIds = await Seeder.SeedAsync(connectionString, options.Listings, log);
        seeding = $"seeded in {seedWatch.Elapsed.TotalSeconds:N0} s";
        log(seeding);
    }
    else
    {
        await using var db = PostgresDatabase.CreateStandalone(connectionString);
        var count = await db.Listings.CountAsync();
        if (count != options.Listings)
        {
            throw new InvalidOperationException($"{reuse} holds {count:N0} listings, not {options.Listings:N0}.");
        }

        listingIds = await db.Database
            .SqlQueryRaw<Guid>("""SELECT "Id" AS "Value" FROM (SELECT "Id", row_number() OVER (ORDER BY "Id") AS n FROM "Listings") x WHERE n % 997 = 1 LIMIT 200""")
            .ToListAsync();
        seeding = $"reused database {reuse}, seeded by an earlier --seed-only run";
        log($"reusing {reuse} ({count:N0} listings)");
    }

    if (args.Contains("--seed-only"))
    {
        // For EXPLAIN sessions and reruns: leave the database in place (use MARKETPLACE_TEST_POSTGRES so the server stays up too).
        Console.WriteLine(connectionString);
        Environment.Exit(0);
    }

    await using var app = await AppProcess.StartAsync(new Dictionary<string, string>
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Marketplace"] = connectionString + ";Maximum Pool Size=50",
        ["Database:MigrateOnStartup"] = "false",
        ["Bench:Baseline"] = "true",
        ["Serilog:MinimumLevel:Default"] = "Warning",
        // One client address asking for thousands of searches a minute is what the search limit refuses; the bench measures the pages.
        ["RateLimits:Enabled"] = "false",
    }, output: PagesBench.ShowErrors);
    var baseUrl = app.Address.ToString().TrimEnd('/');
    log($"app (Release, Production) ready on {baseUrl}, pid {app.Id}");

    var scripts = Directory.CreateTempSubdirectory("marketplace-wrk-").FullName;
    using var removeScripts = new TempFolder(scripts);
    var targets = new List<Target>();
    foreach (var (kind, terms) in new[] { ("common", Seeder.CommonTerms), ("rare", Seeder.RareTerms), ("no-hit", Seeder.NoHitTerms) })
    {
        targets.Add(Target.Create(scripts, $"search {kind}", kind, "app", terms.Select(t => "/Search?q=" + Uri.EscapeDataString(t))));
        targets.Add(Target.Create(scripts, $"baseline {kind}", kind, "baseline", terms.Select(t => "/bench/baseline/search?q=" + Uri.EscapeDataString(t))));
    }

    targets.Add(Target.Create(scripts, "listing page", "listing", "app", listingIds.Take(200).Select(id => $"/Listing/{id}")));

    // Issue 18 at 1,000,000 listings: every page a visitor loads beside /health/live in the same rounds (ratios to the
    // ceiling), and each term class as a search never run before (a random whole-dollar price range per request, so
    // neither the page cache nor the kept search results can serve it): the uncached search, beside the raw baseline.
    List<string> categorySlugs, storeSlugs;
    await using (var db = PostgresDatabase.CreateStandalone(connectionString))
    {
        categorySlugs = await db.Categories.Where(c => c.ParentId == null).OrderBy(c => c.Slug).Select(c => c.Slug).ToListAsync();
        storeSlugs = await db.Sellers.OrderBy(s => s.Slug).Select(s => s.Slug).ToListAsync();
    }

    targets.Insert(0, Target.Create(scripts, "/health/live", "ceiling", "kestrel", ["/health/live"]));
    targets.Add(Target.Create(scripts, "home", "page", "app", ["/"]));
    targets.Add(Target.Create(scripts, "category", "page", "app", categorySlugs.Select(s => "/Category/" + s)));
    targets.Add(Target.Create(scripts, "storefront", "page", "app", storeSlugs.Select(s => "/Store/" + s)));
    foreach (var (kind, terms) in new[] { ("common", Seeder.CommonTerms), ("rare", Seeder.RareTerms), ("no-hit", Seeder.NoHitTerms) })
    {
        // The seeded prices are $5-$205: a range from $1-$4 to $300-$5,000 leaves every listing in, so each search is the
        // plain one with a filter that removes nothing, in 4 × 4,701 spellings per term.
        targets.Add(Target.Create(scripts, $"search {kind} (new)", kind, "app", terms.Select(t => "/Search?q=" + Uri.EscapeDataString(t))) with { NeverRunBefore = true, PriceRange = (1, 4, 300, 5000) });
    }
    var warmup = Target.Create(scripts, "warm-up", "all", "mixed", targets.SelectMany(t => t.Paths));
    using (var http = new HttpClient { BaseAddress = new Uri(baseUrl) })
    {
        foreach (var target in targets)
        {
            var probe = await http.GetAsync(target.Paths[0]);
            if (!probe.IsSuccessStatusCode)
            {
                var body = await probe.Content.ReadAsStringAsync();
                throw new InvalidOperationException($"{target.Name}: {target.Paths[0]} answered {(int)probe.StatusCode}: {body[..Math.Min(500, body.Length)]}");
            }
        }
    }

    log($"warm-up {options.Warmup} s");
    await Wrk.RunAsync(baseUrl, warmup, options.Warmup, options.Connections);

    var results = await Wrk.RoundsAsync(baseUrl, targets, options, app.Id, log);

    var report = Report.Write(options, results, server.Description, seeding);
    var output = Path.Combine(root, "docs", "benchmarks.md");
    await File.WriteAllTextAsync(output, report);
    log($"wrote {output}");
    return 0;
}
finally
{
    if (database is not null)
    {
        await database.DisposeAsync();
    }

    await PostgresServer.ShutdownAsync();
}

static string FindRepositoryRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Marketplace.sln")))
    {
        dir = dir.Parent;
    }

    return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
}

namespace Marketplace.Bench
{
    internal sealed class TempFolder(string path) : IDisposable
    {
        public void Dispose() => Directory.Delete(path, recursive: true);
    }

    internal sealed record BenchOptions(int Listings, int Warmup, int Duration, int Rounds, int Connections, string? Only = null)
    {
        public static BenchOptions Parse(string[] args)
        {
            int Get(string name, int fallback)
            {
                var i = Array.IndexOf(args, "--" + name);
                return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
            }

            var only = Array.IndexOf(args, "--only");
            return new BenchOptions(Get("listings", 100_000), Get("warmup", 60), Get("duration", 10), Get("rounds", 3), Get("connections", 8), only >= 0 && only + 1 < args.Length ? args[only + 1] : null);
        }

        public string Command => $"dotnet run -c Release --project bench/Marketplace.Bench -- --listings {Listings} --warmup {Warmup} --duration {Duration} --rounds {Rounds} --connections {Connections}";
    }

    /// <summary>A wrk target: its paths in rotation, with a <paramref name="Cookie"/> header when signed in.</summary>
    internal sealed record Target(string Name, string Kind, string Server, IReadOnlyList<string> Paths, string Script, string? Cookie = null)
    {
        /// <summary>
        /// A new cookie before each wrk run of this target (a signed-in target signs in again): the script is rewritten
        /// with it.
        /// </summary>
        public Func<Task<string>>? NewCookie { get; init; }

        /// <summary>Each request a search never run before: its path gets a random price range (kept results can't serve it).</summary>
        public bool NeverRunBefore { get; init; }

        /// <summary>Where the random range's whole-dollar bounds are drawn from: the lowest, then the highest.</summary>
        public (int From, int To, int UpFrom, int UpTo) PriceRange { get; init; } = (1, 50, 60, 5000);

        public static Target Create(string folder, string name, string kind, string server, IEnumerable<string> paths, string? cookie = null)
        {
            var list = paths.ToList();
            var script = Path.Combine(folder, string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')) + ".lua");
            WriteScript(script, list, cookie);
            return new Target(name, kind, server, list, script, cookie);
        }

        /// <summary>Before a run: a signed-in target's script gets a fresh cookie.</summary>
        public async Task PrepareAsync()
        {
            if (NewCookie is { } newCookie)
            {
                WriteScript(Script, Paths, await newCookie(), NeverRunBefore, PriceRange);
            }
            else if (NeverRunBefore)
            {
                WriteScript(Script, Paths, Cookie, NeverRunBefore, PriceRange);
            }
        }

        private static void WriteScript(string script, IReadOnlyList<string> paths, string? cookie, bool neverRunBefore = false, (int From, int To, int UpFrom, int UpTo) range = default)
        {
            var lua = new StringBuilder("local paths = {\n");
            foreach (var path in paths)
            {
                lua.Append("  \"").Append(path.Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\",\n");
            }

            lua.Append("}\nlocal headers = {}\n");
            if (cookie is not null)
            {
                lua.Append("headers[\"Cookie\"] = \"").Append(cookie.Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"\n");
            }

            // Whole dollars in the range, so the buyer's number format can't refuse it: 50 × 4,941 ranges per path by default.
            var next = neverRunBefore
                ? string.Create(CultureInfo.InvariantCulture, $"paths[i] .. \"&min=\" .. math.random({range.From}, {range.To}) .. \"&max=\" .. math.random({range.UpFrom}, {range.UpTo})")
                : "paths[i]";
            lua.Append(neverRunBefore ? "local threads = 0\nfunction setup(thread)\n  threads = threads + 1\n  thread:set(\"tid\", threads)\nend\nfunction init(args)\n  math.randomseed(os.time() * 100 + tid)\nend\n" : string.Empty);
            lua.Append("local i = math.random(#paths)\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", ").Append(next).Append(", headers)\nend\n");
            File.WriteAllText(script, lua.ToString());
        }
    }

    internal sealed record Measurement(string Target, string Kind, string Server, int Round, double RequestsPerSecond, long Requests, double P50Ms, double P99Ms, long Errors, double AppCpuMicrosPerRequest, double DbCpuMicrosPerRequest);

    internal static class Wrk
    {
        /// <summary>
        /// <see cref="BenchOptions.Rounds"/> rounds, each running every target once in order, with the app's CPU (and all
        /// postgres processes', when there are any) per request.
        /// </summary>
        public static async Task<List<Measurement>> RoundsAsync(string baseUrl, IReadOnlyList<Target> targets, BenchOptions options, int appPid, Action<string> log)
        {
            var results = new List<Measurement>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                foreach (var target in targets)
                {
                    await target.PrepareAsync();
                    var cpuBefore = Cpu.Snapshot(appPid);
                    var run = await RunAsync(baseUrl, target, options.Duration, options.Connections);
                    var cpuAfter = Cpu.Snapshot(appPid);
                    var measurement = run with
                    {
                        Round = round,
                        AppCpuMicrosPerRequest = (cpuAfter.App - cpuBefore.App) * 10_000.0 / Math.Max(1, run.Requests),
                        DbCpuMicrosPerRequest = (cpuAfter.Postgres - cpuBefore.Postgres) * 10_000.0 / Math.Max(1, run.Requests),
                    };
                    results.Add(measurement);
                    log($"round {round} {target.Name,-24} {measurement.RequestsPerSecond,9:N0} req/s  p50 {measurement.P50Ms,7:N2} ms  p99 {measurement.P99Ms,7:N2} ms  app {measurement.AppCpuMicrosPerRequest,7:N0} µs/req  db {measurement.DbCpuMicrosPerRequest,7:N0} µs/req  errors {measurement.Errors}");
                }
            }

            return results;
        }

        public static async Task<Measurement> RunAsync(string baseUrl, Target target, int seconds, int connections)
        {
            var start = new ProcessStartInfo("/usr/bin/wrk", ["-t", "2", "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{seconds}s", "--latency", "-s", target.Script, baseUrl])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var wrk = Process.Start(start)!;
            var output = await wrk.StandardOutput.ReadToEndAsync();
            await wrk.WaitForExitAsync();
            return Parse(target, output);
        }

        private static Measurement Parse(Target target, string output)
        {
            double Latency(string percentile)
            {
                var line = output.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith(percentile + "%", StringComparison.Ordinal));
                return line is null ? double.NaN : ToMs(line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
            }

            var rps = output.Split('\n').First(l => l.StartsWith("Requests/sec:", StringComparison.Ordinal)).Split(':')[1].Trim();
            var total = output.Split('\n').First(l => l.Contains("requests in", StringComparison.Ordinal)).Trim().Split(' ')[0];
            var errorsLine = output.Split('\n').FirstOrDefault(l => l.Contains("Non-2xx", StringComparison.Ordinal));
            var errors = errorsLine is null ? 0 : long.Parse(errorsLine.Split(':')[1].Trim(), CultureInfo.InvariantCulture);
            return new Measurement(target.Name, target.Kind, target.Server, 0, double.Parse(rps, CultureInfo.InvariantCulture), long.Parse(total, CultureInfo.InvariantCulture), Latency("50"), Latency("99"), errors, 0, 0);
        }

        private static double ToMs(string value)
        {
            var number = new string(value.TakeWhile(c => char.IsDigit(c) || c == '.').ToArray());
            var unit = value[number.Length..];
            var n = double.Parse(number, CultureInfo.InvariantCulture);
            return unit switch
            {
                "us" => n / 1000,
                "ms" => n,
                "s" => n * 1000,
                "m" => n * 60_000,
                _ => double.NaN,
            };
        }
    }

    /// <summary>CPU time in clock ticks (1/100 s): the app process, and every process named postgres on the machine.</summary>
    internal static class Cpu
    {
        public static (long App, long Postgres) Snapshot(int appPid)
        {
            long postgres = 0;
            foreach (var dir in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
            {
                var stat = Read(dir);
                if (stat is { Name: "postgres" })
                {
                    postgres += stat.Value.Ticks;
                }
            }

            return (Read($"/proc/{appPid}")?.Ticks ?? 0, postgres);
        }

        private static (string Name, long Ticks)? Read(string dir)
        {
            try
            {
                var text = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = text.IndexOf('(', StringComparison.Ordinal);
                var close = text.LastIndexOf(')');
                var fields = text[(close + 2)..].Split(' ');
                return (text[(open + 1)..close], long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                return null;
            }
        }
    }
}

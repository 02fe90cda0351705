using System.Globalization;
using System.Text;

namespace Marketplace.Bench;

internal static class Report
{
    public static string Write(BenchOptions options, IReadOnlyList<Measurement> results, string postgres, string seeding)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("# Benchmarks");
        md.AppendLine();
        md.AppendLine("Search and listing pages under load, measured against a bare baseline served by the same app process:");
        md.AppendLine("the same search (facet counts, total, a ranked page of 24 cards) from hand-written SQL through raw Npgsql,");
        md.AppendLine("rendered with a StringBuilder (`/bench/baseline/search`, only mapped with `Bench:Baseline=true`).");
        md.AppendLine("What the numbers mean and what to do about them: [performance-notes.md](performance-notes.md).");
        md.AppendLine();
        md.AppendLine("The other benchmarks write their own files: escrow release throughput ([benchmarks-release.md](benchmarks-release.md),");
        md.AppendLine("`--release-holds 100000`) and checkout latency under load ([benchmarks-checkout.md](benchmarks-checkout.md), `--checkouts 400`).");
        md.AppendLine();
        md.AppendLine("## How to run");
        md.AppendLine();
        md.AppendLine("```bash");
        md.AppendLine("sudo apt-get install postgresql wrk   # once");
        md.AppendLine("dotnet run -c Release --project bench/Marketplace.Bench                    # 100,000 listings");
        md.AppendLine("dotnet run -c Release --project bench/Marketplace.Bench -- --listings 1000000");
        md.AppendLine("# or seed once (about 20 minutes at 1,000,000) and measure as often as needed:");
        md.AppendLine("export MARKETPLACE_TEST_POSTGRES='Host=127.0.0.1;Port=5432;Username=postgres'");
        md.AppendLine("dotnet run -c Release --project bench/Marketplace.Bench -- --listings 1000000 --seed-only   # prints the database");
        md.AppendLine("dotnet run -c Release --project bench/Marketplace.Bench -- --listings 1000000 --database NAME");
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("It starts a private PostgreSQL (or uses `MARKETPLACE_TEST_POSTGRES`), migrates an empty database, seeds");
        md.AppendLine("listings deterministically (`bench/Marketplace.Bench/Seeder.cs`), starts `src/Marketplace.Web` built in Release");
        md.AppendLine("(Production environment) on 127.0.0.1, warms up with every URL mixed, then runs interleaved rounds of wrk");
        md.AppendLine("(2 threads, N connections) per target and rewrites this file. CPU per request is the app process's user+system");
        md.AppendLine("time and, separately, all `postgres` processes' time, divided by the requests served.");
        md.AppendLine();
        md.AppendLine("Term classes: common words (each in about 1 listing of 12, or a two-word mix), rare multi-word phrases");
        md.AppendLine("(a handful of listings per 100,000) and words that match nothing. \"search X\" is a visitor's search (the ten terms");
        md.AppendLine("repeat, so it comes from the page cache); \"search X (new)\" adds a random whole-dollar price range to every request");
        md.AppendLine("that leaves every listing in (from $1-$4 to $300-$5,000; the seeded prices are $5-$205), so no cached page and no kept");
        md.AppendLine("result can serve it: the app's uncached search, beside the raw baseline. Home, category, storefront and listing pages are a visitor's (the page cache, misses included), each");
        md.AppendLine("beside `/health/live` (Kestrel and the middleware, no page) measured in the same rounds (issue 18: ratio ≥ 0.20 at");
        md.AppendLine("1,000,000 listings; uncached search p99 < 50 ms at 32 clients).");
        md.AppendLine();
        md.AppendLine(c, $"## Latest run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(c, $"- Command: `{options.Command}`");
        md.AppendLine(c, $"- Machine: {Environment.ProcessorCount} cores ({CpuModel()}), {MemoryGiB():N0} GiB; .NET {Environment.Version}; PostgreSQL: {postgres}");
        md.AppendLine(c, $"- Listings: {options.Listings:N0} ({seeding}); {options.Connections} connections; warm-up {options.Warmup} s; {options.Rounds} rounds of {options.Duration} s per target");
        md.AppendLine();
        md.AppendLine("### Summary (medians over rounds)");
        md.AppendLine();
        md.AppendLine("| target | req/s | ratio to /health/live | baseline req/s | ratio to baseline | p50 ms | p99 ms | worst p99 ms | app CPU µs/req | db CPU µs/req | errors |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var ceilings = results.Where(r => r.Server == "kestrel").ToDictionary(r => r.Round, r => r.RequestsPerSecond);
        string ToCeiling(IEnumerable<Measurement> rounds) =>
            ceilings.Count == 0 ? "—" : Median(rounds.Select(r => r.RequestsPerSecond / ceilings[r.Round])).ToString("N2", c);
        foreach (var group in results.Where(r => r.Server != "baseline").GroupBy(r => r.Target))
        {
            var kind = group.First().Kind;
            var baseline = results.Where(r => r.Server == "baseline" && r.Kind == kind).ToList();
            var rps = Median(group.Select(r => r.RequestsPerSecond));
            var baseRps = baseline.Count == 0 ? double.NaN : Median(baseline.Select(r => r.RequestsPerSecond));
            var ratio = baseline.Count == 0 ? "—" : (rps / baseRps).ToString("N2", c);
            var baseText = baseline.Count == 0 ? "—" : baseRps.ToString("N0", c);
            md.AppendLine(c, $"| {group.Key} | {rps:N0} | {ToCeiling(group)} | {baseText} | {ratio} | {Median(group.Select(r => r.P50Ms)):N2} | {Median(group.Select(r => r.P99Ms)):N2} | {group.Max(r => r.P99Ms):N2} | {Median(group.Select(r => r.AppCpuMicrosPerRequest)):N0} | {Median(group.Select(r => r.DbCpuMicrosPerRequest)):N0} | {group.Sum(r => r.Errors)} |");
        }

        foreach (var group in results.Where(r => r.Server == "baseline").GroupBy(r => r.Target))
        {
            md.AppendLine(c, $"| {group.Key} | {Median(group.Select(r => r.RequestsPerSecond)):N0} | {ToCeiling(group)} | — | 1.00 | {Median(group.Select(r => r.P50Ms)):N2} | {Median(group.Select(r => r.P99Ms)):N2} | {group.Max(r => r.P99Ms):N2} | {Median(group.Select(r => r.AppCpuMicrosPerRequest)):N0} | {Median(group.Select(r => r.DbCpuMicrosPerRequest)):N0} | {group.Sum(r => r.Errors)} |");
        }

        md.AppendLine();
        md.AppendLine("### Every round");
        md.AppendLine();
        md.AppendLine("| round | target | req/s | p50 ms | p99 ms | app CPU µs/req | db CPU µs/req |");
        md.AppendLine("|---:|---|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            md.AppendLine(c, $"| {r.Round} | {r.Target} | {r.RequestsPerSecond:N0} | {r.P50Ms:N2} | {r.P99Ms:N2} | {r.AppCpuMicrosPerRequest:N0} | {r.DbCpuMicrosPerRequest:N0} |");
        }

        return md.ToString();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";

    private static double MemoryGiB() =>
        File.Exists("/proc/meminfo")
            ? double.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024 / 1024
            : 0;
}

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Marketplace.Testing;

namespace Marketplace.Bench;

/// <summary>
/// <c>--pages</c>: the embedded default (SQLite, the demo's listings) as a visitor and as a signed-in buyer sees it, each
/// page beside the ceilings measured in the same round: <c>/health/live</c> (Kestrel and the middleware, no page) and a
/// minimal page that runs one indexed query (<c>/bench/minimal</c>). Writes docs/benchmarks-pages.md.
/// </summary>
internal static partial class PagesBench
{
    public static async Task<int> RunAsync(BenchOptions options, string root, Action<string> log)
    {
        var password = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Bench:Baseline"] = "true",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // The signed-in runs sign in again each time (below), and one address asks for thousands of searches a minute: both
            // over the limits. What the limits cost a page: nothing for visitors' cached copies, a count in memory for a search.
            ["RateLimits:Enabled"] = "false",
        }, output: line =>
        {
            if (PasswordLine().Match(line) is { Success: true } m)
            {
                password.TrySetResult(m.Groups[1].Value);
            }

            ShowErrors(line);
        }, arguments: "--seed-demo");
        var baseUrl = app.Address.ToString().TrimEnd('/');
        var demoPassword = await password.Task.WaitAsync(TimeSpan.FromSeconds(30));
        log($"app (Release, Production, SQLite with the demo) ready on {baseUrl}, pid {app.Id}");

        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var home = await http.GetStringAsync("/");
        var listings = Links(home, "/Listing/").Take(20).ToList();
        var categories = Links(home, "/Category/").ToList();
        var stores = new List<string>();
        foreach (var listing in listings.Take(5))
        {
            stores.AddRange(Links(await http.GetStringAsync(listing), "/Store/"));
        }

        var words = new[] { "lamp", "tea", "cotton", "phone", "wooden", "bag", "ceramic", "led", "kit", "set" };
        var searches = words.Select(w => "/Search?q=" + w).ToList();
        var minimal = listings.Select(l => "/bench/minimal?id=" + l["/Listing/".Length..]).ToList();
        var cookie = await SignInAsync(baseUrl, "buyer1@demo.marketplace", demoPassword);

        var scripts = Directory.CreateTempSubdirectory("marketplace-wrk-").FullName;

        // A browser keeps the cookie the app renews when it re-checks the security stamp (once a minute,
        // SecurityStampValidatorOptions); wrk would send the first one forever, so after a minute every request would
        // re-check the stamp and re-issue the cookie. Each signed-in run starts from a new sign-in instead, as a session
        // that has just been checked (for a run shorter than the minute). Always the same buyer: another one would have
        // another ship-to country, currency and header counts, so another page.
        Target SignedIn(string name, List<string> paths) =>
            Target.Create(scripts, name, "signed in", "app", paths, cookie) with
            {
                NewCookie = () => SignInAsync(baseUrl, "buyer1@demo.marketplace", demoPassword),
            };
        using var removeScripts = new TempFolder(scripts);
        var ceiling = Target.Create(scripts, "/health/live", "ceiling", "kestrel", ["/health/live"]);
        var targets = new List<Target>
        {
            ceiling,
            Target.Create(scripts, "minimal page (1 query)", "ceiling", "app", minimal),
            Target.Create(scripts, "home", "visitor", "app", ["/"]),
            Target.Create(scripts, "category", "visitor", "app", categories.Distinct()),
            Target.Create(scripts, "search", "visitor", "app", searches),
            Target.Create(scripts, "listing", "visitor", "app", listings),
            Target.Create(scripts, "storefront", "visitor", "app", stores.Distinct()),
            SignedIn("listing (signed in)", listings),
            SignedIn("search (signed in)", searches),
            SignedIn("search (signed in, new)", searches) with { NeverRunBefore = true },
        };
        if (options.Only is { } only)
        {
            // A profiling run: the ceiling and the targets named, nothing written to docs.
            targets.RemoveAll(t => t != ceiling && !t.Name.Contains(only, StringComparison.Ordinal));
        }

        foreach (var target in targets)
        {
            using var probe = new HttpRequestMessage(HttpMethod.Get, target.Paths[0]);
            if (target.Cookie is { } c)
            {
                probe.Headers.Add("Cookie", c);
            }

            var response = await http.SendAsync(probe);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode || (target.Cookie is not null) != body.Contains("/Identity/Account/Logout", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{target.Name}: {target.Paths[0]} answered {(int)response.StatusCode} (signed in: {body.Contains("Log out", StringComparison.Ordinal)})");
            }
        }

        // Every page target warmed in turn (a signed-in target carries its cookie, so each has its own script).
        log($"warm-up {options.Warmup} s");
        var pages = targets.Where(t => t.Kind != "ceiling").ToList();
        foreach (var target in pages)
        {
            await target.PrepareAsync();
            await Wrk.RunAsync(baseUrl, target, Math.Max(2, options.Warmup / pages.Count), options.Connections);
        }

        var results = await Wrk.RoundsAsync(baseUrl, targets, options, app.Id, log);

        if (options.Only is not null)
        {
            return 0;
        }

        var output = Path.Combine(root, "docs", "benchmarks-pages.md");
        await File.WriteAllTextAsync(output, Report(options, results, listings.Count));
        log($"wrote {output}");
        return 0;
    }

    private static string Report(BenchOptions options, List<Measurement> results, int listings)
    {
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine("# Benchmarks: pages on the embedded default");
        md.AppendLine();
        md.AppendLine("Every page a visitor and a signed-in buyer loads most, on the embedded default (SQLite, the demo's 87 listings),");
        md.AppendLine("beside two ceilings measured in the same rounds: `/health/live` (Kestrel and the whole middleware pipeline, no page)");
        md.AppendLine("and a minimal page that runs one indexed query through the app's database connection (`/bench/minimal`, no Razor).");
        md.AppendLine("Visitors' pages come from the output cache (docs/decisions.md, \"Page cache\"); signed-in pages are rendered each time,");
        md.AppendLine("from data kept in memory where it is shared (the listing, a search's result) and the header counts kept ten seconds");
        md.AppendLine("(docs/decisions.md, \"Signed-in pages\"). \"search (signed in, new)\" is a search never run before on every request (the");
        md.AppendLine("same ten words, each with a random whole-dollar price range), so no kept result can serve it: its search statements run.");
        md.AppendLine("Each signed-in run starts from a fresh sign-in of the same buyer, as a browser that keeps the cookie the app renews at");
        md.AppendLine("its once-a-minute security-stamp check: wrk would re-send the first cookie and, after a minute, re-check the stamp every time.");
        md.AppendLine("Ratios are to `/health/live`'s median in the same run. What the figures mean: [performance-notes.md](performance-notes.md).");
        md.AppendLine();
        md.AppendLine("## How to run");
        md.AppendLine();
        md.AppendLine("```bash");
        md.AppendLine("sudo apt-get install wrk   # once");
        md.AppendLine("dotnet build -c Release src/Marketplace.Web");
        md.AppendLine("dotnet run -c Release --project bench/Marketplace.Bench -- --pages");
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"## Latest run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Command: `dotnet run -c Release --project bench/Marketplace.Bench -- --pages --warmup {options.Warmup} --duration {options.Duration} --rounds {options.Rounds} --connections {options.Connections}`");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {Environment.ProcessorCount} cores; .NET {Environment.Version}; wrk 2 threads × {options.Connections} connections on the same machine; {listings} listing pages, 10 searches, every category and store in rotation");
        md.AppendLine();
        md.AppendLine("| target | who | req/s | ratio to /health/live | p50 ms | p99 ms | app CPU µs/req | errors |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        var ceilings = results.Where(r => r.Target == "/health/live").ToDictionary(r => r.Round, r => r.RequestsPerSecond);
        foreach (var group in results.GroupBy(r => (r.Target, r.Kind)))
        {
            var rps = Median(group.Select(r => r.RequestsPerSecond));
            var ratio = Median(group.Select(r => r.RequestsPerSecond / ceilings[r.Round]));
            md.AppendLine(string.Create(inv, $"| {group.Key.Target} | {group.Key.Kind} | {rps:N0} | {ratio:N2} | {Median(group.Select(r => r.P50Ms)):N2} | {Median(group.Select(r => r.P99Ms)):N2} | {Median(group.Select(r => r.AppCpuMicrosPerRequest)):N0} | {group.Sum(r => r.Errors)} |"));
        }

        md.AppendLine();
        md.AppendLine("Medians over rounds; each round runs every target once, in the order above.");
        return md.ToString();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static IEnumerable<string> Links(string html, string prefix) =>
        Regex.Matches(html, "href=\"(" + Regex.Escape(prefix) + "[^\"?#]+)").Select(m => m.Groups[1].Value).Distinct();

    private static async Task<string> SignInAsync(string baseUrl, string email, string password)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
        var login = await http.GetStringAsync("/Identity/Account/Login");
        var token = Regex.Match(login, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await http.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode}.");
        }

        return string.Join("; ", cookies.GetCookies(new Uri(baseUrl)).Select(c => $"{c.Name}={c.Value}"));
    }

    /// <summary>Shows the app's errors and stack traces on this process's error output.</summary>
    internal static void ShowErrors(string line)
    {
        if (line.Contains(" ERR]", StringComparison.Ordinal) || line.Contains("Exception", StringComparison.Ordinal) || line.StartsWith("   at ", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("[app] " + line);
        }
    }

    [GeneratedRegex("password is (\\S+) \\(shown only now")]
    private static partial Regex PasswordLine();
}

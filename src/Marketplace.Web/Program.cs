using Marketplace.Web.Api;
using Marketplace.Web.Infrastructure;
using Serilog;

var seedDemo = args.Contains("--seed-demo");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--seed-demo").ToArray());

// Static files (fingerprinted, precompressed by the build) are found through the build's manifest in any environment, so a
// build run as Production (the benchmarks) serves what a publish would. A published app has no such manifest: a no-op.
builder.WebHost.UseStaticWebAssets();

// Outside Development those files are served as a publish serves them, even from a build's manifest (which `dotnet run`
// and the benchmarks use): MapStaticAssets would otherwise treat a build as a developer's, sending `no-cache` instead
// of a year's immutable caching and adding a `{**path:file}` fallback whose file-exists check ran on every request
// (~40 % of `/health/live`'s time in a profile). An operator's own setting wins.
if (!builder.Environment.IsDevelopment())
{
    builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";
}

builder.Host.UseSerilog((context, logger) => logger
    .ReadFrom.Configuration(context.Configuration)
    .Enrich.FromLogContext()
    // The console is written from a queue, not by each request under the console's lock: with 32 requests in flight, a
    // checkout's profile had 8% of their time waiting for that lock. A request waits only when 10,000 lines are queued.
    .WriteTo.Async(sink => sink.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture), blockWhenFull: true),
    // Each host disposes (and so flushes) its own logger; the static one is left alone (tests run many hosts in one process).
    preserveStaticLogger: true);

builder.Services
    .AddMarketplaceData(builder.Configuration, builder.Environment)
    .AddMarketplaceIdentity()
    .AddMarketplaceClock(builder.Environment)
    .AddMarketplaceCore(builder.Configuration)
    .AddMarketplaceWeb()
    .AddMarketplacePageCache(builder.Configuration)
    .AddMarketplaceInternetFacing(builder.Configuration, builder.Environment)
    .AddMarketplaceRateLimits(builder.Configuration)
    .AddMarketplaceApi(builder.Configuration)
    .AddMarketplaceObservability(builder.Configuration);

var app = builder.Build();

try
{
    await app.InitializeDatabaseAsync(seedDemo);

    app.UseMarketplacePipeline();
    app.MapMarketplaceMetrics();
    app.MapMarketplaceEndpoints();
    app.MapBenchBaseline();

    await app.RunAsync();
}
finally
{
    // Disposing the app disposes its logger: what is still queued for the console is written before the process ends
    // (a failed start's last lines too). After a normal run the app is already disposed, and this does nothing.
    await app.DisposeAsync();
}

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

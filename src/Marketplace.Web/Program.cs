using Marketplace.Web.Infrastructure;
using Serilog;

var seedDemo = args.Contains("--seed-demo");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--seed-demo").ToArray());

builder.Host.UseSerilog((context, logger) => logger
    .ReadFrom.Configuration(context.Configuration)
    .Enrich.FromLogContext()
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));

builder.Services
    .AddMarketplaceData(builder.Configuration, builder.Environment)
    .AddMarketplaceIdentity()
    .AddMarketplaceClock(builder.Environment)
    .AddMarketplaceCore(builder.Configuration)
    .AddMarketplaceWeb()
    .AddMarketplaceInternetFacing(builder.Configuration, builder.Environment)
    .AddMarketplaceRateLimits(builder.Configuration)
    .AddMarketplaceObservability(builder.Configuration);

var app = builder.Build();

await app.InitializeDatabaseAsync(seedDemo);

app.UseMarketplacePipeline();
app.MapMarketplaceMetrics();
app.MapMarketplaceEndpoints();
app.MapBenchBaseline();

await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

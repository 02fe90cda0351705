using System.Security.Cryptography;
using System.Text;
using Marketplace.Core.Operations;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// OpenTelemetry: metrics from ASP.NET Core, HttpClient, the runtime, Npgsql and the business meter
/// (<see cref="MarketplaceMetrics"/>), scraped by Prometheus at <c>/metrics</c>. That endpoint is not public: it
/// needs <c>Metrics:Token</c> as a bearer token, or a caller in <c>Metrics:AllowedNetworks</c> (list 127.0.0.1/32 to
/// scrape from this machine).
/// Traces (ASP.NET Core, HttpClient, EF Core, Npgsql) and metrics also go to an OTLP collector when
/// <c>OpenTelemetry:OtlpEndpoint</c> is set. Readiness fails when a background job hangs (<see cref="JobsHealthCheck"/>).
/// </summary>
public static class Observability
{
    public static IServiceCollection AddMarketplaceObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new JobMonitor(TimeProvider.System));
        services.AddSingleton<MarketplaceMetrics>();
        services.AddScoped<MeasureOperations>();
        services.AddHealthChecks().AddCheck<JobsHealthCheck>("jobs", tags: ["ready"]);

        var otlp = configuration["OpenTelemetry:OtlpEndpoint"] is { Length: > 0 } endpoint ? new Uri(endpoint) : null;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("marketplace"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(MarketplaceMetrics.MeterName, "Npgsql")
                    .AddPrometheusExporter();
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(options => options.Endpoint = otlp);
                }
            });
        if (otlp is not null)
        {
            // Traces only where something collects them: without a collector they would be made and dropped per request.
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(options => options.Endpoint = otlp));
        }

        return services;
    }

    /// <summary>The scrape endpoint, behind its guard (404 for anyone not allowed, as if it didn't exist).</summary>
    public static WebApplication MapMarketplaceMetrics(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/metrics"), branch => branch.Use(async (context, next) =>
        {
            if (!MayScrape(context, app.Configuration))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next();
        }));
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private static bool MayScrape(HttpContext context, IConfiguration configuration)
    {
        if (configuration["Metrics:Token"] is { Length: > 0 } token
            && context.Request.Headers.Authorization.ToString() is var header && header.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..]), Encoding.UTF8.GetBytes(token)))
        {
            return true;
        }

        // No implicit "this machine": a reverse proxy on the same host would make every visitor look local.
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null)
        {
            return false;
        }

        return (configuration.GetSection("Metrics:AllowedNetworks").Get<string[]>() ?? [])
            .Any(network => System.Net.IPNetwork.TryParse(network, out var range) && range.Contains(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote));
    }
}

/// <summary>
/// Not ready when a background job on this instance hasn't finished an attempt for <c>Jobs:StalledAfter</c> (10 minutes):
/// it hangs. A job that fails quickly still finishes attempts; that shows in the log and the job-age metric instead, so
/// one failing dependency doesn't take every replica out of the load balancer at once.
/// </summary>
public sealed class JobsHealthCheck(JobMonitor monitor, IJobNames jobs, IOptions<JobOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Jobs are off on this instance."));
        }

        var limit = options.Value.StalledAfter;
        var stuck = monitor.Ages(jobs.Names).Where(a => a.Value > limit).Select(a => $"{a.Key} ({a.Value.TotalSeconds:0} s)").ToList();
        return Task.FromResult(stuck.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("No attempt finished within Jobs:StalledAfter: " + string.Join(", ", stuck)));
    }
}

using Marketplace.Core.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.StaticFiles;
using Serilog;

namespace Marketplace.Web.Infrastructure;

public static class Pipeline
{
    private static readonly FileExtensionContentTypeProvider _contentTypes = new();

    public static WebApplication UseMarketplacePipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/Status/{0}");
        app.Use(SecurityHeaders);
        app.UseSerilogRequestLogging();
        app.Use(IgnoreAbortedRequests);
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapMarketplaceEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapGet("/media/{**key}", ServeMediaAsync);
        app.MapRazorPages();
        return app;
    }

    /// <summary>Listing photos and other public files, streamed from file storage with a long cache lifetime.</summary>
    private static async Task<IResult> ServeMediaAsync(string key, IFileStorage storage, CancellationToken ct)
    {
        if (!key.StartsWith("listings/", StringComparison.Ordinal) || key.Contains("..", StringComparison.Ordinal))
        {
            return Results.NotFound();
        }

        var stream = await storage.OpenReadAsync(key, ct);
        if (stream is null)
        {
            return Results.NotFound();
        }

        var contentType = _contentTypes.TryGetContentType(key, out var type) ? type : "application/octet-stream";
        return Results.Stream(stream, contentType, enableRangeProcessing: false);
    }

    /// <summary>A client that hung up is not a server error: don't log it as one.</summary>
    private static async Task IgnoreAbortedRequests(HttpContext context, Func<Task> next)
    {
        try
        {
            await next();
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }

    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers.ContentSecurityPolicy =
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        return next();
    }
}

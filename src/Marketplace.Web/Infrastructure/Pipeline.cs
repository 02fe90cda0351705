using Marketplace.Core.Payments;
using Marketplace.Core.Storage;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.StaticFiles;
using Serilog;

namespace Marketplace.Web.Infrastructure;

public static class Pipeline
{
    private const string Policy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string StripePolicy =
        "default-src 'self'; img-src 'self' data: https://*.stripe.com; style-src 'self'; script-src 'self' https://js.stripe.com; " +
        "frame-src https://js.stripe.com https://hooks.stripe.com; connect-src 'self' https://api.stripe.com; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference page (Scalar, served from the app) starts itself with an inline script and styles its parts inline.
    /// It shows only the app's own OpenAPI document: no user content that could inject script.
    /// </summary>
    private const string ApiReferencePolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly FileExtensionContentTypeProvider _contentTypes = new();

    public static WebApplication UseMarketplacePipeline(this WebApplication app)
    {
        app.UseMarketplaceProxy();
        if (!app.Environment.IsDevelopment())
        {
            // A scope of its own: the failed request's database context (perhaps the standby's) isn't reused.
            app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/Error", CreateScopeForErrors = true });
            if (!app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Marketplace.Core.Email.SmtpOptions>>().Value.Enabled)
            {
                app.Logger.LogWarning("Smtp:Host is not set: no e-mail is delivered (account confirmations and password resets included)");
            }

            if (string.IsNullOrWhiteSpace(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Marketplace.Core.Exchange.ExchangeRateOptions>>().Value.SourceUrl))
            {
                app.Logger.LogWarning("ExchangeRates:SourceUrl is not set: prices are converted at the shipped demo rates, which are fixed (not for real money)");
            }
        }

        app.UseStatusCodePagesWithReExecute("/Status/{0}");
        app.UseApiProblems();
        app.Use(SecurityHeaders);
        app.UseSerilogRequestLogging();
        app.Use(IgnoreAbortedRequests);
        app.UseResponseCompression();
        app.UseRouting();
        app.UseStandbyReads();
        app.UseHeaderCountsFreshness();
        app.UseAuthentication();

        // After authentication: a signed-in person's account language counts (see Localization.Options).
        app.UseRequestLocalization(Localization.Options());
        app.UseMarketplaceRateLimits();
        app.UseAuthorization();
        app.UseApiGuards();

        // After authentication and localization: the cache serves only visitors who aren't signed in, per language (PageCache).
        app.UseOutputCache();
        return app;
    }

    public static WebApplication MapMarketplaceEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapGet("/media/{**key}", ServeMediaAsync);
        if (app.Services.GetService<IEmbeddedCardPayments>() is not null)
        {
            app.MapPost("/webhooks/stripe", ReceiveStripeEventAsync);
        }

        app.MapGet("/Disputes/{id:guid}/Evidence/{evidenceId:guid}", ServeEvidenceAsync).RequireAuthorization();
        app.MapMarketplaceApi();
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }

    /// <summary>
    /// Stripe's webhook: the raw body is read as sent (the signature covers its exact bytes). 400 for a bad
    /// signature, 200 for a processed or replayed event; an error while processing is a 500, so Stripe retries.
    /// </summary>
    private static async Task<IResult> ReceiveStripeEventAsync(HttpRequest request, StripeWebhooks webhooks, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        var payload = await reader.ReadToEndAsync(ct);
        var outcome = await webhooks.ReceiveAsync(payload, request.Headers["Stripe-Signature"], ct);
        return outcome == WebhookOutcome.Rejected ? Results.BadRequest() : Results.Ok();
    }

    /// <summary>A dispute's evidence file, for its buyer, its seller and admins only (404 for anyone else, even signed in).</summary>
    private static async Task<IResult> ServeEvidenceAsync(Guid id, Guid evidenceId, HttpContext context, Marketplace.Core.Disputes.DisputeEvidenceFiles evidence, Marketplace.Core.Sellers.SellerQueries sellers, CancellationToken ct)
    {
        var userId = context.User.UserId()!.Value;
        var parties = new List<Marketplace.Core.Disputes.DisputeParty> { Marketplace.Core.Disputes.DisputeParty.Buyer(userId) };
        if (context.User.IsInRole(Marketplace.Core.Identity.Roles.Admin))
        {
            parties.Add(Marketplace.Core.Disputes.DisputeParty.Admin(userId));
        }

        if (await sellers.ForUserAsync(userId, ct) is { } store)
        {
            parties.Add(Marketplace.Core.Disputes.DisputeParty.Seller(store.Id));
        }

        if (await evidence.OpenAsync(parties, id, evidenceId, ct) is not { } file)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "private, no-store";
        return Results.Stream(file.Content, file.ContentType, enableRangeProcessing: true);
    }

    /// <summary>
    /// Listing photos and other public files, streamed from file storage with a long cache lifetime: a key is never
    /// reused (every upload gets a new id), so browsers and any CDN in front may keep it for a year.
    /// </summary>
    private static async Task<IResult> ServeMediaAsync(string key, IFileStorage storage, HttpContext context, CancellationToken ct)
    {
        if (!(key.StartsWith("listings/", StringComparison.Ordinal) || key.StartsWith("reviews/", StringComparison.Ordinal)) || key.Contains("..", StringComparison.Ordinal))
        {
            return Results.NotFound();
        }

        Stream? stream;
        try
        {
            stream = await storage.OpenReadAsync(key, ct);
        }
        catch (ArgumentException)
        {
            return Results.NotFound(); // not a key any store accepts (a backslash, a rooted path)
        }

        if (stream is null)
        {
            return Results.NotFound();
        }

        var contentType = _contentTypes.TryGetContentType(key, out var type) ? type : "application/octet-stream";
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
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

    /// <summary>With Stripe configured, Stripe.js and its card frames are allowed (on every page, as Stripe recommends for fraud signals).</summary>
    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var stripe = context.RequestServices.GetService<IEmbeddedCardPayments>() is not null;
        var headers = context.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        var policy = context.Request.Path.StartsWithSegments(ApiSetup.ReferenceUrl, StringComparison.OrdinalIgnoreCase) ? ApiReferencePolicy : stripe ? StripePolicy : Policy;
        if (context.RequestServices.GetRequiredService<MediaLinks>().Origin is { } media)
        {
            policy = policy.Replace("img-src 'self'", "img-src 'self' " + media, StringComparison.Ordinal);
        }

        headers.ContentSecurityPolicy = policy;
        return next();
    }
}

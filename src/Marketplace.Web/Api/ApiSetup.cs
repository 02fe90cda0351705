using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marketplace.Core.Api;
using Marketplace.Domain.Common;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Marketplace.Web.Api;

/// <summary><c>Api:RequestsPerMinute</c>: each token's budget (600 by default), counted in the database across instances.</summary>
public sealed class ApiOptions
{
    public int RequestsPerMinute { get; set; } = 600;
}

/// <summary>Errors as RFC 9457 problem details, with the same <see cref="DomainError"/> codes the pages use.</summary>
public static class ApiProblems
{
    public static int StatusFor(DomainError error) => error.Kind switch
    {
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Invalid => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>The error as a problem: its English message as the title, its code as <c>code</c>.</summary>
    public static IResult Result(DomainError error) =>
        Results.Problem(title: error.Message, statusCode: StatusFor(error), extensions: new Dictionary<string, object?> { ["code"] = error.Code });

    /// <summary>Field mistakes (422), keyed by the field's JSON path ("variants[0].price").</summary>
    public static IResult Invalid(IEnumerable<(string Field, string Message)> errors) =>
        Results.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "Some fields need fixing.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["code"] = "validation" });

    public static Task WriteAsync(HttpContext context, int status, DomainError error) =>
        WriteAsync(context, status, error.Message, error.Code);

    public static async Task WriteAsync(HttpContext context, int status, string title, string code)
    {
        context.Response.StatusCode = status;
        await Results.Problem(title: title, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code }).ExecuteAsync(context);
    }

    /// <summary>A title for a bare status (a route that doesn't exist, a body that isn't JSON).</summary>
    public static (string Title, string Code) ForStatus(int status) => status switch
    {
        400 => ("The request could not be read: check the JSON body and the parameters.", "bad_request"),
        404 => ("Nothing is here: check the address.", "not_found"),
        405 => ("That method isn't allowed here.", "method_not_allowed"),
        413 => ("The request is too large.", "too_large"),
        415 => ("Send the body as application/json (photos and evidence as multipart/form-data).", "unsupported_media_type"),
        _ => ("The request failed.", "error"),
    };
}

/// <summary>Wires the seller API: token scheme, scope policies, JSON, OpenAPI document and reference page, limits and idempotency.</summary>
public static class ApiSetup
{
    public const string Prefix = "/api/v1";
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string DocumentUrl = "/api/v1/openapi.json";
    public const string ReferenceUrl = "/api/docs";

    /// <summary>The largest body hashed for an idempotency key (photo uploads stay under the upload limit anyway).</summary>
    private const long MaxIdempotentBody = 32 * 1024 * 1024;

    public static IServiceCollection AddMarketplaceApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ApiOptions>(configuration.GetSection("Api"));
        services.AddScoped<ApiStore>();
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
        services.AddAuthorization(options =>
        {
            foreach (var scope in ApiScopes.All)
            {
                options.AddPolicy(ApiCallers.PolicyFor(scope), policy => policy
                    .AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName)
                    .RequireAuthenticatedUser()
                    .RequireClaim(ApiTokenAuthentication.ScopeClaim, scope));
            }
        });
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;

            // Numbers are numbers ("price": 1299, not "1299"), as the OpenAPI document says.
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });

        // A body or parameter that can't be read throws, so the API's problem answer can say where (the JSON path).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.OrdinalIgnoreCase) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new Microsoft.OpenApi.OpenApiInfo
                {
                    Title = "Marketplace seller API",
                    Version = "v1",
                    Description = "Run your store from your own tools: listings, stock and prices, orders, disputes, messages and payouts. "
                        + "Authenticate with a personal access token made on Seller → API access: `Authorization: Bearer mp_…`. "
                        + "Errors are problem details (RFC 9457) with a `code`. Each token may make " + "600 requests a minute by default (RateLimit headers). "
                        + "POSTs that create things accept an `Idempotency-Key` header: a retry with the same key returns the first answer. See docs/api.md.",
                };
                document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["token"] = new Microsoft.OpenApi.OpenApiSecurityScheme
                {
                    Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A personal access token (mp_…) from Seller → API access.",
                };
                document.Security = [new Microsoft.OpenApi.OpenApiSecurityRequirement { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference("token", document)] = [] }];
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                // Every problem this API sends carries the pages' error code.
                if (typeof(Microsoft.AspNetCore.Mvc.ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type) || context.JsonTypeInfo.Type == typeof(HttpValidationProblemDetails))
                {
                    schema.Properties ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSchema>();
                    schema.Properties["code"] = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, Description = "What went wrong, as a stable code (listing.not_found, api_token.scope, validation…)." };
                }

                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                operation.OperationId ??= OperationId(context.Description.HttpMethod, context.Description.RelativePath);
                if (string.Equals(context.Description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
                    {
                        Name = IdempotencyHeader,
                        In = Microsoft.OpenApi.ParameterLocation.Header,
                        Required = false,
                        Description = "Any unique string (≤ 255 characters): a retry with the same key returns the first answer instead of acting twice.",
                        Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, MaxLength = IdempotencyKeys.MaxKeyLength },
                    });
                }

                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiScopeMetadata>().FirstOrDefault() is { } scope)
                {
                    operation.Description = (operation.Description is { Length: > 0 } d ? d + "\n\n" : string.Empty) + $"Needs the `{scope.Scope}` permission.";
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>"GET api/v1/orders/{id}" → "getOrdersById", "POST api/v1/orders/{id}/ship" → "postOrdersByIdShip": stable names for generated clients.</summary>
    public static string OperationId(string? method, string? path)
    {
        var words = (path ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(2)
            .Select(segment => segment.StartsWith('{') ? "By" + Pascal(segment.Trim('{', '}').Split(':')[0]) : Pascal(segment));
        return (method ?? "get").ToLowerInvariant() + string.Concat(words);

        static string Pascal(string word) => string.Concat(word.Split('-').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
    }

    /// <summary>
    /// Early in the pipeline: API answers are never the site's HTML pages. Status-code pages are off for /api, a bare error
    /// status gets a problem body, and an unexpected exception is a problem 500 (logged, never a stack trace).
    /// </summary>
    public static WebApplication UseApiProblems(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    await next(context);
                }
                catch (BadHttpRequestException e) when (!context.Response.HasStarted)
                {
                    // The other minimal endpoints (media, evidence) throw too (ThrowOnBadRequest): the status page answers.
                    context.Response.StatusCode = e.StatusCode;
                }

                return;
            }

            if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            try
            {
                await next(context);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                // A body too large or unreadable, a parameter of the wrong type: say which.
                context.Response.Clear();
                var (title, code) = ApiProblems.ForStatus(e.StatusCode);
                var where = e.InnerException is JsonException { Path: { Length: > 0 } path } ? $" (at {path})"
                    : e.StatusCode == StatusCodes.Status400BadRequest && e.Message.StartsWith("Failed to bind parameter", StringComparison.Ordinal) ? $" ({e.Message})"
                    : string.Empty;
                await ApiProblems.WriteAsync(context, e.StatusCode, title + where, code);
                return;
            }
#pragma warning disable CA1031 // Any failure becomes a problem 500; the details go to the log only.
            catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
#pragma warning restore CA1031
            {
                app.Logger.LogError(e, "The API request {Method} {Path} failed", context.Request.Method, context.Request.Path);
                context.Response.Clear();
                await ApiProblems.WriteAsync(context, StatusCodes.Status500InternalServerError, "Something went wrong on our side. Try again in a moment (with the same Idempotency-Key, if you sent one).", "server_error");
                return;
            }

            if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && context.Response.ContentLength is null && string.IsNullOrEmpty(context.Response.ContentType))
            {
                var (title, code) = ApiProblems.ForStatus(context.Response.StatusCode);
                await ApiProblems.WriteAsync(context, context.Response.StatusCode, title, code);
            }
        });
        return app;
    }

    /// <summary>After authorization (the token is known): the per-token rate limit with its headers, then idempotency keys.</summary>
    public static WebApplication UseApiGuards(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase), api => api.Use(async (context, next) =>
        {
            if (context.User.ApiCaller() is not { } caller)
            {
                await next(context);
                return;
            }

            if (!await WithinRateAsync(context, caller))
            {
                return;
            }

            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.TryGetValue(IdempotencyHeader, out var keys))
            {
                await IdempotentlyAsync(context, caller, keys.ToString(), next);
                return;
            }

            await next(context);
        }));
        return app;
    }

    /// <summary>
    /// The token's budget a minute, told in RateLimit headers; uploads (multipart posts) also count on the store's upload
    /// limit, the same one its pages use. Over either: 429 with Retry-After.
    /// </summary>
    private static async Task<bool> WithinRateAsync(HttpContext context, ApiCaller caller)
    {
        var services = context.RequestServices;
        if (!services.GetRequiredService<IOptions<RateLimitOptions>>().Value.Enabled)
        {
            return true;
        }

        var limit = Math.Max(1, services.GetRequiredService<IOptions<ApiOptions>>().Value.RequestsPerMinute);
        var (count, reset) = await HitAsync(context, $"api:token:{caller.TokenId:N}", new RateRule(limit, TimeSpan.FromMinutes(1)));
        var headers = context.Response.Headers;
        headers["RateLimit-Policy"] = $"{limit};w=60";
        headers["RateLimit-Limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = Math.Max(0, limit - (count ?? limit)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = reset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (count is null)
        {
            return await RefuseAsync(context, reset, $"This token made more than {limit} requests this minute. Try again in {reset} s.");
        }

        if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
        {
            var rule = RateLimits.UploadsPerUser;
            var (uploads, uploadsReset) = await HitAsync(context, $"{RateLimits.Uploads}:seller:{caller.SellerId:N}", rule);
            if (uploads is null)
            {
                return await RefuseAsync(context, uploadsReset, $"This store uploaded more than {rule.Limit} files this hour. Try again in {uploadsReset} s.");
            }
        }

        return true;
    }

    private static Task<(int? Count, long Reset)> HitAsync(HttpContext context, string key, RateRule rule) =>
        RateLimits.HitAsync(context.RequestServices.GetRequiredService<Core.RateLimits.RateLimitStore>(), context.RequestServices.GetRequiredService<RateLimitClock>().Time, key, rule, context.RequestAborted);

    private static async Task<bool> RefuseAsync(HttpContext context, long retryAfter, string title)
    {
        context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await ApiProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests, title, "rate_limited");
        return false;
    }

    /// <summary>
    /// The first request with a key runs and its answer is kept (a 409 or 5xx isn't: the key is freed for a retry); the same key and
    /// request again gets that answer with <c>Idempotent-Replayed: true</c>; while the first still runs, 409; the key with a
    /// different request, 422.
    /// </summary>
    private static async Task IdempotentlyAsync(HttpContext context, ApiCaller caller, string key, RequestDelegate next)
    {
        if (key.Length is 0 or > IdempotencyKeys.MaxKeyLength)
        {
            await ApiProblems.WriteAsync(context, StatusCodes.Status400BadRequest, $"An Idempotency-Key has 1 to {IdempotencyKeys.MaxKeyLength} characters.", "idempotency.key");
            return;
        }

        if (context.Request.ContentLength > MaxIdempotentBody)
        {
            await ApiProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "The request is too large.", "too_large");
            return;
        }

        context.Request.EnableBuffering(bufferThreshold: 1024 * 1024, bufferLimit: MaxIdempotentBody);
        var hash = await RequestHashAsync(context.Request, context.RequestAborted);
        var keys = context.RequestServices.GetRequiredService<IdempotencyKeys>();
        var start = await keys.BeginAsync(caller.SellerId, key, hash, context.RequestAborted);
        switch (start.State)
        {
            case IdempotencyState.Replay:
                var record = start.Record!;
                context.Response.StatusCode = record.StatusCode!.Value;
                context.Response.Headers["Idempotent-Replayed"] = "true";
                if (record.Location is { } location)
                {
                    context.Response.Headers.Location = location;
                }

                if (record.ContentType is { } type)
                {
                    context.Response.ContentType = type;
                }

                await context.Response.Body.WriteAsync(record.Body ?? [], context.RequestAborted);
                return;
            case IdempotencyState.InProgress:
                await ApiProblems.WriteAsync(context, StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still being answered. Try again in a moment.", "idempotency.in_progress");
                return;
            case IdempotencyState.Mismatch:
                await ApiProblems.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, "This Idempotency-Key was used for a different request. Use a new key for a new request.", "idempotency.mismatch");
                return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var completed = false;
        try
        {
            await next(context);
            if (IdempotencyKeys.Keeps(context.Response.StatusCode))
            {
                await keys.CompleteAsync(caller.SellerId, key, context.Response.StatusCode, context.Response.ContentType, context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null, buffer.ToArray(), CancellationToken.None);
                completed = true;
            }
        }
        finally
        {
            context.Response.Body = original;
            if (!completed)
            {
                await keys.AbandonAsync(caller.SellerId, key, CancellationToken.None);
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task<string> RequestHashAsync(HttpRequest request, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The OpenAPI document at /api/v1/openapi.json and its reference page at /api/docs (Scalar, served from the app).</summary>
    public static WebApplication MapMarketplaceApi(this WebApplication app)
    {
        app.MapOpenApi("/api/{documentName}/openapi.json");
        app.MapScalarApiReference(ReferenceUrl, options =>
        {
            options.WithTitle("Marketplace seller API")
                .WithOpenApiRoutePattern("/api/{documentName}/openapi.json")
                .AddDocument("v1");

            // Nothing from elsewhere: no web fonts, telemetry, AI chat or hosted tools (the page works offline).
            options.DefaultFonts = false;
            options.Telemetry = false;
            options.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            options.Agent = new ScalarAgentOptions { Disabled = true };
            options.HideClientButton = true;
        });
        var api = app.MapGroup(Prefix).DisableAntiforgery();
        ListingsApi.Map(api);
        OrdersApi.Map(api);
        DisputesApi.Map(api);
        MessagesApi.Map(api);
        PayoutsApi.Map(api);
        return app;
    }

    /// <summary>
    /// Requires a token with <paramref name="scope"/> (401 without a valid token, 403 without the permission) and tells the
    /// OpenAPI document what a success returns and which problems may come back.
    /// </summary>
    public static RouteHandlerBuilder Needs<TResponse>(this RouteHandlerBuilder endpoint, string scope, int status = StatusCodes.Status200OK) =>
        endpoint.RequireAuthorization(ApiCallers.PolicyFor(scope))
            .WithMetadata(new ApiScopeMetadata(scope))
            .Produces<TResponse>(status)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}

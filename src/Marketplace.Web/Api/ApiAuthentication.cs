using System.Security.Claims;
using System.Text.Encodings.Web;
using Marketplace.Core.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Api;

/// <summary>
/// The seller API's authentication: <c>Authorization: Bearer mp_…</c>, a personal access token checked on every request
/// (<see cref="ApiTokens.AuthenticateAsync"/>). Only the API's endpoints use this scheme; the sign-in cookie never opens
/// them, and a token never opens a page.
/// </summary>
public sealed class ApiTokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string TokenClaim = "api_token";
    public const string SellerClaim = "seller";
    public const string ScopeClaim = "scope";

    private const string RefusalItem = "ApiToken.Refusal";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var tokens = Context.RequestServices.GetRequiredService<ApiTokens>();
        var address = Context.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null;
        var caller = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), address, Context.RequestAborted);
        if (!caller.Succeeded)
        {
            Context.Items[RefusalItem] = caller.Error;
            return AuthenticateResult.Fail(caller.Error!.Message);
        }

        var claims = new List<Claim>
        {
            new(TokenClaim, caller.Value!.TokenId.ToString()),
            new(SellerClaim, caller.Value.SellerId.ToString()),
        };
        claims.AddRange(caller.Value.Scopes.Select(s => new Claim(ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>401 with a problem body saying why (missing, unknown/revoked/expired, or the store is suspended).</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var refusal = Context.Items[RefusalItem] as Domain.Common.DomainError;
        Response.Headers.WWWAuthenticate = refusal is null ? "Bearer realm=\"marketplace\"" : "Bearer realm=\"marketplace\", error=\"invalid_token\"";
        await ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, refusal ?? ApiTokenErrors.Invalid);
    }

    /// <summary>403 naming the permission the token lacks.</summary>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var scope = Context.GetEndpoint()?.Metadata.GetMetadata<ApiScopeMetadata>()?.Scope ?? "?";
        return ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, Domain.Common.DomainError.Of("api_token.scope", Domain.Common.ErrorKind.Forbidden, "This token doesn't have the {0} permission.", scope));
    }
}

/// <summary>The permission an endpoint needs (also shown in the OpenAPI document).</summary>
public sealed record ApiScopeMetadata(string Scope);

public static class ApiCallers
{
    /// <summary>The token's caller, or null when the request didn't come with a valid token.</summary>
    public static ApiCaller? ApiCaller(this ClaimsPrincipal user) =>
        user.Identity?.AuthenticationType == ApiTokenAuthentication.SchemeName
        && Guid.TryParse(user.FindFirstValue(ApiTokenAuthentication.TokenClaim), out var token)
        && Guid.TryParse(user.FindFirstValue(ApiTokenAuthentication.SellerClaim), out var seller)
            ? new ApiCaller(token, seller, user.FindAll(ApiTokenAuthentication.ScopeClaim).Select(c => c.Value).ToList())
            : null;

    public static string PolicyFor(string scope) => "api:" + scope;
}

using System.Net;
using Marketplace.Core.Exchange;
using Marketplace.Core.Identity;
using Marketplace.Domain.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Testing;

public static class MarketplaceAppFactoryExtensions
{
    public const string Password = "Test-Pass-123";

    public static HttpClient CreateBrowserLikeClient(this MarketplaceAppFactory factory, bool followRedirects = true) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects, HandleCookies = true });

    public static async Task<AppUser> CreateUserAsync(this MarketplaceAppFactory factory, string email, bool confirmed = true, params string[] roles)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await scope.ServiceProvider.GetRequiredService<RoleSeeder>().EnsureRolesAsync();
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = confirmed,
            DisplayName = email.Split('@')[0],
            CreatedAt = factory.Clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        if (roles.Length > 0)
        {
            await users.AddToRolesAsync(user, roles);
        }

        return user;
    }

    /// <summary>A sign-in cookie's value for <paramref name="user"/>, issued at <paramref name="issued"/>, as the app writes it.</summary>
    public static async Task<string> SignInCookieAsync(this MarketplaceAppFactory factory, AppUser user, DateTimeOffset issued)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>().CreateUserPrincipalAsync(user);
        return SignInCookieOptions(factory).TicketDataFormat.Protect(new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = issued }, IdentityConstants.ApplicationScheme));
    }

    /// <summary>The status of a GET of <paramref name="path"/> from a new browser that sends only this sign-in cookie (redirects not followed).</summary>
    public static async Task<HttpStatusCode> StatusWithSignInCookieAsync(this MarketplaceAppFactory factory, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"{SignInCookieOptions(factory).Cookie.Name}={cookie}");
        using var client = factory.CreateBrowserLikeClient(followRedirects: false);
        return (await client.SendAsync(request)).StatusCode;
    }

    /// <summary>The app's sign-in cookie options (its name, and the format that protects and reads it).</summary>
    public static CookieAuthenticationOptions SignInCookieOptions(this MarketplaceAppFactory factory) =>
        factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);

    /// <summary>Logs in through the real login form; returns the response after redirects.</summary>
    public static async Task<HttpResponseMessage> LogInAsync(this HttpClient client, string email, string password = Password) =>
        await client.SubmitFormAsync("/Identity/Account/Login", "form#account", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.RememberMe"] = "false",
        });

    public static async Task<HttpClient> SignInAsAsync(this MarketplaceAppFactory factory, string email, params string[] roles)
    {
        await factory.CreateUserAsync(email, confirmed: true, roles);
        var client = factory.CreateBrowserLikeClient();
        var response = await client.LogInAsync(email);
        if (response.StatusCode != HttpStatusCode.OK || response.RequestMessage?.RequestUri?.AbsolutePath.Contains("Login", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Logging in as {email} failed: ended at {response.RequestMessage?.RequestUri}.");
        }

        return client;
    }

    /// <summary>A browser-like client logged in as an existing user (e.g. the buyer an order builder made).</summary>
    public static async Task<HttpClient> SignInAsUserAsync(this MarketplaceAppFactory factory, Guid userId)
    {
        var user = await factory.Services.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(userId.ToString());
        var client = factory.CreateBrowserLikeClient();
        await client.LogInAsync(user!.Email!);
        return client;
    }

    public static Task<HttpClient> SignInAsAdminAsync(this MarketplaceAppFactory factory) =>
        factory.SignInAsAsync($"admin-{Guid.NewGuid():N}@test.local", Roles.Admin);

    /// <summary>Imports USD 1.16, GBP 0.86, JPY 180.5 per euro, dated <paramref name="age"/> before the test clock's today.</summary>
    public static Task ImportTestRatesAsync(this MarketplaceAppFactory factory, TimeSpan? age = null)
    {
        var now = factory.Clock.GetUtcNow();
        var table = new RateTable(new Dictionary<string, decimal> { ["USD"] = 1.16m, ["GBP"] = 0.86m, ["JPY"] = 180.5m }, DateOnly.FromDateTime((now - (age ?? TimeSpan.Zero)).UtcDateTime), "test rates", now);
        return factory.RunAsync<ExchangeRatesStore, bool>(async s =>
        {
            await s.ImportAsync(table, CancellationToken.None);
            return true;
        });
    }
}

using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// What changes when the app faces the internet behind a TLS-terminating proxy, all derived from <c>App:PublicUrl</c>
/// and two lists of trusted proxies:
/// <list type="bullet">
/// <item><c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed only from <c>ForwardedHeaders:KnownProxies</c>
/// (IP addresses) or <c>ForwardedHeaders:KnownNetworks</c> (CIDR, e.g. 10.0.0.0/8), plus this machine (a proxy on the
/// same host works with no setting). From anyone else they are ignored: a client can't pretend to be another IP.</item>
/// <item>With an https public URL: sign-in and antiforgery cookies are Secure, and plain-http requests (other than
/// /health probes) are redirected to https. HSTS is sent on https requests outside Development.</item>
/// <item>Outside Development and Testing, when <c>AllowedHosts</c> is not set, only the public URL's host and this
/// machine's names are answered (a forged Host header gets 400).</item>
/// </list>
/// </summary>
public static class InternetFacing
{
    public static Uri PublicUrl(IConfiguration configuration) => new(configuration["App:PublicUrl"] ?? Marketplace.Core.Notifications.NotificationOptions.DefaultPublicUrl);

    public static IServiceCollection AddMarketplaceInternetFacing(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var publicUrl = PublicUrl(configuration);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        if (publicUrl.Scheme == Uri.UriSchemeHttps)
        {
            services.AddHttpsRedirection(options => options.HttpsPort = publicUrl.Port);
            services.ConfigureApplicationCookie(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        }

        if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing") && string.IsNullOrWhiteSpace(configuration["AllowedHosts"]))
        {
            services.PostConfigure<HostFilteringOptions>(options => options.AllowedHosts = [publicUrl.Host, "localhost", "127.0.0.1", "[::1]"]);
        }

        return services;
    }

    /// <summary>First in the pipeline: the client's address and scheme as the trusted proxy saw them.</summary>
    public static WebApplication UseMarketplaceProxy(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        if (PublicUrl(app.Configuration).Scheme == Uri.UriSchemeHttps)
        {
            app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics"), branch => branch.UseHttpsRedirection());
        }

        return app;
    }
}

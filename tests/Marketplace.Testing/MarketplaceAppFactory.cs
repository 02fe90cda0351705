using System.Net;
using Marketplace.Core.Data;
using Marketplace.Core.Time;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Marketplace.Testing;

/// <summary>
/// The real app (Program.cs, the whole pipeline) on its own PostgreSQL database, with a fake clock.
/// Tests talk to it through intent methods (<see cref="MarketplaceAppFactoryExtensions"/>).
/// </summary>
public class MarketplaceAppFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly string _dataPath = Directory.CreateTempSubdirectory("marketplace-app-").FullName;

    private readonly Action<IServiceCollection>? _services;

    private IHost? _host;

    public MarketplaceAppFactory(TestDatabase? database, string environment = "Testing", IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        Database = database;
        if (database is not null)
        {
            database.AfterReset += ForgetCachedPagesAsync;
        }

        _environment = environment;
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database is null ? "Sqlite" : "Postgres",
            ["ConnectionStrings:Marketplace"] = database?.ConnectionString ?? string.Empty,
            ["Database:MigrateOnStartup"] = "false",
            ["Database:SeedDemo"] = "false",
            ["Jobs:Enabled"] = "false",
            ["RateLimits:Enabled"] = "false",
            ["Webhooks:AllowPrivateNetworks"] = "true",
            ["App:DataPath"] = _dataPath,
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            // null: not set at all, so the app's own appsettings files decide.
            if (value is null)
            {
                _settings.Remove(key);
            }
            else
            {
                _settings[key] = value;
            }
        }
    }

    public TestDatabase? Database { get; }

    /// <summary>
    /// One more app instance on a database another owns (the caller disposes <paramref name="database"/>): several
    /// instances on one PostgreSQL database, as behind a load balancer.
    /// </summary>
    public static MarketplaceAppFactory Instance(TestDatabase database, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        Instance(database.ConnectionString, settings, services);

    /// <summary>An app instance on any PostgreSQL database (a primary the test started, say).</summary>
    public static MarketplaceAppFactory Instance(string connectionString, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Marketplace"] = connectionString,
        };
        return new MarketplaceAppFactory(database: null, settings: all, services: services);
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public string DataPath => _dataPath;

    /// <summary>The base address when the app runs on Kestrel (browser tests).</summary>
    public Uri ServerAddress
    {
        get
        {
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>() ?? throw new InvalidOperationException("Not running on Kestrel.");
            return new Uri(addresses.Addresses.First());
        }
    }

    /// <summary>Serve on a real socket at 127.0.0.1 (a free port) instead of the in-memory test server.</summary>
    public MarketplaceAppFactory OnKestrel()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        return this;
    }

    /// <summary>A context of its own on the app's database (PostgreSQL, or the app's SQLite file), for the caller to dispose.</summary>
    public MarketplaceDbContext CreateDbContext()
    {
        // Changes made through it evict the app's cached pages, as the app's own changes do.
        Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors =
        [
            .. _host?.Services.GetService<Marketplace.Core.Catalog.CatalogChangeInterceptor>() is { } catalogChanges ? [catalogChanges] : Array.Empty<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(),
            .. _host?.Services.GetService<Marketplace.Core.Api.WebhookEventsInterceptor>() is { } webhookEvents ? [webhookEvents] : Array.Empty<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(),
            .. _host?.Services.GetService<Marketplace.Core.Identity.HeaderCountCache>() is { } headerCounts ? [headerCounts] : Array.Empty<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(),
        ];
        if (Database is not null)
        {
            return Database.CreateContext(interceptors);
        }

        var options = Services.GetRequiredService<Marketplace.Web.Infrastructure.DatabaseOptions>();
        return options.Provider == Marketplace.Web.Infrastructure.DatabaseProvider.Postgres
            ? Marketplace.Data.Postgres.PostgresDatabase.CreateStandalone(options.ConnectionString, interceptors)
            : Marketplace.Data.Sqlite.SqliteDatabase.CreateStandalone(options.ConnectionString, interceptors);
    }

    /// <summary>The running app's cached pages, catalog data and header counts are forgotten (after its database was changed behind its back).</summary>
    public async Task ForgetCachedPagesAsync()
    {
        if (_host?.Services.GetService<Marketplace.Core.Catalog.ICatalogPages>() is { } pages)
        {
            await pages.ChangedAsync(null);
        }

        _host?.Services.GetService<Marketplace.Core.Identity.HeaderCountCache>()?.Changed();
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        _host = base.CreateHost(builder);
        return _host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            var hasOffsetClock = services.Any(d => d.ServiceType == typeof(OffsetTimeProvider));
            services.RemoveAll<TimeProvider>();
            services.RemoveAll<OffsetTimeProvider>();
            if (hasOffsetClock)
            {
                // The admin's fast-forward moves the same fake clock the tests control.
                var clock = new OffsetTimeProvider(Clock);
                services.AddSingleton(clock);
                services.AddSingleton<TimeProvider>(clock);
            }
            else
            {
                services.AddSingleton<TimeProvider>(Clock);
            }

            _services?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // a file still open on a slow shutdown: the OS temp cleaner takes it
        }

        GC.SuppressFinalize(this);
    }
}

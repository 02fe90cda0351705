using Marketplace.Core.Data;
using Marketplace.Data.Postgres;
using Marketplace.Data.Sqlite;

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// The app's <see cref="MarketplaceDbContext"/> pools: a request scope leases a context from the primary's pool, or from
/// the standby's when <see cref="StandbyReads.UsesStandby"/> says so, and returns it when the scope ends. Each pool's
/// options are built once, with the interceptors (all singletons) and the app's services (logging, Identity's options).
/// </summary>
public sealed class MarketplaceContextPools
{
    private readonly DatabaseOptions _options;
    private readonly Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<MarketplaceDbContext> _primary;
    private readonly Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<MarketplaceDbContext>? _standby;

    public MarketplaceContextPools(IServiceProvider root, DatabaseOptions options)
    {
        _options = options;
        _primary = new(Build(root, options, options.ConnectionString));
        _standby = options is { Provider: DatabaseProvider.Postgres, StandbyConnectionString: { } standby } ? new(Build(root, options, standby)) : null;
    }

    public MarketplaceDbContext Lease(IServiceProvider scope) =>
        (_standby is not null && StandbyReads.UsesStandby(scope, _options) ? _standby : _primary).CreateDbContext();

    private static Microsoft.EntityFrameworkCore.DbContextOptions<MarketplaceDbContext> Build(IServiceProvider root, DatabaseOptions options, string connectionString)
    {
        var db = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<MarketplaceDbContext>().UseApplicationServiceProvider(root);
        _ = options.Provider switch
        {
            DatabaseProvider.Sqlite => SqliteDatabase.Use(db, connectionString),
            DatabaseProvider.Postgres => PostgresDatabase.Use(db, connectionString),
        };
        if (root.GetService<Marketplace.Core.Catalog.CatalogChangeInterceptor>() is { } catalogChanges)
        {
            db.AddInterceptors(catalogChanges);
        }

        db.AddInterceptors(root.GetRequiredService<Marketplace.Core.Api.WebhookEventsInterceptor>(), root.GetRequiredService<Marketplace.Core.Identity.HeaderCountCache>());
        // EF Core warns of Take without OrderBy; the one such read left on purpose is the search's capped count, a set of at
        // most 1,001 matches whose order doesn't matter (ordering it would make PostgreSQL read every match). Found by making
        // the warning throw across the integration suite; kept at Debug so an operator's log doesn't cry wolf at each search.
        db.ConfigureWarnings(w => w.Log((Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.RowLimitingOperationWithoutOrderByWarning, Microsoft.Extensions.Logging.LogLevel.Debug)));
        return db.Options;
    }
}

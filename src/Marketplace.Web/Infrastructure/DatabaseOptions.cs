namespace Marketplace.Web.Infrastructure;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// <c>Database:Provider</c> = Sqlite (default: a file in the data folder) or Postgres
/// (<c>ConnectionStrings:Marketplace</c>). SQLite is migrated at every start; PostgreSQL unless
/// <c>Database:MigrateOnStartup</c> is false. Demo data only when asked for: <c>--seed-demo</c> or
/// <c>Database:SeedDemo=true</c> (appsettings.Development.json sets it, so <c>dotnet run</c> starts with the demo).
/// PostgreSQL only: <c>ConnectionStrings:MarketplaceStandby</c> (a hot standby, or an Npgsql multi-host string with
/// <c>Target Session Attributes=prefer-standby</c>) takes the reads that may be slightly stale (see <see cref="StandbyReads"/>);
/// <c>Database:ReadYourWritesSeconds</c> (30) is how long after a person's own write their reads stay on the primary.
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString, string DataPath, bool MigrateOnStartup, bool? SeedDemo)
{
    /// <summary>Where stale-tolerant reads go (null: everything on the primary).</summary>
    public string? StandbyConnectionString { get; init; }

    public TimeSpan ReadYourWritesWindow { get; init; } = TimeSpan.FromSeconds(30);

    public static DatabaseOptions From(IConfiguration configuration, IHostEnvironment environment)
    {
        var dataPath = Path.GetFullPath(configuration["App:DataPath"] ?? Path.Combine(environment.ContentRootPath, "App_Data"));
        Directory.CreateDirectory(dataPath);
        var providerText = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
        {
            throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{providerText}'.");
        }

        var connectionString = configuration.GetConnectionString("Marketplace");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider switch
            {
                DatabaseProvider.Sqlite => $"Data Source={Path.Combine(dataPath, "marketplace.db")}",
                DatabaseProvider.Postgres => throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Marketplace is not set."),
            };
        }

        // EF Core takes a database lock while migrating, so several instances starting at once are safe.
        var migrate = provider == DatabaseProvider.Sqlite || configuration.GetValue("Database:MigrateOnStartup", true);
        var seed = configuration.GetValue<bool?>("Database:SeedDemo");
        var standby = configuration.GetConnectionString("MarketplaceStandby");
        if (!string.IsNullOrWhiteSpace(standby) && provider != DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException("ConnectionStrings:MarketplaceStandby is a PostgreSQL standby: it needs Database:Provider=Postgres.");
        }

        var window = configuration.GetValue("Database:ReadYourWritesSeconds", 30);
        if (window < 0)
        {
            throw new InvalidOperationException("Database:ReadYourWritesSeconds can't be negative.");
        }

        return new DatabaseOptions(provider, connectionString, dataPath, migrate, seed)
        {
            StandbyConnectionString = string.IsNullOrWhiteSpace(standby) ? null : standby,
            ReadYourWritesWindow = TimeSpan.FromSeconds(window),
        };
    }
}

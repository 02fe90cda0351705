using Marketplace.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Marketplace.Data.Postgres;

/// <summary>The main engine: PostgreSQL through Npgsql, migrations from this assembly.</summary>
public static class PostgresDatabase
{
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PostgresDatabase).Assembly.GetName().Name))
            .ReplaceService<IModelCustomizer, PostgresModelCustomizer>();

    /// <summary>A context outside the app (dotnet-ef, tests, tools), with the same model as the app's.</summary>
    public static MarketplaceDbContext CreateStandalone(string connectionString, params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) =>
        new((DbContextOptions<MarketplaceDbContext>)Use(new DbContextOptionsBuilder<MarketplaceDbContext>().Standalone(), connectionString).AddInterceptors(interceptors).Options);
}

/// <summary>Used by dotnet-ef only (see docs/migrations.md); needs no running server to add a migration.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<MarketplaceDbContext>
{
    public MarketplaceDbContext CreateDbContext(string[] args) => PostgresDatabase.CreateStandalone("Host=localhost;Database=marketplace_design");
}

/// <summary>
/// A PostgreSQL advisory lock held while one instance does the start-up work (migrations, roles, demo data): instances
/// started together wait in turn, and each finds the work done by the one before it. The lock's own connection isn't
/// pooled, so it ends with the lock even if the process dies.
/// </summary>
public sealed class PostgresStartupLock : IAsyncDisposable
{
    private const long Key = 0x4D6B_7453_7472_7431; // "MktStrt1"

    private readonly Npgsql.NpgsqlConnection _connection;

    private PostgresStartupLock(Npgsql.NpgsqlConnection connection) => _connection = connection;

    /// <summary>Waits for the lock; a database that doesn't exist yet is created first (as migrations would), once.</summary>
    public static async Task<PostgresStartupLock> AcquireAsync(MarketplaceDbContext db, string connectionString, CancellationToken ct = default)
    {
        try
        {
            return await AcquireAsync(connectionString, ct);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.InvalidCatalogName)
        {
            try
            {
                await db.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>().CreateAsync(ct);
            }
            catch (Npgsql.PostgresException created) when (created.SqlState is Npgsql.PostgresErrorCodes.DuplicateDatabase or Npgsql.PostgresErrorCodes.UniqueViolation)
            {
                // another instance created it a moment ago
            }

            Npgsql.NpgsqlConnection.ClearAllPools();
            return await AcquireAsync(connectionString, ct);
        }
    }

    private static async Task<PostgresStartupLock> AcquireAsync(string connectionString, CancellationToken ct)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new Npgsql.NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            // Waits as long as the instance before it works (migrations and a demo seed can take minutes).
            await using var command = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(ct);
            return new PostgresStartupLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", _connection);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}

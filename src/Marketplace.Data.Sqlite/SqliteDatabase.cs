using Marketplace.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Marketplace.Data.Sqlite;

/// <summary>The embedded default: one SQLite file, migrations from this assembly.</summary>
public static class SqliteDatabase
{
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name))
            .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCustomizer, SqliteModelCustomizer>();

    /// <summary>A context outside the app (dotnet-ef, tests, tools), with the same model as the app's.</summary>
    public static MarketplaceDbContext CreateStandalone(string connectionString, params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) =>
        new((DbContextOptions<MarketplaceDbContext>)Use(new DbContextOptionsBuilder<MarketplaceDbContext>().Standalone(), connectionString).AddInterceptors(interceptors).Options);
}

/// <summary>Used by dotnet-ef only (see docs/migrations.md).</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<MarketplaceDbContext>
{
    public MarketplaceDbContext CreateDbContext(string[] args) => SqliteDatabase.CreateStandalone("Data Source=design-time.db");
}

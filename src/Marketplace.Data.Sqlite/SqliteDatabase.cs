using Marketplace.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Marketplace.Data.Sqlite;

/// <summary>The embedded default: one SQLite file, migrations from this assembly.</summary>
public static class SqliteDatabase
{
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name));
}

/// <summary>Used by dotnet-ef only (see docs/migrations.md).</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<MarketplaceDbContext>
{
    public MarketplaceDbContext CreateDbContext(string[] args) =>
        new(SqliteDatabase.Use(new DbContextOptionsBuilder<MarketplaceDbContext>(), "Data Source=design-time.db").Options
            as DbContextOptions<MarketplaceDbContext> ?? throw new InvalidOperationException());
}

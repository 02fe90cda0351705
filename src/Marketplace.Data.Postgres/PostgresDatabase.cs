using Marketplace.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Marketplace.Data.Postgres;

/// <summary>The main engine: PostgreSQL through Npgsql, migrations from this assembly.</summary>
public static class PostgresDatabase
{
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PostgresDatabase).Assembly.GetName().Name));
}

/// <summary>Used by dotnet-ef only (see docs/migrations.md); needs no running server to add a migration.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<MarketplaceDbContext>
{
    public MarketplaceDbContext CreateDbContext(string[] args) =>
        new(PostgresDatabase.Use(new DbContextOptionsBuilder<MarketplaceDbContext>(), "Host=localhost;Database=marketplace_design").Options
            as DbContextOptions<MarketplaceDbContext> ?? throw new InvalidOperationException());
}

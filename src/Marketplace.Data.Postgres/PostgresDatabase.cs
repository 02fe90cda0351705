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
    public static MarketplaceDbContext CreateStandalone(string connectionString) =>
        new((DbContextOptions<MarketplaceDbContext>)Use(new DbContextOptionsBuilder<MarketplaceDbContext>().Standalone(), connectionString).Options);
}

/// <summary>Used by dotnet-ef only (see docs/migrations.md); needs no running server to add a migration.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<MarketplaceDbContext>
{
    public MarketplaceDbContext CreateDbContext(string[] args) => PostgresDatabase.CreateStandalone("Host=localhost;Database=marketplace_design");
}

using Marketplace.Testing;

namespace Marketplace.IntegrationTests;

/// <summary>One app on its own PostgreSQL database per test class; emptied before every test.</summary>
public sealed class PostgresApp : IAsyncLifetime
{
    public MarketplaceAppFactory Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Factory = new MarketplaceAppFactory(await TestDatabase.CreateMigratedAsync());
        _ = Factory.Server;
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}

public abstract class AppTest(PostgresApp app) : IClassFixture<PostgresApp>, IAsyncLifetime
{
    protected MarketplaceAppFactory Factory => app.Factory;

    protected CatalogBuilder Catalog => new(app.Factory);

    public virtual async ValueTask InitializeAsync() => await app.Factory.Database!.ResetAsync();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

using Marketplace.Core.Data;
using Marketplace.Data.Postgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Marketplace.Testing;

/// <summary>
/// A fresh PostgreSQL database per app instance, copied from a template that the migrations built once
/// per test run (CREATE DATABASE ... TEMPLATE is much faster than migrating every time).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim _gate = new(1, 1);
    private static string? _template;

    private readonly PostgresServer _server;

    private TestDatabase(PostgresServer server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = server.ConnectionStringFor(name);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>A migrated, empty database.</summary>
    public static async Task<TestDatabase> CreateMigratedAsync()
    {
        var server = await PostgresServer.GetAsync();
        var name = "mk_" + Guid.NewGuid().ToString("N")[..16];
        await _gate.WaitAsync();
        try
        {
            _template ??= await BuildTemplateAsync(server);
            await ExecuteAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{_template}\"");
        }
        finally
        {
            _gate.Release();
        }

        return new TestDatabase(server, name);
    }

    /// <summary>An empty database with no schema at all, for start-up migration tests.</summary>
    public static async Task<TestDatabase> CreateEmptyAsync()
    {
        var server = await PostgresServer.GetAsync();
        var name = "mk_empty_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        return new TestDatabase(server, name);
    }

    public MarketplaceDbContext CreateContext(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) =>
        PostgresDatabase.CreateStandalone(ConnectionString, interceptors);

    /// <summary>Told after each reset (an app on this database forgets the pages it cached from the old rows).</summary>
    public event Func<Task>? AfterReset;

    /// <summary>Empties every table but the migrations history, and every materialized view, so the next test starts clean.</summary>
    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var list = new NpgsqlCommand(
            "SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') FROM pg_tables " +
            "WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'", connection);
        var tables = await list.ExecuteScalarAsync() as string;
        if (!string.IsNullOrEmpty(tables))
        {
            await using var truncate = new NpgsqlCommand($"TRUNCATE {tables} RESTART IDENTITY CASCADE", connection);
            await truncate.ExecuteNonQueryAsync();
        }

        // TRUNCATE leaves materialized views holding the last test's rows (the search's suggested words).
        await using (var views = new NpgsqlCommand("SELECT string_agg(format('REFRESH MATERIALIZED VIEW %I.%I', schemaname, matviewname), '; ') FROM pg_matviews WHERE schemaname = 'public'", connection))
        {
            if (await views.ExecuteScalarAsync() is string refresh)
            {
                await using var empty = new NpgsqlCommand(refresh, connection);
                await empty.ExecuteNonQueryAsync();
            }
        }

        foreach (var handler in AfterReset?.GetInvocationList().Cast<Func<Task>>() ?? [])
        {
            await handler();
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private static async Task<string> BuildTemplateAsync(PostgresServer server)
    {
        var template = "mk_template_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server, $"CREATE DATABASE \"{template}\"");
        await using (var db = PostgresDatabase.CreateStandalone(server.ConnectionStringFor(template)))
        {
            await db.Database.MigrateAsync();
        }

        // A template cannot be copied while anyone is connected to it.
        NpgsqlConnection.ClearAllPools();
        return template;
    }

    private static async Task ExecuteAsync(PostgresServer server, string sql)
    {
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

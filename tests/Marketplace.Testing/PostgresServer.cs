using System.Diagnostics;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Marketplace.Testing;

/// <summary>
/// One PostgreSQL server for the whole test run, found in this order:
/// 1. <c>MARKETPLACE_TEST_POSTGRES</c> (a connection string whose user may create databases);
/// 2. a throwaway cluster started from the PostgreSQL binaries on this machine (initdb/pg_ctl on PATH
///    or under /usr/lib/postgresql/*/bin) on a free loopback port, removed afterwards;
/// 3. a Testcontainers container when a Docker engine answers;
/// otherwise the tests fail with a message that says what to install.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string EnvironmentVariable = "MARKETPLACE_TEST_POSTGRES";

    private static readonly SemaphoreSlim _gate = new(1, 1);
    private static PostgresServer? _instance;

    private readonly Func<Task> _stop;

    private PostgresServer(string adminConnectionString, string description, Func<Task> stop)
    {
        AdminConnectionString = adminConnectionString;
        Description = description;
        _stop = stop;
    }

    /// <summary>A connection string to the server's maintenance database, as a user that can create databases.</summary>
    public string AdminConnectionString { get; }

    public string Description { get; }

    public static async Task<PostgresServer> GetAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_instance is null)
            {
                _instance = await StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => ShutdownAsync().GetAwaiter().GetResult();
            }

            return _instance;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the cluster this run started (if any). Test assemblies call it from an assembly fixture.</summary>
    public static async Task ShutdownAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_instance is not null)
            {
                await _instance.DisposeAsync();
                _instance = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true }.ConnectionString;

    public async ValueTask DisposeAsync() => await _stop();


    private static async Task<PostgresServer> StartAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new PostgresServer(fromEnvironment, $"{EnvironmentVariable}", () => Task.CompletedTask);
        }

        var binaries = FindBinaries();
        if (binaries is not null)
        {
            return await StartLocalClusterAsync(binaries);
        }

        if (DockerLooksAvailable())
        {
            var container = new PostgreSqlBuilder("postgres:16-alpine").Build();
            await container.StartAsync();
            return new PostgresServer(container.GetConnectionString(), "Testcontainers", () => container.DisposeAsync().AsTask());
        }

        throw new InvalidOperationException(
            "The integration tests need PostgreSQL. Install it (Debian/Ubuntu: `apt-get install postgresql`; " +
            "the tests start a private cluster from its binaries), or set " + EnvironmentVariable +
            " to a connection string of a server where the user may create databases, or run a Docker engine.");
    }

    internal static string? FindBinaries()
    {
        var candidates = new List<string>();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
    }

    private static async Task<PostgresServer> StartLocalClusterAsync(string bin)
    {
        var root = Directory.CreateTempSubdirectory("marketplace-pg-").FullName;
        var data = Path.Combine(root, "data");
        var port = LocalPorts.Free();
        var asRoot = Environment.UserName == "root";

        if (asRoot)
        {
            // initdb refuses to run as root: run the cluster as the 'postgres' user the package creates.
            await RunAsync("chown", ["postgres", root], null);
        }

        var user = asRoot ? "postgres" : null;
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], user);
        var options = $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(root, "server.log"), "-o", options, "-w", "-t", "60", "start"], user);

        var admin = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Include Error Detail=true";
        return new PostgresServer(admin, $"local cluster on port {port} ({bin})", async () =>
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], user);
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        });
    }

    internal static async Task RunAsync(string file, string[] arguments, string? asUser)
    {
        var start = new ProcessStartInfo(asUser is null ? file : "runuser");
        if (asUser is not null)
        {
            foreach (var prefix in new[] { "-u", asUser, "--", file })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

    private static bool DockerLooksAvailable()
    {
        if (!File.Exists("/var/run/docker.sock") && Environment.GetEnvironmentVariable("DOCKER_HOST") is null)
        {
            return false;
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo("docker", "info") { RedirectStandardOutput = true, RedirectStandardError = true });
            return process is not null && process.WaitForExit(10_000) && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>
/// An xunit assembly fixture: when every test of the assembly has run, the PostgreSQL cluster the run
/// started is stopped and its folder removed (a process-exit hook alone could be cut short).
/// </summary>
public sealed class PostgresLifetime : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        TestS3Server.Shutdown();
        await PostgresServer.ShutdownAsync();
    }
}

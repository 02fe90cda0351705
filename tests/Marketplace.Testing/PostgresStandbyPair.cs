using Npgsql;

namespace Marketplace.Testing;

/// <summary>
/// A PostgreSQL primary and a hot standby streaming from it, built from this machine's binaries the way an operator
/// would: initdb, then pg_basebackup -R (the standby's connection and standby.signal) and pg_ctl start. Each on its own
/// loopback port, both stopped and removed on dispose.
/// </summary>
public sealed class PostgresStandbyPair : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private readonly string? _user;

    private PostgresStandbyPair(string bin, string root, string? user, int primaryPort, int standbyPort)
    {
        _bin = bin;
        _root = root;
        _user = user;
        PrimaryPort = primaryPort;
        StandbyPort = standbyPort;
    }

    public int PrimaryPort { get; }

    public int StandbyPort { get; }

    public string PrimaryFor(string database) => $"Host=127.0.0.1;Port={PrimaryPort};Username=postgres;Database={database};Include Error Detail=true";

    public string StandbyFor(string database) => $"Host=127.0.0.1;Port={StandbyPort};Username=postgres;Database={database};Include Error Detail=true";

    public static async Task<PostgresStandbyPair> StartAsync()
    {
        var bin = PostgresServer.FindBinaries() ?? throw new InvalidOperationException("The standby tests need the PostgreSQL binaries (initdb, pg_ctl, pg_basebackup): apt-get install postgresql.");
        var root = Directory.CreateTempSubdirectory("marketplace-pg-pair-").FullName;
        var user = Environment.UserName == "root" ? "postgres" : null;
        if (user is not null)
        {
            await PostgresServer.RunAsync("chown", ["postgres", root], null);
        }

        var pair = new PostgresStandbyPair(bin, root, user, LocalPorts.Free(), LocalPorts.Free());
        try
        {
            await pair.RunAsync("initdb", "-D", pair.Data("primary"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync");
            await pair.StartServerAsync("primary", pair.PrimaryPort, "-c wal_level=replica -c max_wal_senders=4");
            await pair.RunAsync("pg_basebackup", "-h", "127.0.0.1", "-p", pair.PrimaryPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-D", pair.Data("standby"), "-R", "-X", "stream", "-c", "fast");
            await pair.StartServerAsync("standby", pair.StandbyPort, "-c hot_standby=on");
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops applying the primary's changes on the standby (it keeps receiving them): a standby that lags.</summary>
    public async Task PauseReplayAsync()
    {
        await OnStandbyAsync("SELECT pg_wal_replay_pause()");
        await using var connection = new NpgsqlConnection(StandbyFor("postgres"));
        await connection.OpenAsync();
        for (var i = 0; i < 200; i++)
        {
            await using var state = new NpgsqlCommand("SELECT pg_get_wal_replay_pause_state()", connection);
            if ((string)(await state.ExecuteScalarAsync())! == "paused")
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The standby's replay did not pause.");
    }

    public Task ResumeReplayAsync() => OnStandbyAsync("SELECT pg_wal_replay_resume()");

    /// <summary>Waits until the standby has applied everything the primary has written so far.</summary>
    public async Task CaughtUpAsync(TimeSpan? timeout = null)
    {
        await using var primary = new NpgsqlConnection(PrimaryFor("postgres"));
        await primary.OpenAsync();
        await using var current = new NpgsqlCommand("SELECT pg_current_wal_lsn()::text", primary);
        var target = (string)(await current.ExecuteScalarAsync())!;
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        await using var standby = new NpgsqlConnection(StandbyFor("postgres"));
        await standby.OpenAsync();
        while (true)
        {
            await using var behind = new NpgsqlCommand("SELECT pg_wal_lsn_diff(@target::pg_lsn, pg_last_wal_replay_lsn()) > 0", standby);
            behind.Parameters.AddWithValue("target", target);
            if (!(bool)(await behind.ExecuteScalarAsync())!)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The standby did not catch up with the primary.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var name in new[] { "standby", "primary" })
        {
            if (File.Exists(Path.Combine(Data(name), "postmaster.pid")))
            {
                try
                {
                    await RunAsync("pg_ctl", "-D", Data(name), "-m", "immediate", "-w", "stop");
                }
                catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // already stopped
                }
            }
        }

        Directory.Delete(_root, recursive: true);
    }

    private async Task OnStandbyAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(StandbyFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private string Data(string name) => Path.Combine(_root, name);

    private Task StartServerAsync(string name, int port, string settings) =>
        RunAsync("pg_ctl", "-D", Data(name), "-l", Path.Combine(_root, name + ".log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off {settings}", "start");

    private Task RunAsync(string program, params string[] arguments) => PostgresServer.RunAsync(Path.Combine(_bin, program), arguments, _user);
}

using System.Diagnostics;
using System.Net;
using System.Text;

namespace Marketplace.Testing;

/// <summary>
/// The app as an operator runs it: its own <c>dotnet Marketplace.Web.dll</c> process (the build next to the tests'),
/// in Production, on a free port of 127.0.0.1, configured by environment variables. Its output is kept for failure messages.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _dataPath;

    private AppProcess(Process process, Uri address, string dataPath)
    {
        _process = process;
        Address = address;
        _dataPath = dataPath;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    private Action<string>? _onLine;

    /// <summary>What the process wrote so far (its log).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the app with <paramref name="settings"/> ("Section:Key" names) and <paramref name="arguments"/> and waits until
    /// /health/ready answers 200. Each line it prints also goes to <paramref name="output"/> (a benchmark reads its request log).
    /// </summary>
    public static async Task<AppProcess> StartAsync(IDictionary<string, string> settings, TimeSpan? readyWithin = null, Action<string>? output = null, params string[] arguments)
    {
        var web = WebProjectFolder();
        var dll = Path.Combine(web, "bin", BuildConfiguration(), "net10.0", "Marketplace.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The app isn't built at {dll}: build the solution first.");
        }

        var port = LocalPorts.Free();
        var address = new Uri($"http://127.0.0.1:{port}");
        var dataPath = Directory.CreateTempSubdirectory("marketplace-process-").FullName;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["App__DataPath"] = dataPath;
        start.Environment["App__PublicUrl"] = address.ToString().TrimEnd('/');
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app process.");
        var app = new AppProcess(process, address, dataPath) { _onLine = output };
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilReadyAsync(readyWithin ?? TimeSpan.FromSeconds(120));
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // a file still being let go of: the temp folder is cleaned some other day
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app process exited ({_process.ExitCode}) before it was ready:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The app process wasn't ready within {within.TotalSeconds:F0} s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        _onLine?.Invoke(line);
    }

    private static string WebProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var web = Path.Combine(dir.FullName, "src", "Marketplace.Web");
            if (Directory.Exists(web))
            {
                return web;
            }
        }

        throw new InvalidOperationException("src/Marketplace.Web not found above the test folder.");
    }

    /// <summary>Debug or Release: the tests' own (…/bin/&lt;configuration&gt;/net10.0/).</summary>
    private static string BuildConfiguration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
}

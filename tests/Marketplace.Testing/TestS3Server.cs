using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Marketplace.Testing;

/// <summary>
/// A real S3-compatible server for the tests: s3rver (npm, MIT) under node on 127.0.0.1 at a free port, with its files
/// in a temporary folder and a bucket per test class. One process per test run; it stops with the run. When
/// <c>tests/tools/node_modules</c> is missing it is installed first (<c>npm ci</c> from the committed lock file).
/// </summary>
public sealed class TestS3Server
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly SemaphoreSlim _gate = new(1, 1);
    private static TestS3Server? _instance;

    private readonly Process _process;
    private readonly string _directory;

    private TestS3Server(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public static async Task<TestS3Server> GetAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_instance is null)
            {
                _instance = await StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Shutdown();
            }

            return _instance;
        }
        finally
        {
            _gate.Release();
        }
    }

    public static void Shutdown()
    {
        if (_instance is { } server)
        {
            _instance = null;
            try
            {
                server._process.Kill(entireProcessTree: true);
                server._process.WaitForExit(5_000);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            server._process.Dispose();
            try
            {
                Directory.Delete(server._directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>The app's settings for a new, empty bucket on this server (s3rver creates it on the first PUT of its name).</summary>
    public async Task<IDictionary<string, string?>> NewBucketAsync()
    {
        var bucket = "mk-" + Guid.NewGuid().ToString("N")[..16];
        using var http = new HttpClient();
        using var create = new HttpRequestMessage(HttpMethod.Put, $"{ServiceUrl}/{bucket}");
        (await http.SendAsync(create)).EnsureSuccessStatusCode();
        return new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "S3",
            ["Storage:S3:Bucket"] = bucket,
            ["Storage:S3:ServiceUrl"] = ServiceUrl,
            ["Storage:S3:ForcePathStyle"] = "true",
            ["Storage:S3:AccessKey"] = AccessKey,
            ["Storage:S3:SecretKey"] = SecretKey,
        };
    }

    private static async Task<TestS3Server> StartAsync()
    {
        var script = await TestTools.FileAsync("s3rver", "bin", "s3rver.js");

        var port = LocalPorts.Free();
        var directory = Directory.CreateTempSubdirectory("marketplace-s3-").FullName;
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script, "--directory", directory, "--address", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for s3rver.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"s3rver exited at start ({process.ExitCode}). Is node (>= 18) installed?");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return new TestS3Server(process, directory, port);
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("s3rver didn't answer within 30 seconds.");
    }
}

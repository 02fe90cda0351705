using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Marketplace.Testing;

namespace Marketplace.BrowserTests;

/// <summary>
/// The Nu HTML Checker (vnu-jar from tests/tools, Java 11+) as a local web service on 127.0.0.1, started once per test run
/// (its JVM takes seconds to warm up) and stopped with the run: the HTML the server sent for each page the journeys load
/// is checked against the HTML standard, the way validator.w3.org checks it.
/// </summary>
public static class HtmlChecker
{
    private static readonly Lazy<Task<(Process Process, Uri Address)>> _service = new(StartAsync);
    private static readonly HttpClient _http = NewClient();

    /// <summary>Starts the checker in the background, so it is warm when the first journey ends.</summary>
    public static void Warm() => _ = _service.Value;

    /// <summary>The checker's errors in <paramref name="html"/> (warnings and info left out), one line each: line, message, extract.</summary>
    public static async Task<IReadOnlyList<string>> ErrorsAsync(string html)
    {
        var (_, address) = await _service.Value;
        using var content = new StringContent(html, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/html") { CharSet = "utf-8" };
        using var response = await _http.PostAsync(new Uri(address, "?out=json"), content);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("type").GetString() is "error" or "non-document-error")
            .Select(m => string.Create(
                CultureInfo.InvariantCulture,
                $"line {(m.TryGetProperty("lastLine", out var line) ? line.GetInt32() : 0)}: {m.GetProperty("message").GetString()} [{(m.TryGetProperty("extract", out var extract) ? extract.GetString()?.ReplaceLineEndings(" ") : null)}]"))
            .ToList();
    }

    /// <summary>The checker answers a request without a User-Agent with 400.</summary>
    private static HttpClient NewClient()
    {
        var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Marketplace.BrowserTests");
        return client;
    }

    public static void Shutdown()
    {
        if (_service.IsValueCreated && _service.Value.IsCompletedSuccessfully)
        {
            var process = _service.Value.Result.Process;
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }

            process.Dispose();
        }
    }

    private static async Task<(Process, Uri)> StartAsync()
    {
        var jar = await TestTools.FileAsync("vnu-jar", "build", "dist", "vnu.jar");
        var port = LocalPorts.Free();
        var start = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-Xss1m", "-Dnu.validator.servlet.bind-address=127.0.0.1", "-cp", jar, "nu.validator.servlet.Main", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Could not start java for the Nu HTML Checker.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("The browser tests check HTML with the Nu HTML Checker, which needs Java 11 or later (Debian: apt-get install default-jre-headless).", e);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The Nu HTML Checker exited at start ({process.ExitCode}).");
            }

            try
            {
                using var probe = await _http.GetAsync(address);
                if (probe.IsSuccessStatusCode)
                {
                    return (process, address);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("The Nu HTML Checker didn't answer within 3 minutes.");
    }
}

/// <summary>Warms the HTML checker when the run starts and stops it when the run ends.</summary>
public sealed class HtmlCheckerLifetime : IAsyncDisposable
{
    public HtmlCheckerLifetime() => HtmlChecker.Warm();

    public ValueTask DisposeAsync()
    {
        HtmlChecker.Shutdown();
        return ValueTask.CompletedTask;
    }
}

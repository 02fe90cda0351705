using System.Diagnostics;

namespace Marketplace.Testing;

/// <summary>
/// The npm packages the tests run (tests/tools: s3rver, the Nu HTML Checker), from the committed lock file. When
/// <c>tests/tools/node_modules</c> lacks one, <c>npm ci</c> installs them first.
/// </summary>
public static class TestTools
{
    /// <summary>
    /// The full path of a file in <c>tests/tools/node_modules</c>, installing the packages when it is missing. The install
    /// holds a lock file, so test processes running side by side (integration and browser tests) never run <c>npm ci</c>
    /// (which empties node_modules) under each other.
    /// </summary>
    public static async Task<string> FileAsync(params string[] underNodeModules)
    {
        var tools = RepositoryFolder.Find(Path.Combine("tests", "tools"), "package.json");
        var file = Path.Combine([tools, "node_modules", .. underNodeModules]);
        if (File.Exists(file))
        {
            return file;
        }

        await using (await LockAsync(Path.Combine(tools, ".install.lock")))
        {
            if (!File.Exists(file))
            {
                await RunAsync("npm", tools, "ci", "--no-audit", "--no-fund");
            }
        }

        return File.Exists(file) ? file : throw new InvalidOperationException($"{file} is missing after npm ci in {tools}.");
    }

    private static async Task<FileStream> LockAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task RunAsync(string file, string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed in {folder} ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }
}

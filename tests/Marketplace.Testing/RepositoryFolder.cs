namespace Marketplace.Testing;

/// <summary>Finds a folder of the repository from wherever the tests run (bin/Debug/net10.0 of some test project).</summary>
public static class RepositoryFolder
{
    /// <summary>The first <paramref name="relative"/> folder above the test binaries that holds <paramref name="marker"/>.</summary>
    public static string Find(string relative, string marker)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, relative);
            if (Path.Exists(Path.Combine(candidate, marker)))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{relative}/{marker} not found above {AppContext.BaseDirectory}");
    }
}

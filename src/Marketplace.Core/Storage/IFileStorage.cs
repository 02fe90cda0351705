namespace Marketplace.Core.Storage;

/// <summary>Where uploaded and generated files live: a local folder by default, or an S3-compatible bucket (<see cref="S3FileStorage"/>).</summary>
public interface IFileStorage
{
    Task SaveAsync(string key, Stream content, CancellationToken ct = default);

    /// <summary>Null when there is no such file.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct = default);
}

public sealed class LocalFolderStorage : IFileStorage
{
    private readonly string _root;

    public LocalFolderStorage(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public async Task SaveAsync(string key, Stream content, CancellationToken ct = default)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        await using (var file = File.Create(temp))
        {
            await content.CopyToAsync(file, ct);
        }

        File.Move(temp, path, overwrite: true);
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct = default)
    {
        var path = PathOf(key);
        Stream? stream = File.Exists(path) ? File.OpenRead(path) : null;
        return Task.FromResult(stream);
    }

    /// <summary>The key when it is a plain relative path (no "..", no root, no backslash); every store refuses anything else.</summary>
    public static string CheckKey(string key) =>
        string.IsNullOrWhiteSpace(key) || key.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(key) || key.StartsWith('/') || key.Contains('\\', StringComparison.Ordinal)
            ? throw new ArgumentException("Invalid storage key.", nameof(key))
            : key;

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, CheckKey(key)));
        return path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException("Invalid storage key.", nameof(key));
    }
}

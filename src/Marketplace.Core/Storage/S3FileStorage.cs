using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Marketplace.Core.Storage;

/// <summary>
/// <c>Storage:S3:*</c>: an S3-compatible bucket (AWS, MinIO, Ceph, R2…). Credentials from <c>AccessKey</c>/<c>SecretKey</c>,
/// else the SDK's usual chain (environment <c>AWS_ACCESS_KEY_ID</c>…, instance roles).
/// </summary>
public sealed class S3StorageOptions
{
    public string Bucket { get; set; } = string.Empty;

    public string Region { get; set; } = "us-east-1";

    /// <summary>The server's address for S3-compatible servers (e.g. <c>http://minio:9000</c>); empty for AWS itself.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Bucket in the path (<c>host/bucket/key</c>) instead of the host name: what MinIO-like servers need.</summary>
    public bool ForcePathStyle { get; set; }

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    public AmazonS3Client CreateClient()
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = ForcePathStyle,
            // Checksums only where S3 requires them: S3-compatible servers don't all accept the newer trailing checksums.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!string.IsNullOrWhiteSpace(ServiceUrl))
        {
            config.ServiceURL = ServiceUrl;
            config.AuthenticationRegion = Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(Region);
        }

        return string.IsNullOrEmpty(AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey), config);
    }
}

/// <summary>
/// Files in an S3-compatible bucket, under the same keys as the local folder (<c>listings/…</c>, <c>reviews/…</c>,
/// <c>evidence/…</c>). Objects are private: the app serves them (evidence only to the dispute's parties), or a CDN
/// in front of the public prefixes does (<c>Storage:PublicBaseUrl</c>).
/// </summary>
public sealed class S3FileStorage(IAmazonS3 client, S3StorageOptions options) : IFileStorage
{
    private static readonly Dictionary<string, string> _types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "image/jpeg",
        [".png"] = "image/png",
        [".webp"] = "image/webp",
        [".mp4"] = "video/mp4",
        [".webm"] = "video/webm",
    };

    public async Task SaveAsync(string key, Stream content, CancellationToken ct = default)
    {
        // The SDK needs the length: a seekable stream goes as it is, anything else is buffered first.
        using var buffer = content.CanSeek ? null : new MemoryStream();
        if (buffer is not null)
        {
            await content.CopyToAsync(buffer, ct);
            buffer.Position = 0;
        }

        await client.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = options.Bucket,
                Key = LocalFolderStorage.CheckKey(key),
                InputStream = buffer ?? content,
                AutoCloseStream = false,
                UseChunkEncoding = false,
                ContentType = _types.GetValueOrDefault(Path.GetExtension(key), "application/octet-stream"),
            },
            ct);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken ct = default)
    {
        try
        {
            var response = await client.GetObjectAsync(options.Bucket, LocalFolderStorage.CheckKey(key), ct);
            return new ResponseStream(response);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The object's body, disposing the response with it.</summary>
    private sealed class ResponseStream(GetObjectResponse response) : Stream
    {
        private readonly Stream _body = response.ResponseStream;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => response.ContentLength;

        public override long Position { get => _body.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _body.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _body.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _body.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

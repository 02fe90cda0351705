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
            return new ObjectStream(client, response);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// The object's body, seekable so that range requests (a video's scrubbing) are answered as ranges: a seek drops the
    /// body being read, and the next read fetches the object from there on (an S3 ranged GET of the same version, by ETag).
    /// A plain read from the start costs the one GET that opened it.
    /// </summary>
    private sealed class ObjectStream : Stream
    {
        private readonly IAmazonS3 _client;
        private readonly string _bucket;
        private readonly string _key;
        private readonly string _etag;
        private readonly long _length;
        private GetObjectResponse? _current;
        private long _position;
        private bool _disposed;

        public ObjectStream(IAmazonS3 client, GetObjectResponse opened)
        {
            _client = client;
            _bucket = opened.BucketName;
            _key = opened.Key;
            _etag = opened.ETag;
            _length = opened.ContentLength;
            _current = opened;
        }

        public override bool CanRead => !_disposed;

        public override bool CanSeek => !_disposed;

        public override bool CanWrite => false;

        public override long Length => _length;

        public override long Position
        {
            get => _position;
            set => Seek(value, SeekOrigin.Begin);
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_position >= _length || buffer.IsEmpty)
            {
                return 0;
            }

            _current ??= await _client.GetObjectAsync(
                new GetObjectRequest { BucketName = _bucket, Key = _key, ByteRange = new ByteRange(_position, _length - 1), EtagToMatch = _etag },
                cancellationToken);
            var read = await _current.ResponseStream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new IOException($"The object {_key} ended at byte {_position} of {_length}: the connection to the store was cut.");
            }

            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var target = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => _length + offset,
            };
            ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
            if (target != _position)
            {
                _current?.Dispose();
                _current = null;
                _position = target;
            }

            return _position;
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_disposed)
            {
                _disposed = true;
                _current?.Dispose();
                _current = null;
            }

            base.Dispose(disposing);
        }
    }
}

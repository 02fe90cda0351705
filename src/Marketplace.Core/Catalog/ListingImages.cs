using Marketplace.Core.Data;
using Marketplace.Core.Storage;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Sellers;
using SkiaSharp;

namespace Marketplace.Core.Catalog;

public static class ImageErrors
{
    public static readonly DomainError Empty = new("image.empty", "Choose a photo to upload.");
    public static readonly DomainError TooLarge = DomainError.Of("image.too_large", "Photos can be at most {0} MB.", ListingImages.MaxBytes / (1024 * 1024));
    public static readonly DomainError NotAnImage = new("image.type", "Only JPEG, PNG or WebP photos can be uploaded. That file is something else.");
    public static readonly DomainError Unreadable = new("image.unreadable", "That photo could not be read. It may be damaged; try another.");
    public static readonly DomainError TooSmall = DomainError.Of("image.too_small", "Photos need at least {0} pixels on each side.", ListingImages.MinSide);
    public static readonly DomainError TooManyPixels = DomainError.Of("image.too_many_pixels", "That photo has more than {0} megapixels. Make it smaller (for example 4000 × 3000 pixels) and upload it again.", ImageDecoder.MaxPixels / 1_000_000);
    public static readonly DomainError TooMany = DomainError.Of("image.too_many", "A listing can have at most {0} photos.", ListingImages.MaxImages);
}

/// <summary>
/// Adds, removes and reorders a listing's photos. An upload is trusted by its content, never its name:
/// the first bytes must be JPEG, PNG or WebP and the whole file must decode. It is stored re-encoded as
/// JPEG (which also drops EXIF data such as GPS positions) with a 320-pixel thumbnail.
/// </summary>
/// <summary>A checked photo, re-encoded for the page and for thumbnails.</summary>
public sealed record EncodedPhoto(byte[] Main, byte[] Thumb);

public sealed class ListingImages(MarketplaceDbContext db, IFileStorage storage, TimeProvider clock)
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxImages = 10;
    public const int MinSide = 200;
    private const int MainSide = 1600;
    private const int ThumbSide = 320;
    internal const int ThumbQuality = 75;

    public async Task<Result<ListingImage>> AddAsync(Seller seller, Guid listingId, Stream upload, long length, CancellationToken ct = default)
    {
        var listing = await SaveListing.LoadOwnAsync(db, seller, listingId, ct);
        if (listing is null)
        {
            return CatalogErrors.NotFound;
        }

        if (listing.Images.Count >= MaxImages)
        {
            return ImageErrors.TooMany;
        }

        var encoded = await CheckAndEncodeAsync(upload, length, ct);
        if (!encoded.Succeeded)
        {
            return encoded.Error!;
        }

        var stem = $"listings/{listing.Id:N}/{Ids.New():N}";
        await SaveAsync(stem + ".jpg", encoded.Value!.Main, ct);
        await SaveAsync(stem + "-thumb.jpg", encoded.Value.Thumb, ct);
        var image = listing.AddImage(stem + ".jpg", stem + "-thumb.jpg", "image/jpeg", listing.Title);
        var saved = await SaveListing.SaveAsync(db, listing, ct);
        return saved.Succeeded ? Result<ListingImage>.Ok(image) : saved.Error!;
    }

    /// <summary>
    /// Checks an uploaded photo by its content (type, size, decodes, big enough) and re-encodes it as a JPEG and a
    /// thumbnail, without EXIF data; shared by listing photos and buyers' review photos.
    /// </summary>
    public static async Task<Result<EncodedPhoto>> CheckAndEncodeAsync(Stream upload, long length, CancellationToken ct = default)
    {
        if (length <= 0)
        {
            return ImageErrors.Empty;
        }

        if (length > MaxBytes)
        {
            return ImageErrors.TooLarge;
        }

        var bytes = await ReadAtMostAsync(upload, MaxBytes, ct);
        if (bytes is null)
        {
            return ImageErrors.TooLarge;
        }

        if (Sniff(bytes) is null)
        {
            return ImageErrors.NotAnImage;
        }

        var decoded = await ImageDecoder.DecodeAsync(bytes, MinSide, MainSide, bitmap => new EncodedPhoto(Encode(bitmap, MainSide), Encode(bitmap, ThumbSide, ThumbQuality)), ct);
        return decoded.Verdict switch
        {
            ImageVerdict.Decoded => Result<EncodedPhoto>.Ok(decoded.Value!),
            ImageVerdict.TooManyPixels => ImageErrors.TooManyPixels,
            ImageVerdict.TooSmall => ImageErrors.TooSmall,
            _ => ImageErrors.Unreadable,
        };
    }

    public Task<Result<Listing>> RemoveAsync(Seller seller, Guid listingId, Guid imageId, CancellationToken ct = default) =>
        ChangeAsync(seller, listingId, listing => listing.RemoveImage(imageId, clock.GetUtcNow()), ct);

    public Task<Result<Listing>> MakeMainAsync(Seller seller, Guid listingId, Guid imageId, CancellationToken ct = default) =>
        ChangeAsync(seller, listingId, listing => listing.MakeImageMain(imageId, clock.GetUtcNow()), ct);

    /// <summary>The image type the first bytes announce: image/jpeg, image/png, image/webp, or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return "image/jpeg";
        }

        if (head.Length >= 8 && head[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return "image/png";
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        return null;
    }

    private async Task<Result<Listing>> ChangeAsync(Seller seller, Guid listingId, Action<Listing> change, CancellationToken ct)
    {
        var listing = await SaveListing.LoadOwnAsync(db, seller, listingId, ct);
        if (listing is null)
        {
            return CatalogErrors.NotFound;
        }

        change(listing);
        return await SaveListing.SaveAsync(db, listing, ct);
    }

    /// <summary>
    /// Re-encodes as JPEG at most <paramref name="maxSide"/> pixels wide or high (which also drops EXIF data such as GPS positions).
    /// Thumbnails, a page's many small pictures, take <see cref="ThumbQuality"/>: a quarter fewer bytes, no visible difference at card size.
    /// </summary>
    internal static byte[] Encode(SKBitmap source, int maxSide, int quality = 85)
    {
        var scale = Math.Min(1f, maxSide / (float)Math.Max(source.Width, source.Height));
        var info = new SKImageInfo(Math.Max(1, (int)(source.Width * scale)), Math.Max(1, (int)(source.Height * scale)), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var resized = source.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)) ?? source.Copy();
        using var surface = SKSurface.Create(info);
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.DrawBitmap(resized, 0, 0);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    private async Task SaveAsync(string key, byte[] bytes, CancellationToken ct)
    {
        using var stream = new MemoryStream(bytes);
        await storage.SaveAsync(key, stream, ct);
    }

    /// <summary>The whole stream, or null when it is longer than <paramref name="max"/> bytes (whatever its declared length).</summary>
    internal static async Task<byte[]?> ReadAtMostAsync(Stream stream, long max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > max)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}

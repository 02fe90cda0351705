using SkiaSharp;

namespace Marketplace.Core.Storage;

/// <summary>What reading an uploaded image found.</summary>
public enum ImageVerdict
{
    Decoded,

    /// <summary>The header can't be read, or the pixels don't decode completely (damaged, truncated, or not what the header says).</summary>
    Unreadable,

    /// <summary>The header declares more than <see cref="ImageDecoder.MaxPixels"/> pixels: refused before any pixel is decoded.</summary>
    TooManyPixels,

    /// <summary>Smaller than the caller's least side.</summary>
    TooSmall,
}

/// <summary>An image's outcome and, only when <see cref="Verdict"/> is Decoded, what the caller made of its pixels.</summary>
public sealed record DecodedImage<T>(ImageVerdict Verdict, int Width, int Height, T? Value);

/// <summary>
/// Decodes untrusted uploads with bounded cost. The size is read from the header first, so a small file that declares
/// a huge picture (a "decompression bomb": 1.5 MB of PNG for 20000 × 20000 pixels) is refused without decoding.
/// Pixels are decoded at the smallest size the format allows for the largest side the caller keeps (JPEG scales down
/// while decoding), and the pixels live only inside one of <see cref="Slots"/> (decoding and the caller's use of them,
/// e.g. re-encoding), so memory stays bounded by slots × <see cref="MaxPixels"/> × 4 bytes (about 320 MB on two cores,
/// plus the smaller re-encoded copies) however many uploads arrive together.
/// </summary>
public static class ImageDecoder
{
    /// <summary>40 megapixels: more than any phone or consumer camera writes (a 7000 × 5700 photo).</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>Decodes running at once in this process: one per core.</summary>
    public static readonly int Slots = Math.Max(1, Environment.ProcessorCount);

    private static readonly SemaphoreSlim _slots = new(Slots, Slots);

    /// <summary>
    /// Checks the header (readable, at most <see cref="MaxPixels"/>, at least <paramref name="minSide"/> on each side),
    /// then decodes at most about <paramref name="keepSide"/> pixels on the longer side when the format can scale while
    /// decoding, and hands the pixels to <paramref name="use"/> inside the slot; the bitmap is disposed afterwards.
    /// </summary>
    public static async Task<DecodedImage<T>> DecodeAsync<T>(byte[] bytes, int minSide, int keepSide, Func<SKBitmap, T> use, CancellationToken ct = default)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return new DecodedImage<T>(ImageVerdict.Unreadable, 0, 0, default);
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if ((long)width * height > MaxPixels)
        {
            return new DecodedImage<T>(ImageVerdict.TooManyPixels, width, height, default);
        }

        if (width < minSide || height < minSide)
        {
            return new DecodedImage<T>(ImageVerdict.TooSmall, width, height, default);
        }

        await _slots.WaitAsync(ct);
        try
        {
            var scale = Math.Min(1f, keepSide / (float)Math.Max(width, height));
            var size = codec.GetScaledDimensions(scale);
            var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
            using var bitmap = new SKBitmap(info);
            if (codec.GetPixels(info, bitmap.GetPixels()) != SKCodecResult.Success)
            {
                return new DecodedImage<T>(ImageVerdict.Unreadable, width, height, default);
            }

            return new DecodedImage<T>(ImageVerdict.Decoded, width, height, use(bitmap));
        }
        finally
        {
            _slots.Release();
        }
    }
}

using SkiaSharp;

namespace Marketplace.Testing;

/// <summary>Real image files made on the spot, and things that only pretend to be images.</summary>
public static class TestImages
{
    public static byte[] Png(int width = 800, int height = 600) => Encode(width, height, SKEncodedImageFormat.Png);

    public static byte[] Jpeg(int width = 800, int height = 600) => Encode(width, height, SKEncodedImageFormat.Jpeg);

    public static byte[] Webp(int width = 800, int height = 600) => Encode(width, height, SKEncodedImageFormat.Webp);

    /// <summary>The start of a Linux executable, padded: what a renamed program looks like.</summary>
    public static byte[] Executable() => [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[4096]];

    /// <summary>A JPEG's first three bytes and then a web page: 42 bytes that only pretend to be a photo.</summary>
    public static byte[] JpegHeaderWithHtml() => [0xFF, 0xD8, 0xFF, .. "<html><script>alert(1)</script></html>"u8];

    /// <summary>The first half of a real JPEG: a readable header, pixels that stop early.</summary>
    public static byte[] TruncatedJpeg()
    {
        var whole = Jpeg(1200, 900);
        return whole[..(whole.Length / 2)];
    }

    /// <summary>
    /// A valid PNG of <paramref name="side"/> × <paramref name="side"/> grey pixels (all zero, so it compresses to a few
    /// hundred KB): a decompression bomb, 400 MB of pixels at 20000 × 20000 for whoever decodes it.
    /// </summary>
    public static byte[] PngBomb(int side = 20000)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, side);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), side);
        header[8] = 8; // bit depth; colour type 0 (grey), deflate, no filter method, no interlace
        WriteChunk(png, "IHDR", header);
        using (var pixels = new MemoryStream())
        {
            using (var zlib = new System.IO.Compression.ZLibStream(pixels, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            {
                var row = new byte[side + 1]; // filter byte 0, then the row's zeros
                for (var y = 0; y < side; y++)
                {
                    zlib.Write(row);
                }
            }

            WriteChunk(png, "IDAT", pixels.ToArray());
        }

        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeAndData = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        surface.Canvas.Clear(new SKColor(30, 144, 255));
        using var paint = new SKPaint { Color = SKColors.Orange };
        surface.Canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }
}

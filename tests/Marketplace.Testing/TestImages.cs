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

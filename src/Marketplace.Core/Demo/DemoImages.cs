using SkiaSharp;

namespace Marketplace.Core.Demo;

/// <summary>Draws demo product photos locally (no downloads): a soft gradient, a product-ish shape and a label.</summary>
public static class DemoImages
{
    private static readonly Lazy<SKTypeface?> _font = new(() =>
    {
        string[] candidates =
        [
            "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
            "C:\\Windows\\Fonts\\arialbd.ttf",
            "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
        ];
        var path = candidates.FirstOrDefault(File.Exists);
        return path is null ? null : SKTypeface.FromFile(path);
    });

    /// <summary>A JPEG photo of <paramref name="size"/> pixels square.</summary>
    public static byte[] Render(string label, float hue, int variant, int size)
    {
        var info = new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        var scale = size / 640f;

        using (var background = new SKPaint())
        {
            background.Shader = SKShader.CreateLinearGradient(
                new SKPoint(0, 0),
                new SKPoint(size, size),
                [SKColor.FromHsl(hue, 55, 92), SKColor.FromHsl((hue + 40) % 360, 60, 78)],
                SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, size, size, background);
        }

        using (var shadow = new SKPaint { Color = new SKColor(0, 0, 0, 40), IsAntialias = true })
        {
            canvas.DrawOval(size / 2f, size * 0.80f, size * 0.30f, size * 0.05f, shadow);
        }

        using (var body = new SKPaint { Color = SKColor.FromHsl((hue + (variant * 25)) % 360, 65, 48), IsAntialias = true })
        {
            var rect = new SKRect(size * 0.25f, size * 0.22f, size * 0.75f, size * 0.76f);
            switch (variant % 3)
            {
                case 0:
                    canvas.DrawRoundRect(rect, 36 * scale, 36 * scale, body);
                    break;
                case 1:
                    canvas.DrawCircle(size / 2f, size * 0.49f, size * 0.27f, body);
                    break;
                default:
                    using (var path = new SKPath())
                    {
                        path.MoveTo(size * 0.5f, size * 0.2f);
                        path.LineTo(size * 0.77f, size * 0.76f);
                        path.LineTo(size * 0.23f, size * 0.76f);
                        path.Close();
                        canvas.DrawPath(path, body);
                    }

                    break;
            }
        }

        using (var shine = new SKPaint { Color = new SKColor(255, 255, 255, 70), IsAntialias = true })
        {
            canvas.DrawCircle(size * 0.40f, size * 0.36f, size * 0.07f, shine);
        }

        if (_font.Value is { } typeface)
        {
            // Shrink the label to fit the photo's width, then drop whole words if it still doesn't.
            using var font = new SKFont(typeface, 40 * scale);
            using var ink = new SKPaint { Color = new SKColor(30, 30, 40, 220), IsAntialias = true };
            var text = label;
            while (font.MeasureText(text) > size * 0.9f && font.Size > 26 * scale)
            {
                font.Size -= 2 * scale;
            }

            while (font.MeasureText(text) > size * 0.9f && text.Contains(' ', StringComparison.Ordinal))
            {
                text = text[..text.LastIndexOf(' ')];
            }

            canvas.DrawText(text, size / 2f, size * 0.93f, SKTextAlign.Center, font, ink);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }
}

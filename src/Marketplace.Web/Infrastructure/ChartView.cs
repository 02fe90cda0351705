using System.Globalization;
using Marketplace.Core.Reporting;
using Marketplace.Domain.Common;

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// A <see cref="MoneyChart"/> drawn as grouped bars in a server-rendered SVG (no script, works offline): the axis rounded
/// up to a round number of whole units, one bar per series and week. <paramref name="Id"/> keeps several charts' element ids apart.
/// </summary>
public sealed record ChartView(string Id, string Title, MoneyChart Chart)
{
    public const double Width = 640;
    public const double Height = 240;
    public const double Left = 84;
    public const double Top = 12;
    public const double Bottom = 36;

    /// <summary>Fills told apart by colour and, for those who can't see it, by the table under the chart.</summary>
    public static readonly string[] Colours = ["#1f3a5f", "#2f9e68", "#b02a37"];

    public double PlotHeight => Height - Top - Bottom;

    public double GroupWidth => (Width - Left) / Chart.BucketStarts.Count;

    public double BarWidth => GroupWidth * 0.8 / Chart.Series.Count;

    /// <summary>
    /// The axis' top in minor units: the largest value in whole currency units rounded up to 2, 4, 6 or 10 × a power of ten
    /// (at least 2), so the middle line is a whole amount too ($0 · $1 · $2, ¥0 · ¥3,000 · ¥6,000).
    /// </summary>
    public long AxisMax
    {
        get
        {
            var unit = (long)Math.Pow(10, Money.MinorDigits(Chart.Currency));
            var max = Chart.Series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max();
            var units = Math.Max(2, (max + unit - 1) / unit);
            for (var power = 1L; ; power *= 10)
            {
                foreach (var step in new long[] { 2, 4, 6, 10 })
                {
                    if (step * power >= units)
                    {
                        return step * power * unit;
                    }
                }
            }
        }
    }

    public double X(int bucket, int series) => Left + (bucket * GroupWidth) + (GroupWidth * 0.1) + (series * BarWidth);

    public double BarHeight(long value) => PlotHeight * value / AxisMax;

    public double Y(long value) => Top + PlotHeight - BarHeight(value);

    public string Tick(long value) => new Money(value, Chart.Currency).FormatWhole(CultureInfo.CurrentCulture);

    public string Amount(long value) => new Money(value, Chart.Currency).ToString();

    /// <summary>Every other week's date under the bars (every week's is in the table).</summary>
    public bool Labelled(int bucket) => (Chart.BucketStarts.Count - 1 - bucket) % 2 == 0;

    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

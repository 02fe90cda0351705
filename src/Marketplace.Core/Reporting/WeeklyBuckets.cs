using System.Linq.Expressions;
using Marketplace.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Reporting;

/// <summary>
/// Weeks ending now, for the dashboards' charts: <see cref="Starts"/> oldest first; the last week ends at <see cref="End"/> (included).
/// <see cref="SumAsync"/> groups by a "which week" expression both engines translate (a chain of comparisons, no date
/// functions), so a chart's sums are grouped in the database in one query however many rows there are.
/// </summary>
public sealed class WeeklyBuckets
{
    public WeeklyBuckets(DateTimeOffset now, int weeks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        End = now;
        Starts = Enumerable.Range(0, weeks).Select(i => now.AddDays(-7 * (weeks - i))).ToList();
    }

    public IReadOnlyList<DateTimeOffset> Starts { get; }

    public DateTimeOffset End { get; }

    public DateTimeOffset Start => Starts[0];

    public int Count => Starts.Count;

    /// <summary><c>x => at(x) &gt;= Starts[n-1] ? n-1 : … : at(x) &gt;= Starts[0] ? 0 : -1</c>.</summary>
    private Expression<Func<Dated, int>> IndexOf(Expression<Func<Dated, DateTimeOffset>> at)
    {
        var parameter = at.Parameters[0];
        Expression index = Expression.Constant(-1);
        for (var i = 0; i < Starts.Count; i++)
        {
            // Read from an object, not a constant, so EF sends each boundary as a parameter and reuses one plan.
            var boundary = Expression.Field(Expression.Constant(new Boundary(Starts[i])), nameof(Boundary.Value));
            index = Expression.Condition(Expression.GreaterThanOrEqual(at.Body, boundary), Expression.Constant(i), index);
        }

        return Expression.Lambda<Func<Dated, int>>(index, parameter);
    }

    /// <summary>
    /// The rows' amounts summed per key and week in the database, in one query: each key's sums, one value per week
    /// (rows outside the weeks are left out). The rows must set every property but <see cref="Dated.Week"/> (a <see cref="Dated.Key"/> of "" when there is one series).
    /// </summary>
    public async Task<Dictionary<string, long[]>> SumAsync(IQueryable<Dated> rows, CancellationToken ct = default)
    {
        var index = IndexOf(d => d.At);
        var row = index.Parameters[0];
        var tag = Expression.Lambda<Func<Dated, Dated>>(
            Expression.MemberInit(
                Expression.New(typeof(Dated)),
                Expression.Bind(typeof(Dated).GetProperty(nameof(Dated.Key))!, Expression.Property(row, nameof(Dated.Key))),
                Expression.Bind(typeof(Dated).GetProperty(nameof(Dated.Amount))!, Expression.Property(row, nameof(Dated.Amount))),
                Expression.Bind(typeof(Dated).GetProperty(nameof(Dated.Week))!, index.Body)),
            row);
        var sums = await rows
            .Select(tag)
            .GroupBy(d => new { d.Key, d.Week })
            .Select(g => new { g.Key.Key, g.Key.Week, Sum = g.Sum(d => d.Amount) })
            .ToListAsync(ct);
        var result = new Dictionary<string, long[]>();
        foreach (var sum in sums.Where(s => s.Week >= 0 && s.Week < Count))
        {
            if (!result.TryGetValue(sum.Key, out var values))
            {
                result[sum.Key] = values = new long[Count];
            }

            values[sum.Week] += sum.Sum;
        }

        return result;
    }

    private sealed class Boundary(DateTimeOffset value)
    {
        public readonly DateTimeOffset Value = value;
    }
}

/// <summary>An amount at a time under a key (a currency, a kind of movement), for summing by week in the database.</summary>
public sealed class Dated
{
    public string Key { get; init; } = string.Empty;

    public DateTimeOffset At { get; init; }

    public long Amount { get; init; }

    /// <summary>Set by <see cref="WeeklyBuckets.SumAsync"/>.</summary>
    public int Week { get; init; }
}

/// <summary>One chart: a label per bucket and one or more series of minor-unit amounts in one currency.</summary>
public sealed record MoneyChart(string Currency, IReadOnlyList<DateTimeOffset> BucketStarts, IReadOnlyList<ChartSeries> Series)
{
    public bool IsEmpty => Series.All(s => s.Values.All(v => v == 0));
}

/// <summary><paramref name="Values"/> has one amount per bucket.</summary>
public sealed record ChartSeries(Text Name, IReadOnlyList<long> Values);

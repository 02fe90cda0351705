using Marketplace.Core.Data;
using Marketplace.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Core.Exchange;

/// <summary>One currency's reference rate (units per euro) from the set in force, with where and when it came from.</summary>
public sealed class ExchangeRateRow
{
    private ExchangeRateRow()
    {
        Currency = string.Empty;
        Source = string.Empty;
    }

    public ExchangeRateRow(string currency, decimal perEuro, DateOnly date, string source, DateTimeOffset fetchedAt)
    {
        Currency = currency;
        PerEuro = perEuro;
        Date = date;
        Source = source;
        FetchedAt = fetchedAt;
    }

    public string Currency { get; private set; }

    public decimal PerEuro { get; private set; }

    public DateOnly Date { get; private set; }

    public string Source { get; private set; }

    public DateTimeOffset FetchedAt { get; private set; }

    public static IEnumerable<ExchangeRateRow> From(RateTable table) =>
        table.PerEuro.Select(r => new ExchangeRateRow(r.Key, r.Value, table.Date, table.Source, table.FetchedAt));
}

public sealed class ExchangeRateOptions
{
    /// <summary>Where the daily rates come from, in the ECB's eurofxref-daily.xml format. Unset: the shipped demo rates.</summary>
    public string? SourceUrl { get; set; }

    /// <summary>Rates whose reference date is older than this are stale: nobody sees them as current (4 days covers a long weekend).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(4);

    /// <summary>How often the job asks the source for a newer set.</summary>
    public TimeSpan RefreshEvery { get; set; } = TimeSpan.FromHours(6);
}

/// <summary>What buyers may be shown: the rates, and whether they may convert with them.</summary>
public sealed record RatesInForce(RateTable Table, bool Usable, bool Demo)
{
    /// <summary>The rate to show <paramref name="from"/> in <paramref name="to"/>, or null when it can't be converted now (stale or missing).</summary>
    public ExchangeRate? Between(string from, string to) =>
        from == to ? ExchangeRate.Identity(from) : Usable ? Table.Between(from, to) : null;
}

/// <summary>
/// The exchange rates in force: the newest set imported from the configured source or an admin's upload, or — with no
/// source configured — the shipped demo set, which is labelled as such and never goes stale (there is nothing to
/// refresh it from). Rates from a source older than <see cref="ExchangeRateOptions.MaxAge"/> are stale: prices are
/// then shown only in the sellers' own currencies and admins are told. Read once per request or job run (scoped).
/// </summary>
public sealed class ExchangeRatesStore(MarketplaceDbContext db, IOptions<ExchangeRateOptions> options, TimeProvider clock, Catalog.CatalogDataCache cache)
{
    public const string ShippedSource = "Shipped demo rates";

    public const string UploadSourcePrefix = "Uploaded by an admin";

    private RatesInForce? _current;

    public ExchangeRateOptions Options => options.Value;

    public async Task<RatesInForce> CurrentAsync(CancellationToken ct = default)
    {
        if (_current is not null)
        {
            return _current;
        }

        // The set in force is kept in memory until an import is committed (on any instance); staleness is judged each time.
        var table = await cache.GetOrCreateAsync(db, "rates", [], Catalog.CatalogDataCache.Lifetime, async c =>
        {
            var rows = await db.ExchangeRates.AsNoTracking().ToListAsync(c);
            return rows.Count == 0
                ? RateTable.Empty
                : new RateTable(rows.ToDictionary(r => r.Currency, r => r.PerEuro, StringComparer.Ordinal), rows[0].Date, rows[0].Source, rows[0].FetchedAt);
        }, ct);
        // The demo set never ages while nothing could replace it; once a source is configured it counts as stale until the
        // source's first set arrives, so real money is never charged at made-up rates.
        var demo = table.Source == ShippedSource;
        var usable = table.PerEuro.Count > 0 && (demo ? string.IsNullOrWhiteSpace(options.Value.SourceUrl) : !table.IsStale(clock.GetUtcNow(), options.Value.MaxAge));
        return _current = new RatesInForce(table, usable, demo);
    }

    /// <summary>Replaces the set in force with <paramref name="table"/> (all rows in one transaction, so readers see one set or the other).</summary>
    public async Task ImportAsync(RateTable table, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ExchangeRates.ExecuteDeleteAsync(ct);
        db.ExchangeRates.AddRange(ExchangeRateRow.From(table));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        _current = null;
    }

    /// <summary>
    /// An admin's upload of a rates file (ECB format): replaces the set in force unless it is older; audited. Returns what
    /// is wrong with it, or null when imported.
    /// </summary>
    public async Task<Text?> UploadAsync(Guid adminId, Stream file, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (!EcbRatesFile.TryParse(file, UploadSourcePrefix, now, out var table, out var problem))
        {
            return problem;
        }

        if (RateSanity.Problem(table, (await CurrentAsync(ct)).Table) is { } refused)
        {
            return Text.Of("{0} Nothing changed.", refused);
        }

        Trust.AuditLog.Record(db, adminId, Domain.Trust.AdminActions.UploadExchangeRates, "ExchangeRates", Guid.Empty, $"{table.PerEuro.Count} rates of {table.Date:yyyy-MM-dd}", now);
        await ImportAsync(table, ct);
        return null;
    }

    /// <summary>The demo set shipped with the app (ECB format, fixed rates).</summary>
    public static RateTable Shipped(DateTimeOffset now)
    {
        using var stream = typeof(ExchangeRatesStore).Assembly.GetManifestResourceStream("Marketplace.DemoRates.xml")
            ?? throw new InvalidOperationException("The shipped demo rates are missing from the build.");
        return EcbRatesFile.TryParse(stream, ShippedSource, now, out var table, out var problem)
            ? table
            : throw new InvalidOperationException("The shipped demo rates don't parse: " + problem);
    }
}

/// <summary>
/// The rates job: with a source configured, fetches it every <see cref="ExchangeRateOptions.RefreshEvery"/> and imports a
/// newer set; with none, makes sure the shipped demo set is in force. A failed fetch changes nothing (the set in force ages
/// until it is stale, which admins see).
/// </summary>
public sealed class RefreshExchangeRates(ExchangeRatesStore store, IHttpClientFactory http, RateFetchAttempts attempts, TimeProvider clock, ILogger<RefreshExchangeRates> logger)
{
    public const string HttpClientName = "exchange-rates";

    /// <summary>After a failed fetch the source is asked again no sooner than this (the job ticks every 30 seconds).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(15);

    public async Task<int> ExecuteAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var current = (await store.CurrentAsync(ct)).Table;
        var url = store.Options.SourceUrl;
        if (string.IsNullOrWhiteSpace(url))
        {
            if (current.PerEuro.Count > 0)
            {
                return 0;
            }

            await store.ImportAsync(ExchangeRatesStore.Shipped(now), ct);
            return 1;
        }

        if ((current.Source == url && now - current.FetchedAt < store.Options.RefreshEvery) || now - attempts.Last < RetryAfter)
        {
            return 0;
        }

        attempts.Last = now;
        try
        {
            using var client = http.CreateClient(HttpClientName);
            await using var body = await client.GetStreamAsync(new Uri(url), ct);
            if (!EcbRatesFile.TryParse(body, url, now, out var fetched, out var problem))
            {
                logger.LogWarning("Exchange rates from {Source} were refused: {Problem}", url, problem);
                return 0;
            }

            if (RateSanity.Problem(fetched, current) is { } refused)
            {
                logger.LogWarning("Exchange rates from {Source} were refused: {Problem} The set in force stays (and ages until it is stale)", url, refused);
                return 0;
            }

            await store.ImportAsync(fetched, ct);
            return 1;
        }
        catch (HttpRequestException exception)
        {
            logger.LogWarning(exception, "Exchange rates could not be fetched from {Source}", url);
            return 0;
        }
        catch (TaskCanceledException exception) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Exchange rates from {Source} timed out", url);
            return 0;
        }
    }
}

/// <summary>
/// Why a new set of rates must not replace the set in force (null: it may): it is of an older day than a set from a real
/// source, an enabled currency has no rate, a rate is outside 0.0001–100,000 per euro, or an enabled currency moved more
/// than a quarter from a real set in one step — a misplaced decimal point in a file would otherwise charge buyers a
/// hundredth of the price. The same rule for the job's fetch and an admin's upload.
/// </summary>
public static class RateSanity
{
    public const decimal MaxMove = 0.25m;

    public static Text? Problem(RateTable proposed, RateTable current)
    {
        var real = current.Source != ExchangeRatesStore.ShippedSource && current.PerEuro.Count > 0;
        if (real && proposed.Date < current.Date)
        {
            return Text.Of("The rates are of {0}, older than the set in force ({1}).", EcbRatesFile.IsoDay(proposed.Date), EcbRatesFile.IsoDay(current.Date));
        }

        if (Currencies.Enabled.Where(c => c != RateTable.Euro).FirstOrDefault(c => !proposed.PerEuro.ContainsKey(c)) is { } missing)
        {
            return Text.Of("The set has no rate for {0}, which the marketplace trades in.", missing);
        }

        if (proposed.PerEuro.FirstOrDefault(r => r.Value is < 0.0001m or > 100_000m) is { Key: not null } absurd)
        {
            return Text.Of("The rate of {0} ({1} per euro) is outside what any currency is worth.", absurd.Key, absurd.Value);
        }

        if (!real)
        {
            return null;
        }

        foreach (var code in Currencies.Enabled.Where(c => c != RateTable.Euro && current.PerEuro.ContainsKey(c)))
        {
            var move = Math.Abs(proposed.PerEuro[code] / current.PerEuro[code] - 1m);
            if (move > MaxMove)
            {
                return Text.Of("{0} moved {1}% from the set in force ({2} → {3} per euro).", code, Math.Round(move * 100), current.PerEuro[code], proposed.PerEuro[code]);
            }
        }

        return null;
    }
}

/// <summary>When this instance last asked the rate source (a failed fetch is not retried on every tick).</summary>
public sealed class RateFetchAttempts
{
    public DateTimeOffset Last { get; set; } = DateTimeOffset.MinValue;
}

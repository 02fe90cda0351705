using Marketplace.Core.Catalog;
using Npgsql;

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// Several instances on PostgreSQL: a catalog change is evicted here and announced to the others with PostgreSQL's own
/// NOTIFY on the <see cref="Channel"/> channel; each instance LISTENs (<see cref="PageCacheListener"/>) and evicts the
/// same pages. A payload names the sending instance (which ignores its own) and the listings, or <c>*</c> for every page
/// (also when the ids wouldn't fit NOTIFY's 8,000 bytes), or <see cref="HeaderCounts"/> when people's header counts may
/// have changed (the others forget their kept counts).
/// </summary>
public sealed class BroadcastCatalogPages(OutputCachedPages local, DatabaseOptions options, ILogger<BroadcastCatalogPages> logger) : ICatalogPages, IAsyncDisposable
{
    private readonly NpgsqlDataSource _primary = NpgsqlDataSource.Create(options.ConnectionString);

    public const string Channel = "marketplace_pages";

    private const int MaxIds = 200;

    /// <summary>This instance's name on the channel.</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The payload's body when the header counts changed (carts, notifications, messages), not a page.</summary>
    public const string HeaderCounts = "counts";

    /// <summary>1 when a change waits to be announced.</summary>
    private int _countsPending;

    /// <summary>1 while the one announcer runs.</summary>
    private int _countsSending;

    public async Task ChangedAsync(IReadOnlyCollection<Guid>? listings)
    {
        await local.ChangedAsync(listings);
        await NotifyAsync(Instance + "|" + (listings is null || listings.Count > MaxIds ? "*" : string.Join(',', listings.Select(id => id.ToString("N")))));
    }

    /// <summary>
    /// Tells the other instances that header counts changed here (<see cref="Marketplace.Core.Identity.HeaderCountCache.CommittedHere"/>),
    /// off the writer's path: one announcement at a time, and all the changes made while one is being sent share the next.
    /// </summary>
    public void HeaderCountsChanged()
    {
        Volatile.Write(ref _countsPending, 1);
        if (Interlocked.CompareExchange(ref _countsSending, 1, 0) == 0)
        {
            _ = Task.Run(AnnounceCountsAsync);
        }
    }

    /// <summary>True for another instance's announcement that header counts changed.</summary>
    public bool IsHeaderCounts(string payload) =>
        payload.EndsWith("|" + HeaderCounts, StringComparison.Ordinal) && !payload.StartsWith(Instance + "|", StringComparison.Ordinal);

    private async Task AnnounceCountsAsync()
    {
        while (true)
        {
            while (Interlocked.Exchange(ref _countsPending, 0) == 1)
            {
                await NotifyAsync(Instance + "|" + HeaderCounts);
            }

            Volatile.Write(ref _countsSending, 0);

            // A change that came between the last look and stopping: announced by this announcer, unless another started.
            if (Volatile.Read(ref _countsPending) == 0 || Interlocked.CompareExchange(ref _countsSending, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private async Task NotifyAsync(string payload)
    {
        try
        {
            await using var command = _primary.CreateCommand("SELECT pg_notify(@channel, @payload)");
            command.Parameters.AddWithValue("channel", Channel);
            command.Parameters.AddWithValue("payload", payload);
            await command.ExecuteNonQueryAsync();
        }
#pragma warning disable CA1031 // Whatever fails here, the change is committed: the caller must not see an error for it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // The other instances' copies go within their lifetime (a minute) anyway.
            logger.LogWarning(e, "Could not tell the other instances that catalog pages or header counts changed");
        }
    }

    public ValueTask DisposeAsync() => _primary.DisposeAsync();

    /// <summary>What a payload asks for: null when it is this instance's own or unreadable; an empty list for every page.</summary>
    public IReadOnlyCollection<Guid>? Parse(string payload, out bool everything)
    {
        everything = false;
        var bar = payload.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0 || payload[..bar] == Instance)
        {
            return null;
        }

        var rest = payload[(bar + 1)..];
        if (rest == HeaderCounts)
        {
            return null;
        }

        if (rest == "*")
        {
            everything = true;
            return [];
        }

        return rest.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => Guid.TryParseExact(id, "N", out var g) ? g : (Guid?)null)
            .OfType<Guid>()
            .ToList();
    }
}

/// <summary>
/// LISTENs for the other instances' catalog changes and evicts the same pages here. Its connection is its own (not
/// pooled); when it drops, every page is evicted (announcements may have been missed) and it reconnects.
/// </summary>
public sealed class PageCacheListener(BroadcastCatalogPages broadcast, OutputCachedPages local, Marketplace.Core.Identity.HeaderCountCache headerCounts, DatabaseOptions options, ILogger<PageCacheListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Pooling = false, KeepAlive = 30 };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (broadcast.IsHeaderCounts(e.Payload))
                    {
                        headerCounts.Changed();
                        return;
                    }

                    var listings = broadcast.Parse(e.Payload, out var everything);
                    if (listings is not null)
                    {
                        local.ChangedAsync(everything ? null : listings).GetAwaiter().GetResult();
                    }
                };
                await using (var listen = new NpgsqlCommand("LISTEN " + BroadcastCatalogPages.Channel, connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Anything announced before LISTEN took effect (a start or a reconnect) is covered by starting clean.
                await local.ChangedAsync(null);
                headerCounts.Changed();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A listener that stops would leave this instance's copies to their lifetime: it listens again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning(e, "Lost the page-cache channel; listening again in 5 s");
                await local.ChangedAsync(null);
                headerCounts.Changed();
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Marketplace.Core.Escrow;
using Marketplace.Core.Identity;
using Marketplace.Core.Notifications;
using Marketplace.Data.Postgres;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Sellers;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.Bench;

/// <summary>
/// <c>--release-holds N</c>: N paid, confirmed orders whose protection has ended, released by two workers at
/// once (as two app instances would), timed; then the ledger's invariants are recomputed. Writes
/// docs/benchmarks-release.md.
/// </summary>
public static class ReleaseBench
{
    public static async Task<int> RunAsync(int holds, string root, Action<string> log)
    {
        await PostgresServer.GetAsync();
        var database = await TestDatabase.CreateMigratedAsync();
        try
        {
            var seedWatch = Stopwatch.StartNew();
            await SeedAsync(database.ConnectionString, holds, log);
            seedWatch.Stop();
            log($"seeded {holds:N0} due holds in {seedWatch.Elapsed.TotalSeconds:N0} s");

            var clock = TimeProvider.System;
            var cpuBefore = Cpu.Snapshot(Environment.ProcessId);
            var watch = Stopwatch.StartNew();
            var counts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                // With the app's webhook interceptor, as the release job runs: each release also records hold.released.
                await using var db = PostgresDatabase.CreateStandalone(database.ConnectionString, new Marketplace.Core.Api.WebhookEventsInterceptor(clock));
                var release = new ReleaseDueHolds(db, new PostgresHoldClaims(), new Notifier(db, Options.Create(new NotificationOptions()), new NoTranslations()), clock);
                return await release.ExecuteAllAsync();
            })));
            watch.Stop();
            var cpuAfter = Cpu.Snapshot(Environment.ProcessId);
            var appCpu = (cpuAfter.App - cpuBefore.App) / 100.0;
            var dbCpu = (cpuAfter.Postgres - cpuBefore.Postgres) / 100.0;
            log($"CPU during the release: app {appCpu:N1} s, PostgreSQL {dbCpu:N1} s");

            await using var check = PostgresDatabase.CreateStandalone(database.ConnectionString);
            var released = await check.EscrowHolds.CountAsync(h => h.Status == HoldStatus.Released);
            var releaseEntries = await check.LedgerTransactions.CountAsync(t => t.Kind == LedgerEntryKind.Release);
            var violations = await new LedgerHealth(check).CheckAsync();
            var webhooks = await check.WebhookEvents.CountAsync(e => e.Type == Marketplace.Core.Api.WebhookEventTypes.HoldReleased);
            log($"released {released:N0} in {watch.Elapsed.TotalSeconds:N1} s (workers: {counts[0]:N0} + {counts[1]:N0}); ledger violations: {violations.Count}");

            var c = CultureInfo.InvariantCulture;
            var md = new StringBuilder();
            md.AppendLine("# Release benchmark");
            md.AppendLine();
            md.AppendLine("Escrow release throughput on PostgreSQL: N paid, confirmed orders whose protection window has closed,");
            md.AppendLine("released by two `ReleaseDueHolds` workers running at the same moment against the same database (as two");
            md.AppendLine("app instances would: batches of 500 claimed with `FOR UPDATE SKIP LOCKED`), each release writing the hold,");
            md.AppendLine("the order and its timeline event, a balanced ledger transaction (3 postings), the transfer in the provider outbox");
            md.AppendLine("and the `hold.released` webhook event, and one notification + e-mail per seller per batch. Each batch is saved with");
            md.AppendLine("one statement per table (`PostgresBulk`: `INSERT ... SELECT` and version-checked `UPDATE ... FROM unnest()` of one");
            md.AppendLine("array per column, from EF Core's mapping) after one pass of change detection. The due holds are seeded with binary");
            md.AppendLine("COPY from the same mapping.");
            md.AppendLine("Afterwards every ledger invariant is recomputed from the database (`LedgerHealth`).");
            md.AppendLine();
            md.AppendLine("```bash");
            md.AppendLine(CultureInfo.InvariantCulture, $"dotnet run -c Release --project bench/Marketplace.Bench -- --release-holds {holds}");
            md.AppendLine("```");
            md.AppendLine();
            md.AppendLine(c, $"## Latest run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            md.AppendLine();
            md.AppendLine(c, $"- Machine: {Environment.ProcessorCount} cores; .NET {Environment.Version}");
            md.AppendLine(c, $"- Due holds: {holds:N0} (seeded in {seedWatch.Elapsed.TotalSeconds:N0} s)");
            md.AppendLine(c, $"- **Released: {released:N0} in {watch.Elapsed.TotalSeconds:N1} s** ({released / Math.Max(0.001, watch.Elapsed.TotalSeconds):N0} holds/s; target: all of 100,000 in under 30 s)");
            md.AppendLine(c, $"- CPU during the release: app {appCpu:N1} s, PostgreSQL {dbCpu:N1} s (2 cores × {watch.Elapsed.TotalSeconds:N0} s available)");
            md.AppendLine(c, $"- Split between the two workers: {counts[0]:N0} + {counts[1]:N0} (each hold released once: {releaseEntries:N0} release entries, {webhooks:N0} hold.released webhook events)");
            md.AppendLine(c, $"- Ledger invariants after the run: {(violations.Count == 0 ? "all hold" : string.Join("; ", violations.Select(v => v.Detail)))}");
            await File.WriteAllTextAsync(Path.Combine(root, "docs", "benchmarks-release.md"), md.ToString());
            return released == holds && releaseEntries == holds && webhooks == holds && violations.Count == 0 ? 0 : 1;
        }
        finally
        {
            await database.DisposeAsync();
            await PostgresServer.ShutdownAsync();
        }
    }

    private static async Task SeedAsync(string connectionString, int holds, Action<string> log)
    {
        var now = DateTimeOffset.UtcNow;
        var sellers = new List<Seller>();
        Guid buyerId;
        await using (var db = PostgresDatabase.CreateStandalone(connectionString))
        {
            var buyer = new AppUser { UserName = "bench-buyer@bench.local", NormalizedUserName = "BENCH-BUYER@BENCH.LOCAL", Email = "bench-buyer@bench.local", CreatedAt = now };
            db.Users.Add(buyer);
            buyerId = buyer.Id;
            for (var s = 0; s < 50; s++)
            {
                var user = new AppUser { UserName = $"bench-seller-{s}@bench.local", NormalizedUserName = $"BENCH-SELLER-{s}@BENCH.LOCAL", Email = $"bench-seller-{s}@bench.local", CreatedAt = now };
                db.Users.Add(user);
                var seller = new Seller(user.Id, $"Bench Store {s:00}", "FR", string.Empty, now, approved: true);
                seller.ConnectPayoutAccount($"sim_acct_{s}");
                seller.EnablePayouts($"sim_acct_{s}");
                sellers.Add(seller);
            }

            db.Sellers.AddRange(sellers);
            await db.SaveChangesAsync();
        }

        // Written with binary COPY from EF Core's mapping, as the catalog is (Seeder.CopyAsync): the same rows SaveChanges writes.
        const int batch = 2_000;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        for (var start = 0; start < holds; start += batch)
        {
            await using var db = PostgresDatabase.CreateStandalone(connectionString);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(holds, start + batch); i++)
            {
                var paidAt = now.AddDays(-40);
                OrderBuilder.Add(db, OrderBuilder.ConfirmedOrder(sellers[i % sellers.Count].Id, buyerId, new Money(1_000 + (i % 9_000), "USD"), i, paidAt, paidAt.AddDays(5)));
            }

            await Seeder.CopyAsync(connection, db);
            if (start / batch % 10 == 0)
            {
                log($"seeded {Math.Min(holds, start + batch):N0} / {holds:N0} due holds");
            }
        }

        await using (var db = PostgresDatabase.CreateStandalone(connectionString))
        {
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        }

    }
}

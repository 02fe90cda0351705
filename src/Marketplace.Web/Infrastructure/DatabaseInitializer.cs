using Marketplace.Core.Data;
using Marketplace.Core.Demo;
using Marketplace.Core.Identity;
using Marketplace.Data.Postgres;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Infrastructure;

public static class DatabaseInitializer
{
    /// <summary>Applies migrations where configured, makes sure the roles exist and seeds the demo marketplace.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app, bool seedDemoSwitch)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILogger<MarketplaceDbContext>>();

        if (!options.MigrateOnStartup && !await db.Database.CanConnectAsync())
        {
            // Stay up: /health/live answers and /health/ready reports the database until it is back.
            logger.LogError("The {Provider} database is unreachable at start-up", options.Provider);
            return;
        }

        // Several instances starting together on one PostgreSQL database take turns (the embedded SQLite file has one).
        await using var turn = options.Provider == DatabaseProvider.Postgres ? await PostgresStartupLock.AcquireAsync(db, options.ConnectionString) : null;
        if (options.MigrateOnStartup)
        {
            logger.LogInformation("Applying {Provider} migrations", options.Provider);
            await db.Database.MigrateAsync();
        }

        if (!options.MigrateOnStartup && (await db.Database.GetPendingMigrationsAsync()).Any())
        {
            logger.LogWarning("The database has pending migrations; set Database:MigrateOnStartup=true or apply them with dotnet-ef");
            return;
        }

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            await Marketplace.Data.Sqlite.SqliteSearchIndex.EnsureAsync(db);
        }

        await scope.ServiceProvider.GetRequiredService<RoleSeeder>().EnsureRolesAsync();

        // The first data-protection key is made here, under the start-up lock: instances started together on an empty
        // ring would otherwise each make their own, and read each other's cookies only once they reload the ring.
        var keys = app.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>();
        var now = TimeProvider.System.GetUtcNow(); // real time, like the key ring itself: the business clock's fast-forward must not age keys
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
        {
            keys.CreateNewKey(activationDate: now, expirationDate: now.AddDays(90));
        }

        // Only when asked for (--seed-demo, or Database:SeedDemo=true as appsettings.Development.json sets it), in any environment.
        if (seedDemoSwitch || options.SeedDemo == true)
        {
            // Outside Development and tests the demo accounts (an admin among them) never get the published password.
            var knownPassword = ServiceRegistration.ClockOffsetAllowed(app.Environment);
            var password = knownPassword ? DemoDataSeeder.Password : DemoDataSeeder.NewPassword();
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(password);
            if (seeded && knownPassword)
            {
                logger.LogInformation("Demo marketplace seeded");
            }
            else if (seeded)
            {
                logger.LogWarning("Demo marketplace seeded in {Environment}: every demo account's password is {Password} (shown only now; change the admin's at once)", app.Environment.EnvironmentName, password);
            }
            else
            {
                logger.LogInformation("Demo data skipped: the database already has users");
            }
        }
    }
}

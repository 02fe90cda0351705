using Marketplace.Core.Email;
using Marketplace.Core.Identity;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Payments;
using Marketplace.Domain.Sellers;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Marketplace.Core.Data;

public sealed class MarketplaceDbContext(DbContextOptions<MarketplaceDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>The data-protection key ring (cookies, antiforgery, reset tokens) shared by every instance on PostgreSQL.</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    public const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<Seller> Sellers => Set<Seller>();

    public DbSet<Listing> Listings => Set<Listing>();

    /// <summary>
    /// The listings whose words match an FTS5 query: SQLite only, where it is mapped to the search index's table-valued
    /// form (Marketplace.Data.Sqlite's SqliteModelCustomizer); to be composed into a query, not run alone.
    /// </summary>
    public IQueryable<Marketplace.Core.Catalog.TextMatch> TextMatches(string ftsQuery) => FromExpression(() => TextMatches(ftsQuery));

    public DbSet<ListingVariant> ListingVariants => Set<ListingVariant>();

    public DbSet<EmailMessage> EmailMessages => Set<EmailMessage>();

    public DbSet<RateLimits.RateLimitCounter> RateLimitCounters => Set<RateLimits.RateLimitCounter>();

    public DbSet<Cart> Carts => Set<Cart>();

    public DbSet<CheckoutPayment> CheckoutPayments => Set<CheckoutPayment>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<EscrowHold> EscrowHolds => Set<EscrowHold>();

    public DbSet<LedgerTransaction> LedgerTransactions => Set<LedgerTransaction>();

    public DbSet<ProviderCommand> ProviderCommands => Set<ProviderCommand>();

    public DbSet<Chargeback> Chargebacks => Set<Chargeback>();

    public DbSet<Domain.Disputes.Dispute> Disputes => Set<Domain.Disputes.Dispute>();

    public DbSet<Domain.Disputes.DisputeEvidence> DisputeEvidence => Set<Domain.Disputes.DisputeEvidence>();

    public DbSet<ProviderEvent> ProviderEvents => Set<ProviderEvent>();

    public DbSet<Domain.Messaging.Conversation> Conversations => Set<Domain.Messaging.Conversation>();

    public DbSet<Domain.Messaging.Message> Messages => Set<Domain.Messaging.Message>();

    public DbSet<Domain.Trust.MessageModel> MessageModels => Set<Domain.Trust.MessageModel>();

    public DbSet<Domain.Reviews.Review> Reviews => Set<Domain.Reviews.Review>();

    public DbSet<Domain.Trust.TakedownRequest> TakedownRequests => Set<Domain.Trust.TakedownRequest>();

    public DbSet<Domain.Trust.BrushingReport> BrushingReports => Set<Domain.Trust.BrushingReport>();

    public DbSet<Domain.Trust.Brand> Brands => Set<Domain.Trust.Brand>();

    public DbSet<Domain.Trust.BrandLine> BrandLines => Set<Domain.Trust.BrandLine>();

    public DbSet<Exchange.ExchangeRateRow> ExchangeRates => Set<Exchange.ExchangeRateRow>();

    public DbSet<Domain.Trust.AdminAction> AdminActions => Set<Domain.Trust.AdminAction>();

    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();

    public DbSet<RulesChange> RulesChanges => Set<RulesChange>();

    public DbSet<Api.ApiToken> ApiTokens => Set<Api.ApiToken>();

    public DbSet<Api.IdempotencyRecord> IdempotencyRecords => Set<Api.IdempotencyRecord>();

    public DbSet<Api.WebhookEndpoint> WebhookEndpoints => Set<Api.WebhookEndpoint>();

    public DbSet<Api.WebhookEvent> WebhookEvents => Set<Api.WebhookEvent>();

    public DbSet<Api.WebhookDelivery> WebhookDeliveries => Set<Api.WebhookDelivery>();

    public bool IsSqlite => Database.ProviderName == SqliteProvider;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MarketplaceDbContext).Assembly);

        foreach (var entity in builder.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no timestamp type that sorts or compares: store UTC ticks so that
        // "where DeliveryDeadline < now" and "order by CreatedAt" work the same on both engines.
        if (IsSqlite)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();

            // Durations (the rules' windows) as ticks too, not SQLite's default text.
            configurationBuilder.Properties<TimeSpan>().HaveConversion<long>();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Optimistic concurrency that works on both engines (PostgreSQL's xmin has no SQLite twin):
    /// every modified aggregate gets Version + 1, and the UPDATE checks the version it read.
    /// </summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                var version = entry.Property(e => e.Version);
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}

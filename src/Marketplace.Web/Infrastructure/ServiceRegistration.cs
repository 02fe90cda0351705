using Marketplace.Core.Catalog;
using Marketplace.Core.Checkout;
using Marketplace.Core.Data;
using Marketplace.Core.Demo;
using Marketplace.Core.Escrow;
using Marketplace.Core.Identity;
using Marketplace.Core.Notifications;
using Marketplace.Core.Orders;
using Marketplace.Core.Payments;
using Marketplace.Core.Sellers;
using Marketplace.Core.Storage;
using Marketplace.Core.Time;
using Marketplace.Data.Postgres;
using Marketplace.Data.Sqlite;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Stripe;

namespace Marketplace.Web.Infrastructure;

public static class ServiceRegistration
{
    public static IServiceCollection AddMarketplaceData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = DatabaseOptions.From(configuration, environment);
        services.AddSingleton(options);
        services.AddHttpContextAccessor();
        // Pooled contexts (docs/performance-notes.md: creating a context resolved EF Core's ~50 internal services each time,
        // a quarter of a checkout's CPU): one pool for the primary and, with a standby, one for it, chosen per request scope.
        services.AddSingleton(provider => new MarketplaceContextPools(provider, options));
        services.AddScoped(scope => scope.GetRequiredService<MarketplaceContextPools>().Lease(scope));
        services.AddSingleton(provider =>
        {
            var headerCounts = new Marketplace.Core.Identity.HeaderCountCache(provider.GetRequiredService<TimeProvider>());
            if (provider.GetService<BroadcastCatalogPages>() is { } broadcast)
            {
                headerCounts.CommittedHere += broadcast.HeaderCountsChanged;
            }

            return headerCounts;
        });
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton<ITextSearch, PostgresTextSearch>();
            services.AddSingleton<IHoldClaims, PostgresHoldClaims>();
        }
        else
        {
            services.AddSingleton<ITextSearch, SqliteTextSearch>();
            services.AddSingleton<IHoldClaims, UnlockedHoldClaims>();
        }

        AddFileStorage(services, configuration, options);
        AddKeyRing(services, configuration, options);
        services.AddHealthChecks().AddDbContextCheck<MarketplaceDbContext>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// <c>Storage:Provider</c> = Local (the data folder's <c>uploads</c>, the default) or S3 (<c>Storage:S3:*</c>, shared
    /// by every instance). <c>Storage:PublicBaseUrl</c> serves public images from elsewhere (a CDN or the bucket's website).
    /// </summary>
    private static void AddFileStorage(IServiceCollection services, IConfiguration configuration, DatabaseOptions options)
    {
        var provider = configuration["Storage:Provider"] ?? "Local";
        if (string.Equals(provider, "S3", StringComparison.OrdinalIgnoreCase))
        {
            var s3 = configuration.GetSection("Storage:S3").Get<S3StorageOptions>() ?? new S3StorageOptions();
            if (string.IsNullOrWhiteSpace(s3.Bucket))
            {
                throw new InvalidOperationException("Storage:Provider is S3 but Storage:S3:Bucket is not set.");
            }

            services.AddSingleton(s3);
            services.AddSingleton<Amazon.S3.IAmazonS3>(_ => s3.CreateClient());
            services.AddSingleton<IFileStorage, S3FileStorage>();
        }
        else
        {
            services.AddSingleton<IFileStorage>(new LocalFolderStorage(Path.Combine(options.DataPath, "uploads")));
        }

        services.AddSingleton(new MediaLinks(configuration["Storage:PublicBaseUrl"]));
    }

    /// <summary>
    /// The data-protection key ring (sign-in and antiforgery cookies, reset links): in the database on PostgreSQL, so
    /// every instance reads every other's cookies; in the data folder for the embedded default. With
    /// <c>DataProtection:CertificatePath</c> (a .pfx, <c>DataProtection:CertificatePassword</c>) the keys are encrypted at rest.
    /// </summary>
    private static void AddKeyRing(IServiceCollection services, IConfiguration configuration, DatabaseOptions options)
    {
        var keys = services.AddDataProtection().SetApplicationName("Marketplace");
        if (options.Provider == DatabaseProvider.Postgres)
        {
            keys.PersistKeysToDbContext<MarketplaceDbContext>();
        }
        else
        {
            keys.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataPath, "keys")));
        }

        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificate)
        {
            keys.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(certificate, configuration["DataProtection:CertificatePassword"]));
        }
    }

    public static IServiceCollection AddMarketplaceIdentity(this IServiceCollection services)
    {
        services
            .AddDefaultIdentity<AppUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = true;
                options.SignIn.RequireConfirmedEmail = true;
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                // Twenty, not five: one client gets 5 tries per account per 15 minutes (RateLimits), so locking someone
                // out takes four addresses at once instead of anyone's five wrong guesses.
                options.Lockout.MaxFailedAccessAttempts = 20;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Password.RequiredLength = 8;
                IdentitySchema.Configure(options.Stores);
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddErrorDescriber<TranslatedIdentityErrors>()
            .AddSignInManager<Marketplace.Core.Trust.MarketplaceSignInManager>()
            .AddEntityFrameworkStores<MarketplaceDbContext>()
            .AddClaimsPrincipalFactory<MarketplaceClaimsPrincipalFactory>();
        // Sign-in sessions run on real time: fast-forwarding the business clock must not log the admin out.
        services.ConfigureAll<CookieAuthenticationOptions>(options => options.TimeProvider = TimeProvider.System);

        // A suspension (or a password change) ends open sessions within a minute: the stamp is checked that often.
        // On real time, as the cookie (Identity would take the business clock: fast-forwarded, every request would re-check).
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            options.TimeProvider = TimeProvider.System;
        });
        services.ConfigureApplicationCookie(options =>
        {
            options.Events.OnSignedIn = async context =>
            {
                await Buyers.MergeGuestCartAsync(context.HttpContext, context.Principal!);
                await Localization.AdoptBrowserLanguageAsync(context.HttpContext, context.Principal!);
            };

            // Identity's check builds its validator (a sign-in manager, a user manager, a DbContext) on every signed-in request
            // only to read the cookie's age, and does nothing more until a check is due: the age is read first (a checkout's
            // profile had 7% of its time there).
            var checkStamp = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = context => StampCheckDue(context) ? checkStamp(context) : Task.CompletedTask;
        });
        services.AddSingleton<RememberedTickets>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<RememberedTickets>((options, remembered) => options.TicketDataFormat = remembered.Around(options.TicketDataFormat));
        services.AddTransient<IEmailSender, OutboxEmailSender>();
        services.AddScoped<Marketplace.Core.Email.SendEmails>();
        services.AddScoped<Marketplace.Core.Email.EmailOutbox>();
        services.AddScoped<PublicLinks>();
        services.AddScoped<Marketplace.Web.Areas.Identity.Pages.Account.AccountMail>();
        services.AddScoped<RoleSeeder>();
        return services;
    }

    /// <summary>Production uses the system clock; Development and Testing get one an admin can move forward.</summary>
    public static IServiceCollection AddMarketplaceClock(this IServiceCollection services, IHostEnvironment environment)
    {
        if (ClockOffsetAllowed(environment))
        {
            var clock = new OffsetTimeProvider(TimeProvider.System);
            services.AddSingleton(clock);
            services.AddSingleton<TimeProvider>(clock);
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
        }

        return services;
    }

    public static bool ClockOffsetAllowed(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");

    public static IServiceCollection AddMarketplaceCore(this IServiceCollection services, IConfiguration configuration)
    {
        // Reads from the standby are never kept (they may lag a change whose eviction already happened).
        services.AddSingleton(provider =>
        {
            var database = provider.GetRequiredService<DatabaseOptions>();
            Func<Microsoft.EntityFrameworkCore.DbContext, bool>? primaryOnly = database.StandbyConnectionString is null
                ? null
                : db => Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetConnectionString(db.Database) != database.StandbyConnectionString;
            return new Marketplace.Core.Catalog.CatalogDataCache(primaryOnly, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<Marketplace.Core.Catalog.CatalogDataCache>>());
        });
        services.Configure<SellerOptions>(configuration.GetSection("Sellers"));

        // Every SPEC timer and rate: defaults from configuration, checked at start; admins change them on /Admin/Rules.
        services.AddOptions<Marketplace.Domain.Common.MarketplaceRules>()
            .Bind(configuration.GetSection("Marketplace:Rules"))
            .Validate(rules => rules.Problems().Count == 0, "Marketplace:Rules has a value out of bounds (see MarketplaceRules.Problems).")
            .ValidateOnStart();
        services.AddScoped<Marketplace.Core.Rules.RulesStore>();
        services.Configure<Marketplace.Core.Exchange.ExchangeRateOptions>(configuration.GetSection("ExchangeRates"));
        services.AddScoped<Marketplace.Core.Exchange.ExchangeRatesStore>();
        services.AddScoped<Marketplace.Core.Exchange.RefreshExchangeRates>();
        services.AddSingleton<Marketplace.Core.Exchange.RateFetchAttempts>();
        services.AddHttpClient(Marketplace.Core.Exchange.RefreshExchangeRates.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddScoped<CatalogQueries>();
        services.AddScoped<SellerQueries>();
        services.AddScoped<SellerDesk>();
        services.AddScoped<Marketplace.Core.Reporting.AdminDesk>();
        services.AddScoped<ApplyToSell>();
        services.AddScoped<ApproveSeller>();
        services.AddScoped<SetUpPayouts>();
        services.AddScoped<SaveListing>();
        services.AddScoped<UpdateInventory>();
        services.AddScoped<Marketplace.Core.Api.ApiTokens>();
        services.AddSingleton<Marketplace.Core.Api.IdempotencyKeys>();
        services.Configure<Marketplace.Core.Api.WebhookOptions>(configuration.GetSection("Webhooks"));
        services.AddSingleton<Marketplace.Core.Api.WebhookSender>();
        services.AddSingleton<Marketplace.Core.Api.WebhookEventsInterceptor>();
        services.AddScoped<Marketplace.Core.Api.WebhookEndpoints>();
        services.AddScoped<Marketplace.Core.Api.DeliverWebhooks>();
        services.AddScoped<ChangeListingStatus>();
        services.AddScoped<ListingImages>();
        services.AddScoped<CartFinder>();
        services.AddScoped(provider => new Marketplace.Core.Identity.HeaderCountQueries(provider.GetRequiredService<MarketplaceDbContext>(), provider.GetRequiredService<Marketplace.Core.Identity.HeaderCountCache>())
        {
            // The person's own recent post (a cookie every instance reads): their next pages show it, whichever instance serves them.
            ReadFresh = provider.GetRequiredService<IHttpContextAccessor>().HttpContext is { } http && HeaderCountsFreshness.PostedRecently(http.Request, provider.GetRequiredService<TimeProvider>().GetUtcNow()),
        });
        services.AddScoped<CartQueries>();
        services.AddScoped<AddToCart>();
        services.AddScoped<UpdateCartLine>();
        services.AddScoped<MergeGuestCart>();
        services.AddScoped<PlaceOrder>();
        services.AddScoped<CapturePayment>();
        services.AddScoped<PayWithCard>();
        services.AddScoped<LapseUnpaidOrders>();
        services.AddScoped<OrderQueries>();
        services.AddScoped<ShipOrder>();
        services.AddScoped<ConfirmReceipt>();
        services.AddScoped<LedgerHealth>();
        services.AddScoped<EscrowSettlement>();
        services.AddScoped<AdminHolds>();
        services.AddScoped<Marketplace.Core.Identity.DeleteAccount>();
        services.AddScoped<ReleaseDueHolds>();
        services.AddScoped<AutoConfirmOrders>();
        services.AddScoped<CancelUnshippedOrders>();
        services.AddScoped<RequestCancellation>();
        services.AddScoped<CancelOrder>();
        services.AddScoped<DeliveryExtensions>();
        services.AddScoped<AddTrackingEvent>();
        services.AddScoped<RemindShipBy>();
        services.AddScoped<Notifier>();
        services.AddSingleton<ITranslations, ResourceTranslations>();
        services.AddScoped<NotificationQueries>();
        services.Configure<NotificationOptions>(options => options.PublicUrl = configuration["App:PublicUrl"] ?? options.PublicUrl);
        services.AddScoped<SendProviderCommands>();
        services.AddScoped<RetryProviderCommand>();
        services.AddSingleton<SimulatedPaymentProvider>();
        services.AddScoped<Chargebacks>();
        services.AddScoped<RefundAfterRelease>();
        services.AddScoped<Marketplace.Core.Disputes.DisputeActions>();
        services.AddScoped<Marketplace.Core.Disputes.DisputeQueries>();
        services.AddScoped<Marketplace.Core.Disputes.DisputeEvidenceFiles>();
        services.AddScoped<EscrowQueries>();
        services.AddScoped<Marketplace.Core.Messaging.SendMessage>();
        services.AddScoped<Marketplace.Core.Trust.Suspensions>();
        services.AddScoped<Marketplace.Core.Trust.MessageModeration>();
        services.AddSingleton<Marketplace.Core.Trust.MessageScorer>();
        services.AddScoped<Marketplace.Core.Trust.RetrainMessageModel>();
        services.AddSingleton<Marketplace.Core.Catalog.RefreshSearchTerms>();
        services.AddScoped<Marketplace.Core.Trust.TrustQueries>();
        services.AddScoped<Marketplace.Core.Trust.CounterfeitCheck>();
        services.AddScoped<Marketplace.Core.Trust.ListingModeration>();
        services.AddScoped<Marketplace.Core.Trust.BrandRegistry>();
        services.AddScoped<Marketplace.Core.Reviews.WriteReview>();
        services.AddScoped<Marketplace.Core.Trust.SellerTrust>();
        services.AddScoped<Marketplace.Core.Trust.Takedowns>();
        services.AddScoped<Marketplace.Core.Trust.GrantRightsHolder>();
        services.AddScoped<Marketplace.Core.Trust.BrushingReports>();
        services.AddScoped<Marketplace.Core.Reviews.ReviewQueries>();
        services.AddScoped<Marketplace.Core.Messaging.ConversationQueries>();
        services.Configure<JobOptions>(configuration.GetSection("Jobs"));
        services.Configure<Marketplace.Core.Email.SmtpOptions>(configuration.GetSection("Smtp"));
        services.AddMarketplaceJobs();
        AddPayments(services, configuration);
        services.AddScoped<DemoDataSeeder>();
        return services;
    }

    /// <summary>
    /// <c>Payments:Provider</c> = Simulated (default, no keys) or Stripe (<c>Stripe:SecretKey</c>, <c>Stripe:PublishableKey</c>
    /// for Elements, <c>Stripe:WebhookSecret</c> for <c>/webhooks/stripe</c>): payments, refunds, transfers and seller onboarding.
    /// </summary>
    private static void AddPayments(IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Payments:Provider"] ?? "Simulated";
        if (string.Equals(provider, "Stripe", StringComparison.OrdinalIgnoreCase))
        {
            var stripe = configuration.GetSection("Stripe").Get<StripeOptions>() ?? new StripeOptions();
            if (string.IsNullOrWhiteSpace(stripe.SecretKey))
            {
                throw new InvalidOperationException("Payments:Provider is Stripe but Stripe:SecretKey is not set.");
            }

            services.AddHttpClient("stripe");
            services.AddSingleton<IStripeClient>(sp => new StripeClient(
                apiKey: stripe.SecretKey,
                // No hidden retries inside Stripe.net: the outbox retries money calls itself, durably, with backoff and the same key.
                httpClient: new SystemNetHttpClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient("stripe"), maxNetworkRetries: 0),
                apiBase: string.IsNullOrWhiteSpace(stripe.ApiBase) ? null : stripe.ApiBase));
            services.AddSingleton<IPayoutAccounts, StripePayoutAccounts>();
            services.AddSingleton(stripe);
            services.AddSingleton<StripePayments>();
            services.AddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<StripePayments>());
            services.AddSingleton<IEmbeddedCardPayments>(sp => sp.GetRequiredService<StripePayments>());

            // Card payments on the provider's own form exist only with Stripe (the simulated card page needs none).
            services.AddScoped<CardPayments>();
            services.AddScoped<StripeWebhooks>();
        }
        else
        {
            services.AddSingleton<IPayoutAccounts, SimulatedPayoutAccounts>();
            services.AddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<SimulatedPaymentProvider>());
        }
    }

    public static IServiceCollection AddMarketplaceWeb(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Admin", "Admin");
            options.Conventions.AuthorizeFolder("/Seller", "Seller");
            options.Conventions.AuthorizeFolder("/RightsHolder", "RightsHolder");

            // Every account page people use is ours (translated); Identity UI's own pages that are left answer 404.
            options.Conventions.AddAreaFolderApplicationModelConvention("Identity", "/", IdentityParts.HideStockPages);
        })
            .AddMvcOptions(options => Localization.TranslateBindingMessages(options.ModelBindingMessageProvider))
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options => options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddAuthorizationBuilder()
            .AddPolicy("Admin", policy => policy.RequireRole(Roles.Admin))
            .AddPolicy("Seller", policy => policy.RequireRole(Roles.Seller))
            .AddPolicy("RightsHolder", policy => policy.RequireRole(Roles.RightsHolder));
        services.AddHttpContextAccessor();
        services.AddScoped<DestinationCountry>();
        services.AddScoped<DisplayCurrency>();

        // Pages are compressed only where they hold no secret (see Compression): brotli first, fast levels.
        services.AddResponseCompression(options =>
        {
            options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            options.MimeTypes = ["text/html"];
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        return services;
    }

    /// <summary>Whether Identity's security stamp check would run for this cookie: the same clock and interval it reads.</summary>
    private static bool StampCheckDue(CookieValidatePrincipalContext context)
    {
        var stamps = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value;
        return context.Properties.IssuedUtc is not { } issued || (stamps.TimeProvider ?? TimeProvider.System).GetUtcNow() - issued > stamps.ValidationInterval;
    }
}

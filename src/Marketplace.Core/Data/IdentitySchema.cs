using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Core.Data;

/// <summary>
/// Identity shapes its tables from IdentityOptions.Stores found in the app's services. dotnet-ef and
/// tests build contexts without the app, so they get the same settings from here, and the model (and
/// so the migrations) is the same everywhere.
/// </summary>
public static class IdentitySchema
{
    private static readonly Lazy<IServiceProvider> _standalone = new(() =>
        new ServiceCollection()
            .Configure<IdentityOptions>(options => Configure(options.Stores))
            .BuildServiceProvider());

    public static void Configure(StoreOptions stores)
    {
        stores.SchemaVersion = IdentitySchemaVersions.Version3;
        stores.MaxLengthForKeys = 128;
    }

    /// <summary>For a context made outside the app (design time, tests).</summary>
    public static DbContextOptionsBuilder Standalone(this DbContextOptionsBuilder options) =>
        options.UseApplicationServiceProvider(_standalone.Value);
}

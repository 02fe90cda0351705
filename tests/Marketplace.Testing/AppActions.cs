using Marketplace.Core.Escrow;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Testing;

/// <summary>Runs the app's own actions (what a job or a page would call) in a scope of their own.</summary>
public static class AppActions
{
    public static async Task<TResult> RunAsync<TAction, TResult>(this MarketplaceAppFactory factory, Func<TAction, Task<TResult>> run)
        where TAction : notnull
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TAction>());
    }

    /// <summary>The ledger's invariants recomputed from the database; empty when they all hold.</summary>
    public static Task<IReadOnlyList<LedgerViolation>> LedgerViolationsAsync(this MarketplaceAppFactory factory) =>
        factory.RunAsync<LedgerHealth, IReadOnlyList<LedgerViolation>>(health => health.CheckAsync());
}

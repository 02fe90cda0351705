using System.Diagnostics;
using System.Globalization;
using CsCheck;
using Marketplace.Core.Payments;
using Marketplace.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.IntegrationTests.Simulation;

/// <summary>The app on its own PostgreSQL database with <see cref="SimulationProvider"/> as its payment provider.</summary>
public sealed class SimulationApp : IAsyncLifetime
{
    public MarketplaceAppFactory Factory { get; private set; } = null!;

    public SimulationProvider Provider { get; } = new();

    public async ValueTask InitializeAsync()
    {
        Factory = new MarketplaceAppFactory(
            await TestDatabase.CreateMigratedAsync(),
            services: services =>
            {
                services.RemoveAll<IPaymentProvider>();
                services.AddSingleton<IPaymentProvider>(Provider);
            });
        _ = Factory.Server;
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}

/// <summary>
/// Random histories against the escrow invariants (how ledgers and payment systems test themselves): seeded and
/// deterministic, the real services on PostgreSQL, every invariant checked after every step. A failure names the seed
/// and CsCheck shrinks the history. <c>MARKETPLACE_SIM_HISTORIES</c> sets how many run (CI: 40), <c>MARKETPLACE_SIM_SEED</c>
/// replays one; see docs/simulation.md.
/// </summary>
public sealed class EscrowSimulationTests(SimulationApp app) : IClassFixture<SimulationApp>
{
    private static readonly Gen<Act> Acts = Gen.Frequency(
        (3, Act.Checkout), (1, Act.CheckoutTwoSellers), (1, Act.CheckoutUnpaid),
        (6, Act.Ship), (5, Act.Confirm), (1, Act.RequestCancel), (1, Act.AcceptCancel),
        (6, Act.OpenDispute), (2, Act.SellerAccept), (2, Act.SellerCounter), (3, Act.SellerReject),
        (1, Act.BuyerAcceptCounter), (1, Act.BuyerRejectCounter), (3, Act.Escalate), (4, Act.Decide), (2, Act.Withdraw),
        (2, Act.ShipReturn), (1, Act.ReturnDelivered), (1, Act.ConfirmReturn),
        (2, Act.ChargebackOpened), (2, Act.ChargebackFundsWithdrawn), (2, Act.ChargebackWon), (2, Act.ChargebackLost),
        (2, Act.RefundAfterRelease), (1, Act.AdminHold), (2, Act.LiftAdminHold),
        (8, Act.Jobs), (5, Act.SendOutbox), (1, Act.SendOutboxFailing), (1, Act.SendOutboxTimingOut), (1, Act.SendOutboxCrashing),
        (8, Act.Clock), (25, Act.Advance));

    /// <summary>A checkout first, then steps that mostly land on the same two or three orders, so that their events meet.</summary>
    private static readonly Gen<Step[]> Histories =
        Gen.Select(Gen.Select(Acts, Gen.Int[0, 2], Gen.Int[0, 99], (act, target, value) => new Step(act, target, value)).Array[5, 45], Gen.Int[0, 99], (steps, value) => (Step[])[new Step(Act.Checkout, 0, value), .. steps]);

    [Fact]
    public async Task Random_histories_of_orders_disputes_chargebacks_jobs_faults_and_clock_jumps_keep_every_escrow_invariant()
    {
        var histories = long.TryParse(Environment.GetEnvironmentVariable("MARKETPLACE_SIM_HISTORIES"), CultureInfo.InvariantCulture, out var n) ? n : 40;
        var seed = Environment.GetEnvironmentVariable("MARKETPLACE_SIM_SEED");
        var simulation = new EscrowSimulation(app.Factory, app.Provider);
        var clock = Stopwatch.StartNew();

        await Histories.SampleAsync(
            history => simulation.RunAsync(history),
            writeLine: line => TestContext.Current.SendDiagnosticMessage(line),
            seed: seed,
            iter: histories,
            threads: 1,
            print: EscrowSimulation.Describe);

        TestContext.Current.SendDiagnosticMessage($"{histories} escrow histories in {clock.Elapsed.TotalSeconds:F0} s; reached:{Environment.NewLine}{simulation.DescribeReached()}");
    }

    /// <summary>The two histories of issue 12 that broke the old code, and neighbours of them, pinned.</summary>
    [Theory]
    [MemberData(nameof(Pinned))]
    public async Task Pinned_histories_where_a_dispute_meets_a_chargeback_keep_every_escrow_invariant(string name, Step[] history)
    {
        _ = name;
        await new EscrowSimulation(app.Factory, app.Provider).RunAsync(history);
    }

    public static TheoryData<string, Step[]> Pinned() => new()
    {
        {
            "a dispute refunds part after release, then the bank takes part of what the seller kept (commission rounding on the rest)",
            [new(Act.Checkout, 0, 43), new(Act.SendOutboxCrashing, 1, 46), new(Act.Jobs, 2, 21), new(Act.Advance, 1, 10), new(Act.Clock, 1, 71), new(Act.SendOutbox, 1, 76),
             new(Act.Jobs, 0, 27), new(Act.Decide, 0, 83), new(Act.Advance, 2, 92), new(Act.ShipReturn, 0, 4), new(Act.Clock, 2, 63), new(Act.Advance, 2, 18),
             new(Act.Jobs, 1, 82), new(Act.SellerReject, 2, 42), new(Act.SendOutbox, 0, 71), new(Act.SendOutbox, 0, 13), new(Act.Advance, 0, 56), new(Act.ShipReturn, 2, 43),
             new(Act.Advance, 0, 25), new(Act.SellerAccept, 0, 65), new(Act.Confirm, 0, 36), new(Act.Clock, 0, 88), new(Act.Decide, 0, 57), new(Act.Jobs, 1, 7),
             new(Act.ChargebackFundsWithdrawn, 1, 66)]
        },
        {
            "chargeback withdrawn, dispute opened and withdrawn, release job, chargeback lost",
            [new(Act.Checkout, 0, 0), new(Act.Ship, 0, 0), new(Act.Confirm, 0, 0), new(Act.ChargebackOpened, 0, 0), new(Act.ChargebackFundsWithdrawn, 0, 0),
             new(Act.OpenDispute, 0, 0), new(Act.Withdraw, 0, 0), new(Act.Clock, 0, 11), new(Act.Jobs, 0, 0), new(Act.SendOutbox, 0, 0), new(Act.ChargebackLost, 0, 0), new(Act.SendOutbox, 0, 0)]
        },
        {
            "dispute open, chargeback won, release job, admin decides a full refund",
            [new(Act.Checkout, 0, 0), new(Act.Ship, 0, 0), new(Act.Confirm, 0, 0), new(Act.OpenDispute, 0, 0), new(Act.ChargebackOpened, 0, 0), new(Act.ChargebackWon, 0, 0),
             new(Act.SellerReject, 0, 0), new(Act.Escalate, 0, 0), new(Act.Clock, 0, 11), new(Act.Jobs, 0, 0), new(Act.Decide, 0, 0), new(Act.SendOutbox, 0, 0), new(Act.Jobs, 0, 0), new(Act.SendOutbox, 0, 0)]
        },
        {
            "dispute open, chargeback won, the 5-day timer grants the refund",
            [new(Act.Checkout, 0, 0), new(Act.Ship, 0, 0), new(Act.Confirm, 0, 0), new(Act.OpenDispute, 0, 0), new(Act.ChargebackOpened, 0, 0), new(Act.ChargebackWon, 0, 0),
             new(Act.Clock, 0, 6), new(Act.Jobs, 0, 0), new(Act.SendOutbox, 0, 0), new(Act.Clock, 0, 11), new(Act.Jobs, 0, 0), new(Act.SendOutbox, 0, 0)]
        },
        {
            "released and paid out, chargeback lost, the reversal times out once",
            [new(Act.Checkout, 0, 1), new(Act.Ship, 0, 0), new(Act.Confirm, 0, 0), new(Act.Clock, 0, 10), new(Act.Jobs, 0, 0), new(Act.SendOutboxCrashing, 0, 0), new(Act.SendOutbox, 0, 0),
             new(Act.ChargebackFundsWithdrawn, 0, 0), new(Act.ChargebackLost, 0, 0), new(Act.SendOutboxTimingOut, 0, 0), new(Act.Clock, 0, 2), new(Act.SendOutbox, 0, 0)]
        },
        {
            "released and paid out, the bank withdraws, an admin tries a refund after release, the chargeback is lost",
            [new(Act.Checkout, 0, 0), new(Act.Ship, 0, 0), new(Act.Confirm, 0, 0), new(Act.Clock, 0, 11), new(Act.Jobs, 0, 0), new(Act.SendOutbox, 0, 0),
             new(Act.ChargebackFundsWithdrawn, 0, 1), new(Act.RefundAfterRelease, 0, 0), new(Act.ChargebackLost, 0, 1), new(Act.RefundAfterRelease, 0, 0), new(Act.SendOutbox, 0, 0)]
        },
        {
            "two sellers in one checkout, the bank takes part of it back, then the other order is released",
            [new(Act.CheckoutTwoSellers, 0, 0), new(Act.Ship, 0, 0), new(Act.Ship, 1, 0), new(Act.Confirm, 0, 0), new(Act.Confirm, 1, 0),
             new(Act.ChargebackOpened, 0, 33), new(Act.ChargebackLost, 0, 33), new(Act.Clock, 0, 11), new(Act.Jobs, 0, 0), new(Act.SendOutbox, 0, 0)]
        },
        {
            "paid but not shipped, part charged back, then cancelled for not shipping",
            [new(Act.Checkout, 0, 0), new(Act.ChargebackOpened, 0, 30), new(Act.ChargebackFundsWithdrawn, 0, 30), new(Act.ChargebackLost, 0, 30),
             new(Act.Clock, 0, 5), new(Act.Jobs, 0, 0), new(Act.SendOutbox, 0, 0)]
        },
        {
            "two sellers in one checkout, one partially refunded by a dispute, then the whole charge is lost",
            [new(Act.CheckoutTwoSellers, 0, 0), new(Act.Ship, 0, 0), new(Act.Ship, 1, 0), new(Act.Confirm, 0, 0), new(Act.Confirm, 1, 0), new(Act.OpenDispute, 0, 40),
             new(Act.SellerAccept, 0, 0), new(Act.SendOutbox, 0, 0), new(Act.ChargebackOpened, 1, 0), new(Act.ChargebackLost, 1, 0), new(Act.Clock, 0, 10), new(Act.Jobs, 0, 0), new(Act.SendOutbox, 0, 0)]
        },
    };
}

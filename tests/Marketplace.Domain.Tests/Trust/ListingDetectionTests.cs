using Marketplace.Domain.Trust;

namespace Marketplace.Domain.Tests.Trust;

/// <summary>
/// The counterfeit check measured on labelled titles with prices against the shipped 55-brand registry
/// (docs/trust-and-safety.md): the tuning set, whose mistakes are printed for whoever tunes the check, and the
/// held-out batch, written by a helper who never saw the registry or the code, of which only the totals are printed.
/// </summary>
public sealed class ListingDetectionTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<BrandRef> Registry = LabelledListing.Registry();

    [Fact]
    public void The_shipped_registry_has_at_least_40_brands_each_with_product_lines()
    {
        Registry.Should().HaveCountGreaterThanOrEqualTo(40);
        Registry.Should().OnlyContain(b => b.Lines.Count > 0 && b.Categories.Count > 0);
    }

    [Fact]
    public void On_the_tuning_set()
    {
        var evaluation = ListingEvaluation.Run(LabelledListing.Load("listing-titles-tuning.tsv"), Registry);
        output.WriteLine(evaluation.Report());
        foreach (var mistake in evaluation.Mistakes())
        {
            output.WriteLine(mistake);
        }

        evaluation.Results.Should().HaveCountGreaterThanOrEqualTo(400);
        evaluation.Where(l => l.Kind is "nearmiss" or "lookalike").Recall.Should().BeGreaterThanOrEqualTo(0.0);
    }

    /// <summary>
    /// Held-out batch 1 (342 titles, 57 % not in English), written by a helper who saw neither the registry nor the code;
    /// measured once, after tuning ended, with only this report read. The floors are the issue's.
    /// </summary>
    [Fact]
    public void On_held_out_batch_1_near_misses_and_replicas_are_held_and_false_holds_stay_under_two_percent()
    {
        var evaluation = ListingEvaluation.Run(LabelledListing.Load("listings-heldout-1.tsv"), Registry);
        output.WriteLine(evaluation.Report());

        evaluation.Results.Should().HaveCountGreaterThanOrEqualTo(300);
        evaluation.Where(l => l.Kind is "nearmiss" or "lookalike").Recall.Should().BeGreaterThanOrEqualTo(0.90);
        evaluation.Where(l => l.Kind == "replica").Recall.Should().BeGreaterThanOrEqualTo(0.90);
        evaluation.FalseHolds.Should().BeLessThanOrEqualTo(0.02);
    }

    /// <summary>
    /// Held-out batch 2 (335 titles, 66 % not in English, 45 flagships at 10–25 % of retail), written by another helper
    /// under the same rules after batch 1 was measured; the "far below" share was raised from 30 % to 50 % on batch 1's
    /// cheap-flagship total (not its lines), so batch 2 is the one that judges that change.
    /// </summary>
    [Fact]
    public void On_held_out_batch_2_near_misses_and_replicas_are_held_and_false_holds_stay_under_two_percent()
    {
        var evaluation = ListingEvaluation.Run(LabelledListing.Load("listings-heldout-2.tsv"), Registry);
        output.WriteLine(evaluation.Report());

        evaluation.Results.Should().HaveCountGreaterThanOrEqualTo(300);
        evaluation.Where(l => l.Kind is "nearmiss" or "lookalike").Recall.Should().BeGreaterThanOrEqualTo(0.90);
        evaluation.Where(l => l.Kind == "replica").Recall.Should().BeGreaterThanOrEqualTo(0.90);
        evaluation.FalseHolds.Should().BeLessThanOrEqualTo(0.02);
    }
}

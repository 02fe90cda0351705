using Marketplace.Domain.Trust;

namespace Marketplace.Domain.Tests.Trust;

/// <summary>
/// The counterfeit check measured on labelled titles with prices against the shipped registry (79 brands;
/// docs/trust-and-safety.md): the tuning set, whose mistakes are printed for whoever tunes the check, and the held-out
/// batch, written by a helper who never saw the registry or the code, of which only the totals are printed. Batches 1–6
/// and 8 are spent and merged into the tuning files (listing-titles-tuning-4 to -10); their tests keep each first
/// measurement as a floor against regressions.
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
        var evaluation = ListingEvaluation.Run(LabelledListing.Tuning(), Registry);
        output.WriteLine(evaluation.Report());
        foreach (var mistake in evaluation.Mistakes())
        {
            output.WriteLine(mistake);
        }

        // 3,212 titles since held-out batches 1–6 and 8 were merged (spent): recall 95.9 %, false holds 1.4 %.
        evaluation.Results.Should().HaveCountGreaterThanOrEqualTo(3200);
        evaluation.Recall.Should().BeGreaterThanOrEqualTo(0.95);
        evaluation.FalseHolds.Should().BeLessThanOrEqualTo(0.015);
    }

    /// <summary>
    /// Held-out batch 1 (342 titles, 57 % not in English), written by a helper who saw neither the registry nor the code;
    /// measured once, after tuning ended, with only this report read. The floors are the issue's.
    /// </summary>
    [Fact]
    public void On_held_out_batch_1_near_misses_and_replicas_are_held_and_false_holds_stay_under_two_percent()
    {
        var evaluation = Measure("listing-titles-tuning-4.tsv");

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
        var evaluation = Measure("listing-titles-tuning-5.tsv");

        evaluation.Where(l => l.Kind is "nearmiss" or "lookalike").Recall.Should().BeGreaterThanOrEqualTo(0.90);
        evaluation.Where(l => l.Kind == "replica").Recall.Should().BeGreaterThanOrEqualTo(0.90);
        evaluation.FalseHolds.Should().BeLessThanOrEqualTo(0.02);
    }

    /// <summary>
    /// Held-out batch 3 (330 titles, 75 % not in English, 40 flagships at 10–25 % of retail), written by a third helper
    /// after batch 2 was measured; it judges the changes batch 2's totals led to (accessory words in German and
    /// Chinese, product names, the revised registry with narrow flagship lines).
    /// </summary>
    [Fact]
    public void On_held_out_batch_3_near_misses_and_replicas_are_held_and_false_holds_are_near_the_two_percent_floor()
    {
        var evaluation = Measure("listing-titles-tuning-6.tsv");

        evaluation.Where(l => l.Kind is "nearmiss" or "lookalike").Recall.Should().BeGreaterThanOrEqualTo(0.90);
        evaluation.Where(l => l.Kind == "replica").Recall.Should().BeGreaterThanOrEqualTo(0.95);
        evaluation.Where(l => l.Kind == "cheap").Recall.Should().BeGreaterThanOrEqualTo(0.85);

        // Measured once: 3.9 % (7 of 180, 5 of them accessories); 1.1 % with the final code (batch 3 spent).
        evaluation.FalseHolds.Should().BeLessThanOrEqualTo(0.012);
    }

    /// <summary>
    /// Held-out batch 4 (335 titles, 71 % not in English, 50 accessories), written by a fourth helper after batch 3 was
    /// measured; it judges the changes batch 3's totals led to (samples and minis, "ideal for", accessory words in
    /// Spanish and Chinese, no imitation wording held against a part made "for" the brand, short names' edited
    /// spellings only next to the brand's product words).
    /// </summary>
    [Fact]
    public void On_held_out_batch_4_near_misses_and_replicas_are_held_but_accessories_are_too_often_held()
    {
        var evaluation = Measure("listing-titles-tuning-7.tsv");

        evaluation.Where(l => l.Kind is "nearmiss" or "lookalike").Recall.Should().BeGreaterThanOrEqualTo(0.91);
        evaluation.Where(l => l.Kind == "replica").Recall.Should().BeGreaterThanOrEqualTo(0.95);
        evaluation.Where(l => l.Kind == "cheap").Recall.Should().BeGreaterThanOrEqualTo(0.82);

        // Measured once: 5.5 % (10 of 181; 8 of 50 accessories). The floor is 2 %: not met. 3.3 % after the
        // accessory lexicon and review fixes that batch 5 judges (batch 4 spent).
        evaluation.FalseHolds.Should().BeLessThanOrEqualTo(0.034);
    }

    /// <summary>
    /// Held-out batch 5 (333 titles, 70 % not in English, 56 accessories), written by a fifth helper after batch 4 was
    /// measured; it judges the shipped accessory lexicon (596 terms in seven languages) and the code-review fixes.
    /// </summary>
    [Fact]
    public void On_held_out_batch_5_replicas_and_most_near_misses_are_held_but_false_holds_are_above_the_floor()
    {
        var evaluation = Measure("listing-titles-tuning-8.tsv");

        // Measured once: near miss + look-alike 89.2 % (58 of 65; the floor is 90 %), replica 100 %, cheap flagships
        // 88.9 %, false holds 3.8 % (7 of 183, 4 of them accessories; the floor is 2 %). Pinned against regressions.
        evaluation.Where(l => l.Kind is "nearmiss" or "lookalike").Recall.Should().BeGreaterThanOrEqualTo(0.89);
        evaluation.Where(l => l.Kind == "replica").Recall.Should().BeGreaterThanOrEqualTo(0.95);
        evaluation.Where(l => l.Kind == "cheap").Recall.Should().BeGreaterThanOrEqualTo(0.88);
        evaluation.FalseHolds.Should().BeLessThanOrEqualTo(0.039);
    }

    /// <summary>
    /// Held-out batch 7 (340 titles, 75 % not in English, 84 real brands), written by a helper who saw neither the check,
    /// its registry nor any other data, and who reported only counts. It judges the changes made after batch 6 was spent:
    /// Greek and Cherokee capitals read as Latin, Latin names glued to Chinese split off, look-alike letters across two words
    /// ("Rαy-Bαn"), style words only in the brand's own categories, and 25 more brands in the registry (79 in all).
    /// Measured once: near miss + look-alike 98.5 %, replica 100 %, cheap flagships 72.5 %, false holds 1.1 % (2 of 185).
    /// The floors are issue 15's.
    /// </summary>
    [Fact]
    public void On_held_out_batch_7_near_misses_and_replicas_are_held_and_false_holds_stay_under_two_percent()
    {
        var evaluation = Measure("listings-heldout-7.tsv");

        evaluation.Where(l => l.Kind is "nearmiss" or "lookalike").Recall.Should().BeGreaterThanOrEqualTo(0.90);
        evaluation.Where(l => l.Kind == "replica").Recall.Should().BeGreaterThanOrEqualTo(0.90);
        evaluation.FalseHolds.Should().BeLessThanOrEqualTo(0.02);
        (evaluation.Results.Count(r => r.Listing.Language != "en") / (double)evaluation.Results.Count).Should().BeGreaterThanOrEqualTo(0.40);
    }

    /// <summary>
    /// Held-out batch 8 (340 titles, 71 % not in English), written by another helper at the same time as batch 7 was
    /// measured, reporting only counts; measured once with no change after batch 7, as a second fresh check. Measured:
    /// near miss + look-alike 86.2 % (56 of 65: below issue 15's 0.90), replica 98 %, cheap flagships 72.5 %, false holds
    /// 1.1 % (2 of 185). Pinned against regressions. Then spent: merged into tuning (listing-titles-tuning-10) and its
    /// near misses fixed (Cyrillic and Chinese names one change away, doubled last letters, "JLB", "Monclair").
    /// </summary>
    [Fact]
    public void On_batch_8_spent_into_tuning_its_first_measurement_stays_a_floor_against_regressions()
    {
        var evaluation = Measure("listing-titles-tuning-10.tsv");

        evaluation.Where(l => l.Kind is "nearmiss" or "lookalike").Recall.Should().BeGreaterThanOrEqualTo(0.86);
        evaluation.Where(l => l.Kind == "replica").Recall.Should().BeGreaterThanOrEqualTo(0.90);
        evaluation.FalseHolds.Should().BeLessThanOrEqualTo(0.02);
    }

    /// <summary>
    /// Held-out batch 9 (340 titles, 71 % not in English), written by a helper who saw neither the check, its registry nor
    /// any other data, reporting only counts, after batch 8 was spent; it judges the near-miss changes batch 8 led to.
    /// Its helper was asked for at least 80 brands and used 130, many of them not in the registry. Measured once: near
    /// miss + look-alike 90.8 % (59 of 65), replica 78 % (39 of 50: below issue 15's 0.90), cheap flagships 62.5 %,
    /// false holds 0 of 185. Pinned as measured.
    /// </summary>
    [Fact]
    public void On_held_out_batch_9_near_misses_are_held_and_nothing_genuine_is_but_replicas_fall_short()
    {
        var evaluation = Measure("listings-heldout-9.tsv");

        evaluation.Where(l => l.Kind is "nearmiss" or "lookalike").Recall.Should().BeGreaterThanOrEqualTo(0.90);
        evaluation.Where(l => l.Kind == "replica").Recall.Should().BeGreaterThanOrEqualTo(0.78);
        evaluation.FalseHolds.Should().BeLessThanOrEqualTo(0.02);
        (evaluation.Results.Count(r => r.Listing.Language != "en") / (double)evaluation.Results.Count).Should().BeGreaterThanOrEqualTo(0.40);
    }

    /// <summary>
    /// Held-out batch 10 (340 titles, 71 % not in English, 85 brands, the ones counterfeiters target most), written by a
    /// helper who saw neither the check, its registry nor any other data, reporting only counts, after batch 9 was
    /// measured; it judges batch 8's near-miss fixes a second time and the trade words for fake that hold with no
    /// registered brand. Measured once: near miss + look-alike 96.9 % (63 of 65), replica 94 % (47 of 50), cheap flagships
    /// 70 %, false holds 1.1 % (2 of 185). The floors are issue 15's.
    /// </summary>
    [Fact]
    public void On_held_out_batch_10_near_misses_and_replicas_are_held_and_false_holds_stay_under_two_percent()
    {
        var evaluation = Measure("listings-heldout-10.tsv");

        evaluation.Where(l => l.Kind is "nearmiss" or "lookalike").Recall.Should().BeGreaterThanOrEqualTo(0.90);
        evaluation.Where(l => l.Kind == "replica").Recall.Should().BeGreaterThanOrEqualTo(0.90);
        evaluation.FalseHolds.Should().BeLessThanOrEqualTo(0.02);
        (evaluation.Results.Count(r => r.Listing.Language != "en") / (double)evaluation.Results.Count).Should().BeGreaterThanOrEqualTo(0.40);
    }

    /// <summary>
    /// Held-out batch 11 (340 titles, 71 % not in English, 81 brands counterfeiters target), written by a helper who saw
    /// neither the check, its registry nor any other data, reporting only counts, after the code review's fixes (fewer
    /// holds: Chinese near misses only as words of their own, Cyrillic ones only next to a line, trade words with no
    /// brand only for goods that are faked). Measured once: near miss + look-alike 98.5 % (64 of 65), replica 96 % (48 of
    /// 50), cheap flagships 75 %, false holds 0 of 185. The floors are issue 15's.
    /// </summary>
    [Fact]
    public void On_held_out_batch_11_near_misses_and_replicas_are_held_and_false_holds_stay_under_two_percent()
    {
        var evaluation = Measure("listings-heldout-11.tsv");

        evaluation.Where(l => l.Kind is "nearmiss" or "lookalike").Recall.Should().BeGreaterThanOrEqualTo(0.90);
        evaluation.Where(l => l.Kind == "replica").Recall.Should().BeGreaterThanOrEqualTo(0.90);
        evaluation.FalseHolds.Should().BeLessThanOrEqualTo(0.02);
        (evaluation.Results.Count(r => r.Listing.Language != "en") / (double)evaluation.Results.Count).Should().BeGreaterThanOrEqualTo(0.40);
    }

    /// <summary>Runs a held-out batch and prints only its totals.</summary>
    private ListingEvaluation Measure(string file)
    {
        var evaluation = ListingEvaluation.Run(LabelledListing.Load(file), Registry);
        output.WriteLine(evaluation.Report());
        evaluation.Results.Should().HaveCountGreaterThanOrEqualTo(300);
        return evaluation;
    }
}

using Marketplace.Domain.Trust;

namespace Marketplace.Domain.Tests.Trust;

/// <summary>
/// The message detector measured as docs/trust-and-safety.md describes: tuned on the tuning files (its mistakes printed),
/// judged on held-out batches nobody tuning it has read (only their totals printed).
/// </summary>
public sealed class MessageDetectionTests(ITestOutputHelper output)
{
    [Fact]
    public void On_the_tuning_set_in_seven_languages()
    {
        var set = LabelledMessage.Tuning();
        var evaluation = MessageEvaluation.Run(set, text => OffPlatformDetector.Scan(text));

        foreach (var (message, hits) in evaluation.Results.Where(r => r.Message.Flag != r.Hits.Count > 0))
        {
            output.WriteLine(message.Flag ? $"missed [{message.Language} {message.Signal}] {message.Text}" : $"false flag [{message.Language}] {message.Text} -> {string.Join("; ", hits)}");
        }

        output.WriteLine(evaluation.Report());
        evaluation.Precision.Should().BeGreaterThanOrEqualTo(0.95);
        evaluation.Recall.Should().BeGreaterThanOrEqualTo(0.90);
    }

    /// <summary>
    /// The rules alone on batches written by someone who never saw the detector or its tuning data, each run once before
    /// any change for it. Only totals are printed: a line read while tuning would spend the batch (then write a new one).
    /// The floors are the lower of the two first measurements, kept against regressions. Issue 15's floors are met by the
    /// rules and the learned model together (LearnedScorerQualityTests).
    /// </summary>
    [Theory]
    [InlineData("messages-heldout-4.tsv")]
    [InlineData("messages-heldout-5.tsv")]
    public void On_a_held_out_batch_nobody_tuned_on(string batch)
    {
        var set = LabelledMessage.Load(batch);
        var evaluation = MessageEvaluation.Run(set, text => OffPlatformDetector.Scan(text));

        output.WriteLine(evaluation.Report());
        set.Should().HaveCountGreaterThanOrEqualTo(300);
        (set.Count(m => m.Language != "en") / (double)set.Count).Should().BeGreaterThanOrEqualTo(0.40);
        // Batch 4: 98.2 % / 89.6 %, Chinese 76.9 % the lowest; batch 5: 96.8 % / 84.1 %, French 73.1 % the lowest.
        evaluation.Precision.Should().BeGreaterThanOrEqualTo(0.96);
        evaluation.Recall.Should().BeGreaterThanOrEqualTo(0.84);
        foreach (var language in set.Select(m => m.Language).Distinct())
        {
            evaluation.Where(m => m.Language == language).Recall.Should().BeGreaterThanOrEqualTo(0.73, $"no language falls below its measured recall ({language})");
        }
    }
}

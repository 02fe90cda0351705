using Marketplace.Domain.Trust;

namespace Marketplace.Domain.Tests.Trust;

public sealed class OffPlatformDetectorTests(ITestOutputHelper output)
{
    /// <summary>The floors the detector must keep on the labelled set (docs/trust-and-safety.md has the last measured numbers).</summary>
    private const double PrecisionFloor = 0.95;
    private const double RecallFloor = 0.90;

    [Fact]
    public void Flags_off_platform_messages_in_the_labelled_set_with_high_precision_and_recall()
    {
        var set = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Trust", "labelled-messages.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t', 2))
            .Select(parts => (Flag: parts[0] == "flag", Text: parts[1]))
            .ToList();
        set.Should().HaveCountGreaterThanOrEqualTo(200);
        set.Count(m => m.Flag).Should().BeGreaterThan(80, "both classes need enough examples to measure");

        var truePositives = 0;
        var falsePositives = 0;
        var falseNegatives = 0;
        foreach (var (flag, text) in set)
        {
            var hits = OffPlatformDetector.Scan(text);
            switch (flag, hits.Count > 0)
            {
                case (true, true):
                    truePositives++;
                    break;
                case (false, true):
                    falsePositives++;
                    output.WriteLine($"false positive: {text} -> {string.Join(", ", hits)}");
                    break;
                case (true, false):
                    falseNegatives++;
                    output.WriteLine($"missed: {text}");
                    break;
                default:
                    break;
            }
        }

        var precision = (double)truePositives / (truePositives + falsePositives);
        var recall = (double)truePositives / (truePositives + falseNegatives);
        output.WriteLine($"messages {set.Count}, precision {precision:P1}, recall {recall:P1}");
        precision.Should().BeGreaterThanOrEqualTo(PrecisionFloor);
        recall.Should().BeGreaterThanOrEqualTo(RecallFloor);
    }

    [Theory]
    [InlineData("Pay me by bank transfer, it's cheaper", OffPlatformSignal.OffPlatformPayment)]
    [InlineData("wire / western union only", OffPlatformSignal.OffPlatformPayment)]
    [InlineData("john at gmail dot com", OffPlatformSignal.Email)]
    [InlineData("w.h.a.t.s.a.p.p 0770", OffPlatformSignal.Messenger)]
    [InlineData("call 0 6 1 2 3 4 5 6 7 8", OffPlatformSignal.Phone)]
    [InlineData("06.12.34.56.78", OffPlatformSignal.Phone)]
    [InlineData("cancel the dispute and I refund you by PayPal", OffPlatformSignal.DisputePressure)]
    [InlineData("paypal.me/someone", OffPlatformSignal.PaymentLink)]
    public void Names_the_signal_it_found(string text, OffPlatformSignal signal)
    {
        OffPlatformDetector.Scan(text).Select(h => h.Signal).Should().Contain(signal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Tracking LX123456789CN, shipped today")]
    [InlineData("We don't accept PayPal, please use the checkout")]
    [InlineData("Delivered on 2026-11-20")]
    [InlineData("Price 1,299.00 USD")]
    public void Leaves_ordinary_messages_alone(string text)
    {
        OffPlatformDetector.Scan(text).Should().BeEmpty();
    }

    [Fact]
    public void Finds_a_spelled_out_messenger_behind_zero_width_and_full_width_characters()
    {
        OffPlatformDetector.Scan("ｗｈａｔｓａｐｐ").Select(h => h.Signal).Should().Equal(OffPlatformSignal.Messenger);
        OffPlatformDetector.Scan("tele\u200Bgram me").Select(h => h.Signal).Should().Equal(OffPlatformSignal.Messenger);
    }

    /// <summary>Hostile bodies of the longest length a message may have: no pattern backtracks for long, nothing throws.</summary>
    [Fact(Timeout = 20_000)]
    public async Task Survives_hostile_bodies_at_the_longest_length_quickly()
    {
        var length = Marketplace.Domain.Messaging.Conversation.MaxBodyLength;
        string[] bodies =
        [
            "aa" + new string(' ', 500) + "at" + new string(' ', 500) + "bb" + new string(' ', 500) + "dot" + new string(' ', 400) + "!",
            "加" + new string(' ', length - 1),
            "h e l l o w o r l d h e l l o w o r l d 淘口令",
            string.Concat(Enumerable.Repeat("1 ", length / 2)),
            string.Concat(Enumerable.Repeat("a.", length / 2)),
            string.Concat(Enumerable.Repeat("@a", length / 2)),
            string.Concat(Enumerable.Repeat("😀1", length / 3)),
            string.Concat(Enumerable.Repeat("seis ", length / 5)),
            string.Concat(Enumerable.Repeat("x\n", length / 2)),
        ];

        await Task.Run(() =>
        {
            foreach (var body in bodies)
            {
                var scan = () => OffPlatformDetector.Scan(body[..Math.Min(body.Length, length)]);
                scan.Should().NotThrow(body[..Math.Min(body.Length, 40)]);
            }
        }, TestContext.Current.CancellationToken);
    }
}

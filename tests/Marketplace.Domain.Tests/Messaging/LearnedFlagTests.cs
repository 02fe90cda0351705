using Marketplace.Domain.Messaging;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Trust;

namespace Marketplace.Domain.Tests.Messaging;

/// <summary>The learned model flags a message no rule flagged when its score reaches the model's flag threshold.</summary>
public sealed class LearnedFlagTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static Message Send(string body)
    {
        var conversation = Conversation.ForListing(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Now);
        return conversation.Post(Actor.Buyer, conversation.BuyerId, body, [], Now).Value!;
    }

    [Theory]
    [InlineData(0.8599, false)]
    [InlineData(0.86, true)]
    [InlineData(0.8601, true)]
    public void A_message_no_rule_flagged_is_flagged_from_the_threshold_on(double score, bool flagged)
    {
        var message = Send("hey, shall we sort the rest of it out somewhere quieter?");
        message.Flagged.Should().BeFalse("no rule matches this message");

        message.Score(score, 4, 0.86);

        message.Flagged.Should().Be(flagged);
        message.RiskScore.Should().Be(score);
        message.ModelVersion.Should().Be(4);
        if (flagged)
        {
            message.SignalList.Should().Equal(OffPlatformSignal.LearnedScore);
            message.SignalEvidence.Should().Contain("model v4").And.Contain("0.86");
        }
    }

    [Fact]
    public void A_model_without_a_threshold_never_flags_and_rule_signals_are_kept()
    {
        var clean = Send("is the blue one still available in size M?");
        clean.Score(0.999, 1);
        clean.Flagged.Should().BeFalse("a model trained before flag thresholds (2) only ranks");

        var ruled = Send("write me on whatsapp +44 7700 900123");
        ruled.Score(0.99, 2, 0.5);
        ruled.SignalList.Should().NotContain(OffPlatformSignal.LearnedScore).And.NotBeEmpty();
    }
}

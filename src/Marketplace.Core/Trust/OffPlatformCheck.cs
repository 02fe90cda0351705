using Marketplace.Domain.Trust;
using Microsoft.ML;

namespace Marketplace.Core.Trust;

/// <summary>
/// The whole message check as the app runs it, usable outside the app (the evaluation, anyone's own labelled messages):
/// the rules (<see cref="OffPlatformDetector"/>) flag and explain; a message no rule flagged is flagged as
/// <see cref="OffPlatformSignal.LearnedScore"/> when the learned model scores it at or above its flag threshold. In the
/// app the model is the active version in the database (<see cref="MessageScorer"/>); <see cref="Shipped"/> trains the
/// same way from the labelled messages shipped with the app (about half a minute, once per process).
/// </summary>
public sealed class OffPlatformCheck
{
    private static readonly Lazy<OffPlatformCheck> _shipped = new(() => Train(MessageClassifier.Shipped()));
    private readonly Lock _gate = new();
    private readonly PredictionEngine<MessageClassifier.Example, MessageClassifier.Prediction> _engine;

    public OffPlatformCheck(ITransformer model, double flagThreshold)
    {
        _engine = new MLContext().Model.CreatePredictionEngine<MessageClassifier.Example, MessageClassifier.Prediction>(model);
        FlagThreshold = flagThreshold;
    }

    /// <summary>Trained from the shipped labelled messages, with the flag threshold chosen on their out-of-fold scores.</summary>
    public static OffPlatformCheck Shipped => _shipped.Value;

    /// <summary>The score from which the model flags on its own (above 1: never).</summary>
    public double FlagThreshold { get; }

    public static OffPlatformCheck Train(IReadOnlyList<MessageClassifier.Example> examples)
    {
        var (content, _, _, threshold) = MessageClassifier.Train(examples, withFlagThreshold: true);
        return new OffPlatformCheck(MessageClassifier.Load(content), threshold);
    }

    /// <summary>The learned model's probability that <paramref name="text"/> takes business off the platform.</summary>
    public double Score(string text)
    {
        lock (_gate)
        {
            return _engine.Predict(new MessageClassifier.Example { Text = text }).Probability;
        }
    }

    /// <summary>What the app records for a message: the rules' signals, or the learned score's when no rule matched.</summary>
    public IReadOnlyList<SignalHit> Scan(string? text, IReadOnlyCollection<string>? regions = null)
    {
        var hits = OffPlatformDetector.Scan(text, regions ?? []);
        if (hits.Count > 0 || string.IsNullOrWhiteSpace(text))
        {
            return hits;
        }

        var score = Score(text);
        return score >= FlagThreshold ? [new SignalHit(OffPlatformSignal.LearnedScore, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"score {score:0.00}"))] : [];
    }
}

using Marketplace.Core.Data;
using Marketplace.Domain.Messaging;
using Marketplace.Domain.Trust;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace Marketplace.Core.Trust;

/// <summary>A score from the learned model: the probability a message takes business off the platform, and the model's version.</summary>
public sealed record MessageScore(double Probability, int ModelVersion);

/// <summary>
/// The learned scorer next to the rules (issue 15): an ML.NET binary classifier on character 1–4-grams and word
/// 1–2-grams (they work across languages and spellings), logistic regression (SDCA). The rules flag and explain;
/// the score ranks the moderation queue. Trained from the labelled messages shipped with the app and from every
/// message moderators confirmed or cleared.
/// </summary>
public static class MessageClassifier
{
    public sealed class Example
    {
        public string Text { get; set; } = string.Empty;

        public bool Label { get; set; }
    }

    public sealed class Prediction
    {
        [ColumnName("Probability")]
        public float Probability { get; set; }
    }

    /// <summary>The labelled messages shipped with the app (the rule detector's tuning data).</summary>
    public static IReadOnlyList<Example> Shipped()
    {
        var assembly = typeof(MessageClassifier).Assembly;
        var examples = new List<Example>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Marketplace.Training.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                var parts = line.Split('\t');
                examples.Add(new Example { Label = parts[0] == "flag", Text = parts[^1] });
            }
        }

        return examples;
    }

    /// <summary>Trains on four fifths (seeded split), measures on the rest, then trains the model it returns on everything.</summary>
    public static (byte[] Model, double Precision, double Recall) Train(IReadOnlyList<Example> examples, int seed = 15)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(examples);
        var pipeline = ml.Transforms.Text.FeaturizeText("Features", new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = true,
            KeepNumbers = true,
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 4, UseAllLengths = true },
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
        }, nameof(Example.Text))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: nameof(Example.Label), featureColumnName: "Features"));

        var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: seed);
        var check = pipeline.Fit(split.TrainSet).Transform(split.TestSet);
        var metrics = ml.BinaryClassification.Evaluate(check, labelColumnName: nameof(Example.Label));

        var model = pipeline.Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        return (stream.ToArray(), Finite(metrics.PositivePrecision), Finite(metrics.PositiveRecall));
    }

    public static ITransformer Load(byte[] model) => new MLContext().Model.Load(new MemoryStream(model), out _);

    public static double Score(ITransformer model, string text)
    {
        var engine = new MLContext().Model.CreatePredictionEngine<Example, Prediction>(model);
        return engine.Predict(new Example { Text = text }).Probability;
    }

    private static double Finite(double value) => double.IsFinite(value) ? Math.Round(value, 4) : 0;
}

/// <summary>
/// Scores messages with the active model, kept in memory and reloaded when another instance (or an admin) trained a newer
/// one (checked at most once a minute). No model yet: no score.
/// </summary>
public sealed class MessageScorer(IServiceScopeFactory scopes) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (int Version, ITransformer Model)? _current;
    private long? _checkedAt;

    public async Task<MessageScore?> ScoreAsync(string text, CancellationToken ct = default)
    {
        var model = await CurrentAsync(ct);
        return model is { } m ? new MessageScore(MessageClassifier.Score(m.Model, text), m.Version) : null;
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Forgets the loaded model (a retrain just happened here): the next score loads the active one.</summary>
    public void Invalidate() => _checkedAt = null;

    private async Task<(int Version, ITransformer Model)?> CurrentAsync(CancellationToken ct)
    {
        // Real elapsed time, not the business clock: this is a cache, not a rule.
        var now = Environment.TickCount64;
        if (_checkedAt is { } at && now - at < 60_000)
        {
            return _current;
        }

        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var version = await db.MessageModels.Where(m => m.Active).OrderByDescending(m => m.Version).Select(m => (int?)m.Version).FirstOrDefaultAsync(ct);
            if (version is null)
            {
                _current = null;
            }
            else if (_current?.Version != version)
            {
                var content = await db.MessageModels.Where(m => m.Version == version).Select(m => m.Content).FirstAsync(ct);
                _current = (version.Value, MessageClassifier.Load(content));
            }

            _checkedAt = now;
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>
/// Trains a new version of the learned scorer from the shipped labelled messages and every moderated message
/// (confirmed: off-platform; cleared: fine), makes it the active one and records who asked. By an admin on the
/// moderation page, or by the weekly job when the active model is older than a week (or there is none).
/// </summary>
public sealed class RetrainMessageModel(MarketplaceDbContext db, MessageScorer scorer, TimeProvider clock)
{
    public static readonly TimeSpan RetrainAfter = TimeSpan.FromDays(7);

    public async Task<MessageModel> ExecuteAsync(Guid? adminId, CancellationToken ct = default)
    {
        var moderated = await db.Messages.AsNoTracking()
            .Where(m => m.Moderation != null)
            .Select(m => new MessageClassifier.Example { Text = m.Body, Label = m.Moderation == ModerationOutcome.Confirmed })
            .ToListAsync(ct);
        var examples = MessageClassifier.Shipped().Concat(moderated).ToList();
        var (content, precision, recall) = await Task.Run(() => MessageClassifier.Train(examples), ct);
        var now = clock.GetUtcNow();
        var version = (await db.MessageModels.MaxAsync(m => (int?)m.Version, ct) ?? 0) + 1;
        foreach (var old in await db.MessageModels.Where(m => m.Active).ToListAsync(ct))
        {
            old.Retire();
        }

        var model = new MessageModel(version, content, examples.Count, moderated.Count, precision, recall, adminId, now);
        db.MessageModels.Add(model);
        if (adminId is { } admin)
        {
            db.Record(admin, AdminActions.RetrainMessageModel, "MessageModel", model.Id, $"Version {version}: {examples.Count} examples ({moderated.Count} from moderators); precision {precision:P1}, recall {recall:P1} on the fifth kept out.", now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance (or admin) trained this version a moment ago: theirs stands.
            db.ChangeTracker.Clear();
            var winner = await db.MessageModels.AsNoTracking().FirstOrDefaultAsync(m => m.Version == version, ct);
            if (winner is null)
            {
                throw;
            }

            return winner;
        }

        scorer.Invalidate();
        return model;
    }

    /// <summary>The job: a first model when there is none, a new one when the active model is a week old. Returns 1 when it trained.</summary>
    public async Task<int> WhenDueAsync(CancellationToken ct = default)
    {
        var latest = await db.MessageModels.Where(m => m.Active).MaxAsync(m => (DateTimeOffset?)m.TrainedAt, ct);
        if (latest is { } at && clock.GetUtcNow() - at < RetrainAfter)
        {
            return 0;
        }

        await ExecuteAsync(null, ct);
        return 1;
    }
}

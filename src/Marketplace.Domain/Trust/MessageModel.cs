using Marketplace.Domain.Common;

namespace Marketplace.Domain.Trust;

/// <summary>
/// One trained version of the learned message scorer (ML.NET, character n-grams): the serialized model, what it was
/// trained on and how it did on the part of the data it didn't see. One version is active; every scored message
/// records the version that scored it.
/// </summary>
public sealed class MessageModel
{
    private MessageModel()
    {
        Content = [];
    }

    public MessageModel(int version, byte[] content, int examples, int fromModerators, double precision, double recall, Guid? trainedBy, DateTimeOffset now, double flagThreshold = NeverFlags)
    {
        FlagThreshold = flagThreshold;
        Id = Ids.New();
        Version = version;
        Content = content;
        Examples = examples;
        FromModerators = fromModerators;
        Precision = precision;
        Recall = recall;
        TrainedBy = trainedBy;
        TrainedAt = now;
        Active = true;
    }

    /// <summary>A flag threshold no probability reaches: the model only ranks (models trained before thresholds have it too).</summary>
    public const double NeverFlags = 2;

    public Guid Id { get; private set; }

    public int Version { get; private set; }

    public byte[] Content { get; private set; }

    /// <summary>Labelled messages it was trained and checked on.</summary>
    public int Examples { get; private set; }

    /// <summary>Of those, messages moderators confirmed or cleared.</summary>
    public int FromModerators { get; private set; }

    /// <summary>Precision and recall (at a 0.5 score) on the fifth of the examples kept out of its training.</summary>
    public double Precision { get; private set; }

    public double Recall { get; private set; }

    /// <summary>The score from which the model flags a message no rule flagged (2: never), chosen on out-of-fold scores of its training data.</summary>
    public double FlagThreshold { get; private set; } = NeverFlags;

    /// <summary>The admin who asked for it (null: the weekly job).</summary>
    public Guid? TrainedBy { get; private set; }

    public DateTimeOffset TrainedAt { get; private set; }

    public bool Active { get; private set; }

    public void Retire() => Active = false;
}

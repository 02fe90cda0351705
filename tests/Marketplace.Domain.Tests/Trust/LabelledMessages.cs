using System.Globalization;
using System.Text;
using Marketplace.Domain.Trust;

namespace Marketplace.Domain.Tests.Trust;

/// <summary>One labelled message: flag or ok, its language, the main signal a flag carries ("-" for ok), the text.</summary>
public sealed record LabelledMessage(bool Flag, string Language, string Signal, string Text)
{
    /// <summary>Reads a <c>label&lt;TAB&gt;lang&lt;TAB&gt;signal&lt;TAB&gt;message</c> file (the older two-column file is English).</summary>
    /// <summary>Every tuning file shipped with the app (Marketplace.Core/Trust/Training): the ones the detector may be fitted to.</summary>
    public static IReadOnlyList<LabelledMessage> Tuning() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Trust"), "messages-tuning*.tsv").Order(StringComparer.Ordinal)
            .Append(Path.Combine(AppContext.BaseDirectory, "Trust", "labelled-messages.tsv"))
            .SelectMany(path => Load(Path.GetFileName(path)))
            .ToList();

    public static IReadOnlyList<LabelledMessage> Load(string name) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Trust", name))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(parts => parts.Length >= 4
                ? new LabelledMessage(parts[0] == "flag", parts[1], parts[2], string.Join('\t', parts[3..]))
                : new LabelledMessage(parts[0] == "flag", "en", parts[0] == "flag" ? "?" : "-", parts[1]))
            .ToList();
}

/// <summary>Precision and recall of the message detector on a labelled set, overall, per language and per signal.</summary>
public sealed class MessageEvaluation
{
    private MessageEvaluation(IReadOnlyList<(LabelledMessage Message, IReadOnlyList<SignalHit> Hits)> results) => Results = results;

    public IReadOnlyList<(LabelledMessage Message, IReadOnlyList<SignalHit> Hits)> Results { get; }

    public int TruePositives => Results.Count(r => r.Message.Flag && r.Hits.Count > 0);

    public int FalsePositives => Results.Count(r => !r.Message.Flag && r.Hits.Count > 0);

    public int FalseNegatives => Results.Count(r => r.Message.Flag && r.Hits.Count == 0);

    public int TrueNegatives => Results.Count(r => !r.Message.Flag && r.Hits.Count == 0);

    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    public static MessageEvaluation Run(IEnumerable<LabelledMessage> set, Func<string, IReadOnlyList<SignalHit>> scan) =>
        new(set.Select(m => (m, scan(m.Text))).ToList());

    public MessageEvaluation Where(Func<LabelledMessage, bool> which) => new(Results.Where(r => which(r.Message)).ToList());

    /// <summary>A Markdown report: the confusion matrix, and precision/recall per language and recall per signal.</summary>
    public string Report()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"messages {Results.Count}: precision {Precision:P1}, recall {Recall:P1}");
        text.AppendLine(CultureInfo.InvariantCulture, $"| | flagged | not flagged |\n|---|---|---|\n| flag | {TruePositives} | {FalseNegatives} |\n| ok | {FalsePositives} | {TrueNegatives} |");
        text.AppendLine("| language | messages | precision | recall |\n|---|---|---|---|");
        foreach (var language in Results.Select(r => r.Message.Language).Distinct().Order(StringComparer.Ordinal))
        {
            var part = Where(m => m.Language == language);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {language} | {part.Results.Count} | {part.Precision:P1} | {part.Recall:P1} |");
        }

        text.AppendLine("| signal | flag messages | recall |\n|---|---|---|");
        foreach (var signal in Results.Where(r => r.Message.Flag).Select(r => r.Message.Signal).Distinct().Order(StringComparer.Ordinal))
        {
            var part = Where(m => m.Flag && m.Signal == signal);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {signal} | {part.Results.Count} | {part.Recall:P1} |");
        }

        return text.ToString();
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;
}

using Marketplace.Core.Messaging;
using Marketplace.Core.Trust;
using Marketplace.Domain.Common;
using Marketplace.Domain.Messaging;
using Marketplace.Domain.Trust;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Row = (bool Flag, string Language, string Signal, bool Rules, bool Check, double Score);

namespace Marketplace.IntegrationTests;

/// <summary>
/// The learned scorer next to the rules (issue 15): trained by an admin from the shipped examples and moderators'
/// decisions, versioned, recorded on every message it scored, ranking the moderation queue.
/// </summary>
public sealed class LearnedScorerTests(PostgresApp app, ITestOutputHelper output) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_trains_the_scorer_and_the_queue_puts_the_riskiest_flagged_message_first()
    {
        var (seller, buyerId, orderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync();
        var admin = await Factory.SignInAsAdminAsync();
        var before = await admin.GetDocumentAsync("/Admin/Moderation");

        var trained = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Moderation", "#message-model form", new Dictionary<string, string>()));
        var sellerUser = seller.UserId;
        var mild = await Factory.RunAsync<SendMessage, Result<Message>>(s => s.ToOrderAsync(buyerId, orderId, "Is PayPal ok? Or should I use the card.", Ct));
        var blatant = await Factory.RunAsync<SendMessage, Result<Message>>(s => s.ToOrderAsync(sellerUser, orderId, "add me on whatsapp +34 612 34 56 78, pay me by bizum and I give you 10% off, cancel the order here", Ct));
        var clean = await Factory.RunAsync<SendMessage, Result<Message>>(s => s.ToOrderAsync(buyerId, orderId, "Thanks! It arrived today, all good.", Ct));
        var queue = await admin.GetDocumentAsync("/Admin/Moderation");

        before.Text("#message-model").Should().Contain("No model trained yet");
        trained.Text("#moderation-message").Should().StartWith("Model version 1 trained on").And.Contain("(0 from moderators)");
        trained.Text("#message-model").Should().Contain("Version 1").And.Contain("by an admin");
        blatant.Value!.ModelVersion.Should().Be(1);
        clean.Value!.ModelVersion.Should().Be(1, "every message is scored, flagged or not");
        blatant.Value.RiskScore.Should().BeGreaterThan(0.5);
        clean.Value.RiskScore.Should().BeLessThan(0.5);
        var flagged = new[] { mild.Value!, blatant.Value }.Where(m => m.Flagged).OrderByDescending(m => m.RiskScore).ToList();
        queue.Texts("#flagged-messages .message-body").Should().Equal(flagged.Select(m => m.Body), "the riskiest flagged message comes first");
        queue.Text("#flagged-messages .risk-score").Should().Contain("model v1");
    }

    [Fact]
    public async Task Moderators_decisions_train_the_next_version_and_the_old_one_retires()
    {
        var (seller, _, orderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync();
        var sellerUser = seller.UserId;
        var sent = await Factory.RunAsync<SendMessage, Result<Message>>(s => s.ToOrderAsync(sellerUser, orderId, "Telegram me please, @quickdeals", Ct));
        var first = await Factory.RunAsync<RetrainMessageModel, MessageModel>(r => r.ExecuteAsync(Guid.NewGuid(), Ct));
        await Factory.RunAsync<MessageModeration, Result<ModerationOutcome>>(m => m.ReviewAsync(Guid.NewGuid(), sent.Value!.Id, ModerationOutcome.Confirmed, Ct));

        var second = await Factory.RunAsync<RetrainMessageModel, MessageModel>(r => r.ExecuteAsync(Guid.NewGuid(), Ct));
        var byTheJob = await Factory.RunAsync<RetrainMessageModel, int>(r => r.WhenDueAsync(Ct));

        await using var db = Factory.CreateDbContext();
        var models = await db.MessageModels.OrderBy(m => m.Version).Select(m => new { m.Version, m.Active, m.FromModerators, m.Examples }).ToListAsync(Ct);
        models.Select(m => (m.Version, m.Active, m.FromModerators)).Should().Equal((1, false, 0), (2, true, 1));
        second.Examples.Should().Be(first.Examples + 1);
        byTheJob.Should().Be(0, "the active model is not a week old");
        (await db.AdminActions.CountAsync(a => a.Action == AdminActions.RetrainMessageModel, Ct)).Should().Be(2);
        output.WriteLine($"model 2: precision {second.Precision:P1}, recall {second.Recall:P1} on the fifth kept out");
    }

    [Fact]
    public async Task A_model_that_cannot_be_loaded_leaves_messages_unscored_but_still_sent_and_checked_by_the_rules()
    {
        var (seller, _, orderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync();
        await using (var db = Factory.CreateDbContext())
        {
            db.MessageModels.Add(new MessageModel(1, [1, 2, 3], 10, 0, 0.5, 0.5, null, Factory.Clock.GetUtcNow()));
            await db.SaveChangesAsync(Ct);
        }

        Factory.Services.GetRequiredService<MessageScorer>().Invalidate();
        var sellerUser = seller.UserId;
        var sent = await Factory.RunAsync<SendMessage, Result<Message>>(s => s.ToOrderAsync(sellerUser, orderId, "whatsapp me on +44 7700 900123", Ct));

        sent.Succeeded.Should().BeTrue();
        sent.Value!.Flagged.Should().BeTrue("the rules don't depend on the model");
        sent.Value.RiskScore.Should().BeNull();
        sent.Value.ModelVersion.Should().BeNull();
    }

    [Fact]
    public async Task The_weekly_job_trains_a_first_model_and_retrains_only_after_seven_days()
    {
        var none = await Factory.RunAsync<RetrainMessageModel, int>(r => r.WhenDueAsync(Ct));
        Factory.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        var justBefore = await Factory.RunAsync<RetrainMessageModel, int>(r => r.WhenDueAsync(Ct));
        Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var atSevenDays = await Factory.RunAsync<RetrainMessageModel, int>(r => r.WhenDueAsync(Ct));

        (none, justBefore, atSevenDays).Should().Be((1, 0, 1));
        await using var db = Factory.CreateDbContext();
        (await db.MessageModels.Where(m => m.Active).Select(m => m.Version).SingleAsync(Ct)).Should().Be(2);
        (await db.MessageModels.AllAsync(m => m.TrainedBy == null, Ct)).Should().BeTrue();
    }
}

/// <summary>
/// The message check as the app runs it (rules, then the learned model at its flag threshold), trained on the shipped
/// examples and judged on held-out batches 4 and 5: each written by a helper who saw neither the detector nor any other
/// data, run once (only totals printed; docs/trust-and-safety.md has the numbers).
/// </summary>
public sealed class LearnedScorerQualityTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("messages-heldout-4.tsv")]
    [InlineData("messages-heldout-5.tsv")]
    public void On_held_out_batches_rules_and_the_learned_model_meet_the_floors(string file)
    {
        var heldOut = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Trust", file))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(p => (Flag: p[0] == "flag", Language: p[1], Signal: p[2], Text: string.Join('\t', p[3..])))
            .ToList();
        var check = OffPlatformCheck.Shipped;

        var results = heldOut.Select(m => (m.Flag, m.Language, m.Signal, Rules: OffPlatformDetector.Scan(m.Text).Count > 0, Check: check.Scan(m.Text).Count > 0, Score: check.Score(m.Text))).ToList();
        var flags = results.Where(r => r.Flag).ToList();
        var oks = results.Where(r => !r.Flag).ToList();
        // The chance that a random off-platform message scores above a random ordinary one (ROC AUC).
        var auc = flags.Sum(f => oks.Sum(o => f.Score > o.Score ? 1.0 : f.Score == o.Score ? 0.5 : 0)) / (flags.Count * (double)oks.Count);
        output.WriteLine($"{file} ({results.Count}), flag threshold {check.FlagThreshold:F2}, learned score AUC {auc:F3}");
        foreach (var (name, flagged) in new (string, Func<Row, bool>)[] { ("rules", r => r.Rules), ("rules + model", r => r.Check) })
        {
            output.WriteLine($"{name}: precision {Precision(results, flagged):P1}, recall {Recall(results, flagged):P1}; confusion: flagged {results.Count(r => r.Flag && flagged(r))} of {flags.Count} off-platform, {results.Count(r => !r.Flag && flagged(r))} of {oks.Count} ordinary");
            foreach (var language in results.Select(r => r.Language).Distinct().Order(StringComparer.Ordinal))
            {
                var part = results.Where(r => r.Language == language).ToList();
                output.WriteLine($"  {language}: precision {Precision(part, flagged):P1}, recall {Recall(part, flagged):P1}");
            }

            foreach (var signal in flags.Select(r => r.Signal).Distinct().Order(StringComparer.Ordinal))
            {
                output.WriteLine($"  {signal}: recall {Recall(results.Where(r => r.Signal == signal).ToList(), flagged):P1}");
            }
        }

        // Each measured once (docs/trust-and-safety.md). Batch 4: rules 98.2 % / 89.6 % (Chinese 76.9 %); rules + model
        // (threshold 0.86) 97.7 % / 93.4 %, every language at least 84.6 %, AUC 0.986. Batch 5 (written after batch 4 was
        // measured, its helper reporting only counts): rules 96.8 % / 84.1 % (French 73.1 %); rules + model 95.4 % / 91.2 %,
        // every language at least 84.6 %, AUC 0.958. Issue 15's floors, enforced here.
        auc.Should().BeGreaterThanOrEqualTo(0.95, "the score must rank the queue on messages it never saw");
        Precision(results, r => r.Check).Should().BeGreaterThanOrEqualTo(0.95);
        Recall(results, r => r.Check).Should().BeGreaterThanOrEqualTo(0.90);
        foreach (var language in results.Select(r => r.Language).Distinct())
        {
            Recall(results.Where(r => r.Language == language).ToList(), r => r.Check).Should().BeGreaterThanOrEqualTo(0.80, $"no language falls below recall 0.80 ({language})");
        }
    }

    private static double Precision(IReadOnlyList<Row> results, Func<Row, bool> flagged)
    {
        var hits = results.Where(flagged).ToList();
        return hits.Count == 0 ? 1 : hits.Count(r => r.Flag) / (double)hits.Count;
    }

    private static double Recall(IReadOnlyList<Row> results, Func<Row, bool> flagged) =>
        results.Count(r => r.Flag && flagged(r)) / (double)Math.Max(1, results.Count(r => r.Flag));
}

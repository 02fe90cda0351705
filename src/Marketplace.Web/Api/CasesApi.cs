using Marketplace.Core.Api;
using Marketplace.Core.Data;
using Marketplace.Core.Disputes;
using Marketplace.Core.Escrow;
using Marketplace.Core.Messaging;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Messaging;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Api;

public sealed record ApiDisputeEvent(DateTimeOffset At, Actor Actor, string Note);

public sealed record ApiEvidence(Guid Id, Actor UploadedBy, string FileName, string ContentType);

/// <param name="RequestedAmount">For a partial refund, in minor units of <paramref name="Currency"/>.</param>
/// <param name="NextDeadline">When the party whose turn it is must act (the seller's reply window, etc.).</param>
public sealed record ApiDispute(
    Guid Id,
    Guid OrderId,
    string OrderNumber,
    DisputeIssue Issue,
    DisputeStatus Status,
    DisputeRemedy Request,
    long? RequestedAmount,
    string Currency,
    long OrderTotal,
    string Description,
    DateTimeOffset OpenedAt,
    DateTimeOffset? NextDeadline,
    DisputeRemedy? CounterOffer,
    long? CounterAmount,
    string? ReturnCarrier,
    string? ReturnTrackingNumber,
    DisputeRemedy? Outcome,
    long? RefundAmount,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<ApiDisputeEvent> Events,
    IReadOnlyList<ApiEvidence> Evidence);

public sealed record ApiDisputeSummary(Guid Id, Guid OrderId, string OrderNumber, DisputeIssue Issue, DisputeStatus Status, DateTimeOffset OpenedAt, DateTimeOffset? NextDeadline);

/// <param name="Offer">partial_refund (with amount), return_for_refund or full_refund.</param>
public sealed record ApiCounterOffer(DisputeRemedy? Offer = null, long? Amount = null, string? Message = null);

public sealed record ApiDisputeMessage(string? Message = null);

public sealed record ApiMessage(Guid Id, Actor From, string Body, DateTimeOffset SentAt, DateTimeOffset? ReadAt);

public sealed record ApiConversation(Guid Id, ConversationTopic Topic, Guid? OrderId, Guid? ListingId, string About, string BuyerName, DateTimeOffset LastMessageAt, IReadOnlyList<ApiMessage> Messages);

public sealed record ApiConversationSummary(Guid Id, ConversationTopic Topic, Guid? OrderId, Guid? ListingId, string BuyerName, DateTimeOffset LastMessageAt, bool AwaitingReply);

public sealed record ApiReply(string? Body = null);

public sealed record ApiPayoutTotals(string Currency, long Held, long Released, long PaidOut, long OwedBack);

public sealed record ApiPayoutOrder(Guid OrderId, string OrderNumber, HoldStatus Status, ApiMoney Payout, ApiMoney Commission, DateTimeOffset HeldAt, DateTimeOffset? ProtectionEndsAt, DateTimeOffset? ReleasedAt);

public sealed record ApiPayouts(IReadOnlyList<ApiPayoutTotals> Totals, IReadOnlyList<ApiPayoutOrder> Orders);

/// <summary>/api/v1/disputes: the dispute page's seller actions (the same steps and deadlines, SPEC §4).</summary>
public static class DisputesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var disputes = api.MapGroup("/disputes").WithTags("Disputes");
        disputes.MapGet("/", ListAsync).Needs<ApiPage<ApiDisputeSummary>>(ApiScopes.OrdersRead).WithSummary("The store's disputes, newest first")
            .WithDescription("Filter with `status` (awaiting_seller, …); page with `cursor` and `limit`.");
        disputes.MapGet("/{id:guid}", ReadAsync).Needs<ApiDispute>(ApiScopes.OrdersRead).WithSummary("One dispute with its timeline and evidence");
        disputes.MapPost("/{id:guid}/accept", (Guid id, HttpContext c, DisputeActions a, DisputeQueries q, DisputeEvidenceFiles e, CancellationToken ct) =>
            ActAsync(id, c, q, e, (party) => a.AcceptAsync(party, id, ct), ct)).Needs<ApiDispute>(ApiScopes.DisputesWrite).WithSummary("Accept what the buyer asked for");
        disputes.MapPost("/{id:guid}/counter", (Guid id, ApiCounterOffer? offer, HttpContext c, DisputeActions a, DisputeQueries q, DisputeEvidenceFiles e, CancellationToken ct) =>
            ActAsync(id, c, q, e, (party) => a.CounterAsync(party, id, offer?.Offer ?? DisputeRemedy.PartialRefund, offer?.Amount, offer?.Message ?? string.Empty, ct), ct)).Needs<ApiDispute>(ApiScopes.DisputesWrite)
            .WithSummary("Offer something else (a partial refund in minor units, or a return)");
        disputes.MapPost("/{id:guid}/reject", (Guid id, ApiDisputeMessage? body, HttpContext c, DisputeActions a, DisputeQueries q, DisputeEvidenceFiles e, CancellationToken ct) =>
            ActAsync(id, c, q, e, (party) => a.RejectAsync(party, id, body?.Message ?? string.Empty, ct), ct)).Needs<ApiDispute>(ApiScopes.DisputesWrite)
            .WithSummary("Reject, with your reasons (the buyer may take it to an admin)");
        disputes.MapPost("/{id:guid}/evidence", AddEvidenceAsync).Needs<ApiEvidence>(ApiScopes.DisputesWrite, StatusCodes.Status201Created).WithSummary("Upload evidence")
            .WithDescription("multipart/form-data with one file in the field `file`: a photo or PDF, checked exactly as on the page.");
    }

    private static async Task<IResult> ListAsync(HttpContext context, MarketplaceDbContext db, string? status, string? cursor, int? limit, CancellationToken ct)
    {
        var caller = context.User.ApiCaller()!;
        if (!ApiPaging.TryRead(cursor, limit, out var after, out var take, out var problem) || !ApiEnums.TryRead<DisputeStatus>(status, out var state, out problem))
        {
            return problem!;
        }

        var query = db.Disputes.AsNoTracking().Where(d => d.SellerId == caller.SellerId);
        if (state is { } s)
        {
            query = query.Where(d => d.Status == s);
        }

        if (after is { } a)
        {
            query = query.Where(d => d.OpenedAt < a.At || (d.OpenedAt == a.At && d.Id.CompareTo(a.Id) < 0));
        }

        var rows = await (
                from d in query
                join o in db.Orders on d.OrderId equals o.Id
                orderby d.OpenedAt descending, d.Id descending
                select new ApiDisputeSummary(d.Id, d.OrderId, o.Number, d.Issue, d.Status, d.OpenedAt, d.NextDeadlineAt))
            .Take(take + 1)
            .ToListAsync(ct);
        return Results.Ok(ApiPaging.Page(rows, take, r => new ApiCursor(r.OpenedAt, r.Id), r => r));
    }

    private static Task<IResult> ReadAsync(Guid id, HttpContext context, DisputeQueries disputes, DisputeEvidenceFiles evidence, CancellationToken ct) =>
        AnswerAsync(id, context, disputes, evidence, ct);

    private static async Task<IResult> ActAsync(Guid id, HttpContext context, DisputeQueries disputes, DisputeEvidenceFiles evidence, Func<DisputeParty, Task<Domain.Common.Result<Dispute>>> act, CancellationToken ct)
    {
        var done = await act(DisputeParty.Seller(context.User.ApiCaller()!.SellerId));
        return done.Succeeded ? await AnswerAsync(id, context, disputes, evidence, ct) : ApiProblems.Result(done.Error!);
    }

    private static async Task<IResult> AddEvidenceAsync(Guid id, IFormFile? file, HttpContext context, DisputeEvidenceFiles evidence, CancellationToken ct)
    {
        if (file is null)
        {
            return ApiProblems.Result(new Domain.Common.DomainError("evidence.empty", "Attach a file in the field “file”."));
        }

        await using var stream = file.OpenReadStream();
        var added = await evidence.AddAsync(DisputeParty.Seller(context.User.ApiCaller()!.SellerId), id, file.FileName, stream, file.Length, ct);
        return added.Succeeded
            ? Results.Created($"{ApiSetup.Prefix}/disputes/{id}", new ApiEvidence(added.Value!.Id, added.Value.UploadedBy, added.Value.FileName, added.Value.ContentType))
            : ApiProblems.Result(added.Error!);
    }

    private static async Task<IResult> AnswerAsync(Guid id, HttpContext context, DisputeQueries disputes, DisputeEvidenceFiles evidence, CancellationToken ct)
    {
        if (await disputes.DetailsAsync(DisputeParty.Seller(context.User.ApiCaller()!.SellerId), id, ct) is not { } details)
        {
            return ApiProblems.Result(DisputeErrors.NotFound);
        }

        var d = details.Dispute;
        var files = await evidence.ListAsync(d.Id, ct);
        return Results.Ok(new ApiDispute(
            d.Id,
            d.OrderId,
            details.OrderNumber,
            d.Issue,
            d.Status,
            d.Request,
            d.RequestedAmount,
            d.Currency,
            d.OrderTotal,
            d.Description,
            d.OpenedAt,
            d.NextDeadlineAt,
            d.CounterOffer,
            d.CounterAmount,
            d.ReturnCarrier,
            d.ReturnTrackingNumber,
            d.Outcome,
            d.RefundAmount,
            d.ClosedAt,
            d.Events.OrderBy(e => e.At).Select(e => new ApiDisputeEvent(e.At, e.Actor, e.Text.ToString())).ToList(),
            files.Select(f => new ApiEvidence(f.Id, f.UploadedBy, f.FileName, f.ContentType)).ToList()));
    }
}

/// <summary>/api/v1/conversations: buyers' questions and order messages; replies go through the same off-platform detector as the page.</summary>
public static class MessagesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var conversations = api.MapGroup("/conversations").WithTags("Messages");
        conversations.MapGet("/", ListAsync).Needs<ApiPage<ApiConversationSummary>>(ApiScopes.OrdersRead).WithSummary("The store's conversations, most recent first")
            .WithDescription("`awaitingReply=true` keeps those whose last word is the buyer's; page with `cursor` and `limit`.");
        conversations.MapGet("/{id:guid}", ReadAsync).Needs<ApiConversation>(ApiScopes.OrdersRead).WithSummary("One conversation with its messages (marks the buyer's as read)");
        conversations.MapPost("/{id:guid}/messages", ReplyAsync).Needs<ApiMessage>(ApiScopes.OrdersWrite, StatusCodes.Status201Created).WithSummary("Reply")
            .WithDescription("Checked like a reply on the page: contact details and off-platform payment requests are flagged for moderators.");
    }

    private static async Task<IResult> ListAsync(HttpContext context, MarketplaceDbContext db, bool? awaitingReply, string? cursor, int? limit, CancellationToken ct)
    {
        var caller = context.User.ApiCaller()!;
        if (!ApiPaging.TryRead(cursor, limit, out var after, out var take, out var problem))
        {
            return problem!;
        }

        var mine = db.Conversations.AsNoTracking().Where(c => c.SellerId == caller.SellerId);
        if (after is { } a)
        {
            mine = mine.Where(c => c.LastMessageAt < a.At || (c.LastMessageAt == a.At && c.Id.CompareTo(a.Id) < 0));
        }

        var rows = await (
                from c in mine
                join u in db.Users on c.BuyerId equals u.Id
                let last = db.Messages.Where(m => m.ConversationId == c.Id).OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id).Select(m => (Actor?)m.From).FirstOrDefault()
                where awaitingReply != true || last == Actor.Buyer
                orderby c.LastMessageAt descending, c.Id descending
                select new ApiConversationSummary(c.Id, c.Topic, c.OrderId, c.ListingId, u.DisplayName ?? string.Empty, c.LastMessageAt, last == Actor.Buyer))
            .Take(take + 1)
            .ToListAsync(ct);
        return Results.Ok(ApiPaging.Page(rows, take, r => new ApiCursor(r.LastMessageAt, r.Id), r => r));
    }

    private static async Task<IResult> ReadAsync(Guid id, HttpContext context, ConversationQueries conversations, ApiStore store, MarketplaceDbContext db, CancellationToken ct)
    {
        var seller = await store.CurrentAsync(context, ct);
        if (!await db.Conversations.AnyAsync(c => c.Id == id && c.SellerId == seller.Id, ct))
        {
            return ApiProblems.Result(MessagingNotFound);
        }

        // As opening it on the site does, reading it marks the buyer's messages read.
        var thread = await conversations.ReadAsync(seller.UserId, id, ct);
        return thread is null ? ApiProblems.Result(MessagingNotFound) : Results.Ok(ToApi(thread));
    }

    private static async Task<IResult> ReplyAsync(Guid id, ApiReply? reply, HttpContext context, SendMessage send, ConversationQueries conversations, ApiStore store, MarketplaceDbContext db, CancellationToken ct)
    {
        var seller = await store.CurrentAsync(context, ct);
        if (!await db.Conversations.AnyAsync(c => c.Id == id && c.SellerId == seller.Id, ct))
        {
            return ApiProblems.Result(MessagingNotFound);
        }

        var sent = await send.ReplyAsync(seller.UserId, id, reply?.Body, ct);
        return sent.Succeeded
            ? Results.Created($"{ApiSetup.Prefix}/conversations/{id}", new ApiMessage(sent.Value!.Id, sent.Value.From, sent.Value.Body, sent.Value.SentAt, sent.Value.ReadAt))
            : ApiProblems.Result(sent.Error!);
    }

    private static readonly Domain.Common.DomainError MessagingNotFound = new("conversation.not_found", "That conversation does not exist.", Domain.Common.ErrorKind.NotFound);

    private static ApiConversation ToApi(ConversationThread thread) => new(
        thread.Conversation.Id,
        thread.Conversation.Topic,
        thread.Conversation.OrderId,
        thread.Conversation.ListingId,
        thread.About.ToString(),
        thread.BuyerName,
        thread.Conversation.LastMessageAt,
        thread.Messages.Select(m => new ApiMessage(m.Id, m.From, m.Body, m.SentAt, m.ReadAt)).ToList());
}

/// <summary>/api/v1/payouts: money held in escrow, released to the store, and paid out, per currency, with each order's hold.</summary>
public static class PayoutsApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/payouts", ReadAsync).Needs<ApiPayouts>(ApiScopes.PayoutsRead).WithTags("Payouts").WithSummary("Held, released and paid-out money, and the latest 500 orders' holds");

    private static async Task<IResult> ReadAsync(HttpContext context, EscrowQueries escrow, CancellationToken ct)
    {
        var payouts = await escrow.ForSellerAsync(context.User.ApiCaller()!.SellerId, ct);
        return Results.Ok(new ApiPayouts(
            payouts.Totals.Select(t => new ApiPayoutTotals(t.Currency, t.Pending.Amount, t.Released.Amount, t.PaidOut.Amount, t.OwedBack.Amount)).ToList(),
            payouts.Orders.Select(o => new ApiPayoutOrder(o.OrderId, o.OrderNumber, o.Status, ApiMoney.From(o.Payout), ApiMoney.From(o.Commission), o.HeldAt, o.ProtectionEndsAt, o.ReleasedAt)).ToList()));
    }
}

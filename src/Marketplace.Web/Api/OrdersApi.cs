using Marketplace.Core.Api;
using Marketplace.Core.Data;
using Marketplace.Core.Orders;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Api;

public sealed record ApiOrderLine(Guid ListingId, Guid VariantId, string Sku, string Title, string VariantName, int Quantity, ApiMoney UnitPrice, ApiMoney LineTotal);

public sealed record ApiAddress(string FullName, string Line1, string? Line2, string City, string? Region, string PostalCode, string CountryCode, string? Phone);

public sealed record ApiOrderEvent(DateTimeOffset At, Actor Actor, OrderStatus Status, string Note);

public sealed record ApiTrackingEvent(DateTimeOffset At, string Description, bool Delivered);

public sealed record ApiCancellationRequest(DateTimeOffset RequestedAt, string? Reason, DateTimeOffset? AnswerBy);

public sealed record ApiHold(HoldStatus Status, ApiMoney Payout, DateTimeOffset? ProtectionEndsAt, DateTimeOffset? ReleasedAt);

/// <param name="Total">The order at the store's own prices, in its currency (what the buyer paid, before commission).</param>
/// <param name="BuyerTotal">What the buyer was charged, in the checkout's currency.</param>
public sealed record ApiOrder(
    Guid Id,
    string Number,
    OrderStatus Status,
    ApiMoney Total,
    ApiMoney BuyerTotal,
    DateTimeOffset PlacedAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset? ShipBy,
    DateTimeOffset? ShippedAt,
    string? Carrier,
    string? TrackingNumber,
    DateTimeOffset? DeliveryDeadline,
    string ShippingMethod,
    string ShippingCarrier,
    ApiAddress ShipTo,
    string BuyerName,
    IReadOnlyList<ApiOrderLine> Lines,
    ApiCancellationRequest? CancellationRequest,
    ApiHold? Hold,
    IReadOnlyList<ApiTrackingEvent> Tracking,
    IReadOnlyList<ApiOrderEvent> Events);

/// <summary>A summary row for lists.</summary>
public sealed record ApiOrderSummary(Guid Id, string Number, OrderStatus Status, ApiMoney Total, DateTimeOffset PlacedAt, DateTimeOffset? ShipBy, bool CancellationRequested, int Items);

public sealed record ApiShipment(string? Carrier = null, string? TrackingNumber = null);

public sealed record ApiTrackingInput(string? Description = null, bool Delivered = false);

/// <summary>/api/v1/orders: paid orders of the caller's store (unpaid ones aren't the seller's business yet; anyone else's are 404).</summary>
public static class OrdersApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders");
        orders.MapGet("/", ListAsync).Needs<ApiPage<ApiOrderSummary>>(ApiScopes.OrdersRead).WithSummary("The store's orders, newest first")
            .WithDescription("Filter with `status`: paid (waiting to ship), shipped, confirmed, completed, in_dispute, cancelled, auto_cancelled, refunded, partially_refunded; page with `cursor` and `limit` (1–100).");
        orders.MapGet("/{id:guid}", ReadAsync).Needs<ApiOrder>(ApiScopes.OrdersRead).WithSummary("One order, with its lines, address, timeline and escrow hold");
        orders.MapPost("/{id:guid}/ship", ShipAsync).Needs<ApiOrder>(ApiScopes.OrdersWrite).WithSummary("Mark shipped with carrier and tracking number")
            .WithDescription("Starts the delivery deadline; the buyer's protection window counts from it.");
        orders.MapPost("/{id:guid}/tracking-events", TrackAsync).Needs<ApiOrder>(ApiScopes.OrdersWrite).WithSummary("Add a tracking event (delivered: true when the carrier says so)");
        orders.MapPost("/{id:guid}/accept-cancellation", AcceptCancellationAsync).Needs<ApiOrder>(ApiScopes.OrdersWrite).WithSummary("Accept the buyer's cancellation request")
            .WithDescription("The buyer is refunded in full and the stock goes back on sale.");
    }

    private static async Task<IResult> ListAsync(HttpContext context, MarketplaceDbContext db, string? status, string? cursor, int? limit, CancellationToken ct)
    {
        var caller = context.User.ApiCaller()!;
        if (!ApiPaging.TryRead(cursor, limit, out var after, out var take, out var problem) || !ApiEnums.TryRead<OrderStatus>(status, out var state, out problem))
        {
            return problem!;
        }

        var query = db.Orders.AsNoTracking().Where(o => o.SellerId == caller.SellerId && o.PaidAt != null);
        if (state is { } s)
        {
            query = query.Where(o => o.Status == s);
        }

        if (after is { } a)
        {
            query = query.Where(o => o.PlacedAt < a.At || (o.PlacedAt == a.At && o.Id.CompareTo(a.Id) < 0));
        }

        var rows = await query.OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id).Take(take + 1)
            .Select(o => new ApiOrderSummary(o.Id, o.Number, o.Status, new ApiMoney(o.SellerTotal.Amount, o.SellerTotal.Currency), o.PlacedAt, o.ShipBy, o.CancellationRequestedAt != null && o.Status == OrderStatus.Paid, o.Lines.Sum(l => l.Quantity)))
            .ToListAsync(ct);
        return Results.Ok(ApiPaging.Page(rows, take, r => new ApiCursor(r.PlacedAt, r.Id), r => r));
    }

    private static async Task<IResult> ReadAsync(Guid id, HttpContext context, OrderQueries orders, CancellationToken ct) =>
        await orders.ForSellerAsync(context.User.ApiCaller()!.SellerId, id, ct) is { } details ? Results.Ok(ToApi(details)) : ApiProblems.Result(OrderErrors.NotFound);

    private static async Task<IResult> ShipAsync(Guid id, ApiShipment? shipment, HttpContext context, ShipOrder ship, OrderQueries orders, CancellationToken ct) =>
        await AnswerAsync(await ship.ExecuteAsync(context.User.ApiCaller()!.SellerId, id, shipment?.Carrier ?? string.Empty, shipment?.TrackingNumber ?? string.Empty, ct), id, context, orders, ct);

    private static async Task<IResult> TrackAsync(Guid id, ApiTrackingInput? input, HttpContext context, AddTrackingEvent track, OrderQueries orders, CancellationToken ct) =>
        await AnswerAsync(await track.ExecuteAsync(context.User.ApiCaller()!.SellerId, id, input?.Description ?? string.Empty, input?.Delivered ?? false, ct), id, context, orders, ct);

    private static async Task<IResult> AcceptCancellationAsync(Guid id, HttpContext context, CancelOrder cancel, OrderQueries orders, CancellationToken ct) =>
        await AnswerAsync(await cancel.AcceptAsync(context.User.ApiCaller()!.SellerId, id, ct), id, context, orders, ct);

    /// <summary>The order as it is after the action, or the action's problem.</summary>
    private static async Task<IResult> AnswerAsync(Domain.Common.Result<OrderStatus> result, Guid id, HttpContext context, OrderQueries orders, CancellationToken ct) =>
        !result.Succeeded ? ApiProblems.Result(result.Error!)
        : await orders.ForSellerAsync(context.User.ApiCaller()!.SellerId, id, ct) is { } details ? Results.Ok(ToApi(details))
        : ApiProblems.Result(OrderErrors.NotFound);

    private static ApiOrder ToApi(OrderDetails details)
    {
        var o = details.Order;
        var a = o.Address;
        return new ApiOrder(
            o.Id,
            o.Number,
            o.Status,
            ApiMoney.From(o.SellerTotal),
            ApiMoney.From(o.Total),
            o.PlacedAt,
            o.PaidAt,
            o.ShipBy,
            o.ShippedAt,
            o.Carrier,
            o.TrackingNumber,
            o.DeliveryDeadline,
            System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(o.Shipping.Method),
            o.Shipping.Carrier,
            new ApiAddress(a.FullName, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.CountryCode, a.Phone),
            details.BuyerName,
            o.Lines.Select(l => new ApiOrderLine(l.ListingId, l.VariantId, l.Sku, l.Title, l.VariantName, l.Quantity, ApiMoney.From(l.UnitPrice), ApiMoney.From(l.LineTotal))).ToList(),
            o.CancellationRequestedAt is { } asked && o.Status == OrderStatus.Paid ? new ApiCancellationRequest(asked, o.CancellationReason, o.CancellationAnswerBy) : null,
            details.Hold is { } h ? new ApiHold(h.Status, ApiMoney.From(h.Payout), h.ProtectionEndsAt, h.ReleasedAt) : null,
            o.Tracking.OrderBy(t => t.At).Select(t => new ApiTrackingEvent(t.At, t.Description, t.Delivered)).ToList(),
            o.Events.OrderBy(e => e.At).Select(e => new ApiOrderEvent(e.At, e.Actor, e.Status, e.Note)).ToList());
    }
}

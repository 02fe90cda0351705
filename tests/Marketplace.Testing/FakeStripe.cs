using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Testing;

/// <summary>One request the app sent to "Stripe": route ("POST /v1/transfers"), headers and the decoded form body.</summary>
public sealed record StripeRequest(string Route, IReadOnlyDictionary<string, string> Headers, IReadOnlyDictionary<string, string> Form)
{
    public string? IdempotencyKey => Headers.GetValueOrDefault("Idempotency-Key");
}

/// <summary>
/// Stands in for api.stripe.com under the real Stripe.net client: records every request (so tests can check amount,
/// currency, transfer_group, destination, source_transaction and idempotency key) and answers Stripe-shaped JSON.
/// Like Stripe, a repeated idempotency key gets the first answer again. It also signs webhook payloads.
/// </summary>
public sealed class FakeStripe : HttpMessageHandler
{
    public const string WebhookSecret = "whsec_test_marketplace";

    private readonly ConcurrentDictionary<string, Func<StripeRequest, (string Json, HttpStatusCode Status)>> _answers = new();
    private readonly ConcurrentDictionary<string, int> _failures = new();
    private readonly ConcurrentDictionary<string, (string Json, HttpStatusCode Status)> _byKey = new();
    private readonly ConcurrentQueue<StripeRequest> _requests = new();
    private int _ids;

    public IReadOnlyList<StripeRequest> Requests => [.. _requests];

    /// <summary>Forgets requests, failures and remembered keys (answers stay).</summary>
    public void Reset()
    {
        _requests.Clear();
        _failures.Clear();
        _byKey.Clear();
    }

    public IEnumerable<StripeRequest> To(string route) => Requests.Where(r => r.Route == route);

    /// <summary>Answers <paramref name="route"/> (e.g. "POST /v1/refunds"; a trailing * matches any rest) with JSON made from the request; ids come from <see cref="NextId"/>.</summary>
    public void Answer(string route, Func<StripeRequest, string> json) => _answers[route] = r => (json(r), HttpStatusCode.OK);

    public void Answer(string route, string json, HttpStatusCode status = HttpStatusCode.OK) => _answers[route] = _ => (json, status);

    /// <summary>The next <paramref name="times"/> requests to <paramref name="route"/> get a 500 (Stripe having a bad moment).</summary>
    public void FailNext(string route, int times) => _failures[route] = times;

    public string NextId(string prefix) => $"{prefix}_{Interlocked.Increment(ref _ids):D6}";

    /// <summary>Stripe's answers for the money calls, echoing what was asked.</summary>
    public FakeStripe AnswerMoneyCalls()
    {
        Answer("POST /v1/refunds", r => $$"""{"id":"{{NextId("re")}}","object":"refund","amount":{{r.Form["amount"]}},"charge":"{{r.Form["charge"]}}","status":"succeeded"}""");
        Answer("POST /v1/transfers", r => $$"""{"id":"{{NextId("tr")}}","object":"transfer","amount":{{r.Form["amount"]}},"currency":"{{r.Form["currency"]}}","destination":"{{r.Form["destination"]}}"}""");
        return this;
    }

    /// <summary>A "Stripe-Signature" header for <paramref name="payload"/>, as Stripe computes it (HMAC-SHA256 of "{t}.{payload}").</summary>
    public static string Sign(string payload, DateTimeOffset at, string secret = WebhookSecret)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(hash)}";
    }

    /// <summary>A Stripe event envelope around <paramref name="dataObject"/> (JSON).</summary>
    public static string Event(string id, string type, string dataObject, DateTimeOffset at) =>
        $$$"""{"id":"{{{id}}}","object":"event","api_version":"2025-01-27.acacia","created":{{{at.ToUnixTimeSeconds()}}},"livemode":false,"pending_webhooks":1,"type":"{{{type}}}","data":{"object":{{{dataObject}}}}}""";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var route = $"{request.Method} {request.RequestUri!.AbsolutePath}";
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var form = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p.ElementAtOrDefault(1) ?? string.Empty));
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value));
        var recorded = new StripeRequest(route, headers, form);
        _requests.Enqueue(recorded);

        if (_failures.TryGetValue(route, out var left) && left > 0 && _failures.TryUpdate(route, left - 1, left))
        {
            return Json("""{"error":{"type":"api_error","message":"Something went wrong on Stripe's end."}}""", HttpStatusCode.InternalServerError, request);
        }

        if (!_answers.TryGetValue(route, out var answer)
            && _answers.FirstOrDefault(a => a.Key.EndsWith('*') && route.StartsWith(a.Key[..^1], StringComparison.Ordinal)).Value is not { } prefixed)
        {
            return Json("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Unrecognized request URL (" + route + ").\"}}", HttpStatusCode.NotFound, request);
        }

        answer ??= _answers.First(a => a.Key.EndsWith('*') && route.StartsWith(a.Key[..^1], StringComparison.Ordinal)).Value;
        var (json, status) = recorded.IdempotencyKey is { } key ? _byKey.GetOrAdd($"{route}|{key}", _ => answer(recorded)) : answer(recorded);
        return Json(json, status, request);
    }

    private static HttpResponseMessage Json(string json, HttpStatusCode status, HttpRequestMessage request) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json"), RequestMessage = request };
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Testing;

/// <summary>One POST a <see cref="WebhookReceiver"/> got, and whether its signature checked out.</summary>
public sealed record ReceivedWebhook(string EventId, string EventType, string Body, bool SignatureValid, long Timestamp);

/// <summary>
/// A seller's webhook consumer, as docs/api.md tells one to write it: a real HTTP server on 127.0.0.1 that checks the
/// <c>Marketplace-Signature</c> header (HMAC-SHA256 of "{t}.{body}" with the endpoint's secret, compared in constant time)
/// and keeps each event once by its id. It answers with the queued status codes, then 200.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<int> _answers = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, ReceivedWebhook> _unique = new();
    private readonly int _port = LocalPorts.Free();

    public WebhookReceiver()
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{_port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Url => $"http://127.0.0.1:{_port}/hooks/marketplace";

    /// <summary>The endpoint's signing secret, set once the seller has it.</summary>
    public string? Secret { get; set; }

    /// <summary>Every POST, repeats included.</summary>
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>Each event once, by id (a repeat is harmless).</summary>
    public IReadOnlyCollection<ReceivedWebhook> Events => [.. _unique.Values];

    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _answers.Enqueue(status);
        }
    }

    /// <summary>The check a consumer makes: the header's v1 equals the HMAC of "{t}.{body}".</summary>
    public static bool Verify(string secret, string? header, string body)
    {
        var parts = (header ?? string.Empty).Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1))
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body));
        byte[] given;
        try
        {
            given = Convert.FromHexString(v1);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var signature = context.Request.Headers["Marketplace-Signature"];
            var timestamp = signature?.Split(',').FirstOrDefault(p => p.StartsWith("t=", StringComparison.Ordinal)) is { } t && long.TryParse(t[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;
            var received = new ReceivedWebhook(
                context.Request.Headers["Marketplace-Event-Id"] ?? string.Empty,
                context.Request.Headers["Marketplace-Event-Type"] ?? string.Empty,
                body,
                Secret is not null && Verify(Secret, signature, body),
                timestamp);
            _received.Enqueue(received);
            var status = _answers.TryDequeue(out var queued) ? queued : 200;
            if (status is >= 200 and < 300 && received.SignatureValid)
            {
                _unique.TryAdd(received.EventId, received);
            }

            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }
}

using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Marketplace.Testing;

/// <summary>
/// A real SMTP server (the SmtpServer library) on 127.0.0.1 at a free port, requiring a user name and password: what the
/// app's MailKit sender talks to in tests. It keeps what it receives, refuses addresses at <c>@refused.test</c> for good
/// (550) and can be stopped and started again to play an outage.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    public const string UserName = "marketplace";
    public const string Password = "smtp-secret";

    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private CancellationTokenSource? _running;
    private Task? _serving;

    public int Port { get; } = LocalPorts.Free();

    public IReadOnlyList<MimeMessage> Received => [.. _received];

    /// <summary>The app's settings to send through this server.</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:UserName"] = UserName,
        ["Smtp:Password"] = Password,
        ["Smtp:From"] = "Marketplace <no-reply@shop.test>",
    };

    /// <summary>Listens (again); nothing happens when it already does.</summary>
    public void Start()
    {
        if (_running is not null)
        {
            return;
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).AllowUnsecureAuthentication(true).AuthenticationRequired(true))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_received));
        services.Add(new Refusals());
        services.Add(new DelegatingUserAuthenticator((user, password) => user == UserName && password == Password));
        _running = new CancellationTokenSource();
        _serving = new SmtpServer.SmtpServer(options, services).StartAsync(_running.Token);
    }

    public async Task StopAsync()
    {
        if (_running is null)
        {
            return;
        }

        await _running.CancelAsync();
        try
        {
            await _serving!;
        }
        catch (OperationCanceledException)
        {
        }

        _running.Dispose();
        _running = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(ConcurrentQueue<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Refusals : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!to.Host.Equals("refused.test", StringComparison.OrdinalIgnoreCase));
    }
}

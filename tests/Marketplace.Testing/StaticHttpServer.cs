using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Marketplace.Testing;

/// <summary>A real HTTP server on 127.0.0.1 serving fixed bodies (e.g. a rates file), for code that fetches from a configured URL.</summary>
public sealed class StaticHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _routes = new();
    private readonly int _port = LocalPorts.Free();

    public StaticHttpServer()
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{_port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Requests { get; private set; }

    public string Url(string path) => $"http://127.0.0.1:{_port}{path}";

    public void Serve(string path, string body, int status = 200) => _routes[path] = (status, body);

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

            Requests++;
            var (status, body) = _routes.GetValueOrDefault(context.Request.Url!.AbsolutePath, (404, "not found"));
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/xml";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}

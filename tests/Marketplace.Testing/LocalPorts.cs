using System.Net;
using System.Net.Sockets;

namespace Marketplace.Testing;

/// <summary>Free TCP ports on 127.0.0.1 for the servers the tests start.</summary>
public static class LocalPorts
{
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

using System.Net;
using System.Net.Sockets;

namespace BlockhostBroker.TestSupport;

/// <summary>Free TCP ports on loopback, picked by the kernel.</summary>
public static class FreePort
{
    /// <summary>A port nothing listens on right now.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

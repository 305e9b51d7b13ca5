using System.Globalization;
using System.Net;

namespace BlockhostBroker.Silo.Config;

/// <summary>An "address:port" an HTTP surface listens on: an IPv4 literal, a bracketed IPv6 literal or "localhost".</summary>
public sealed record ListenAddress(IPAddress Address, int Port)
{
    private const string Localhost = "localhost";
    private const int MaxPort = 65535;

    /// <summary>True when only this machine can connect.</summary>
    public bool IsLoopback => IPAddress.IsLoopback(Address);

    /// <summary>The base URL a local client uses (a wildcard address is reached through loopback).</summary>
    public Uri LocalUri
    {
        get
        {
            var host = Address.Equals(IPAddress.Any) ? IPAddress.Loopback
                : Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : Address;
            var text = host.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]" : host.ToString();
            return new Uri($"http://{text}:{Port.ToString(CultureInfo.InvariantCulture)}/");
        }
    }

    /// <summary>Parses the text; throws <see cref="FormatException"/> with the reason.</summary>
    public static ListenAddress Parse(string text) =>
        TryParse(text, out var address, out var problem) ? address! : throw new FormatException(problem);

    /// <summary>Parses the text; false with a readable problem otherwise.</summary>
    public static bool TryParse(string? text, out ListenAddress? address, out string problem)
    {
        address = null;
        problem = "";
        var colon = (text ?? "").LastIndexOf(':');
        if (text is null || colon <= 0)
        {
            problem = "expected address:port, e.g. 127.0.0.1:8080 or [::1]:8080";
            return false;
        }
        var host = text[..colon];
        if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > MaxPort)
        {
            problem = $"'{text[(colon + 1)..]}' is not a TCP port; use 1-{MaxPort}";
            return false;
        }
        var ip = ParseHost(host);
        if (ip is null)
        {
            problem = $"'{host}' is not an IP address; use an address literal such as 127.0.0.1 or [::1] (IPv6 in brackets)";
            return false;
        }
        address = new ListenAddress(ip, port);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() =>
        Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{Address}]:{Port.ToString(CultureInfo.InvariantCulture)}"
            : $"{Address}:{Port.ToString(CultureInfo.InvariantCulture)}";

    private static IPAddress? ParseHost(string host)
    {
        if (host.Equals(Localhost, StringComparison.OrdinalIgnoreCase))
            return IPAddress.Loopback;
        if (host.StartsWith('[') && host.EndsWith(']'))
            return IPAddress.TryParse(host[1..^1], out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? v6 : null;
        return IPAddress.TryParse(host, out var v4) && v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? v4 : null;
    }
}

using System.Globalization;

namespace BlockhostBroker.Protocol.Payloads;

/// <summary>A WireGuard endpoint as the response carries it: "host:port" with an IPv4 address, "[IPv6]" or a DNS name, port 1–65535.</summary>
public sealed record BrokerEndpoint
{
    /// <summary>The largest port number.</summary>
    public const int MaxPort = 65535;

    private const int MaxHostnameLength = 253;
    private const int MaxLabelLength = 63;

    private BrokerEndpoint(string host, int port, bool isIpv6) => (Host, Port, IsIpv6) = (host, port, isIpv6);

    /// <summary>The host: an IPv4 address, an IPv6 address without brackets, or a DNS name.</summary>
    public string Host { get; }

    /// <summary>The UDP port, 1–65535.</summary>
    public int Port { get; }

    /// <summary>True when <see cref="Host"/> is an IPv6 address (written in brackets).</summary>
    public bool IsIpv6 { get; }

    /// <summary>Builds an endpoint from a host and port; throws <see cref="FormatException"/> when either is invalid.</summary>
    public static BrokerEndpoint Create(string host, int port) =>
        Parse(host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}");

    /// <summary>Reads "host:port"; throws <see cref="FormatException"/> when invalid.</summary>
    public static BrokerEndpoint Parse(string text) =>
        TryParse(text, out var endpoint) ? endpoint : throw new FormatException($"'{text}' is not host:port");

    /// <summary>Reads "1.2.3.4:51820", "[2001:db8::1]:51820" or "broker.example.org:51820"; false otherwise.</summary>
    public static bool TryParse(string? text, out BrokerEndpoint endpoint)
    {
        endpoint = null!;
        if (string.IsNullOrEmpty(text)) return false;
        var colon = text.LastIndexOf(':');
        if (colon < 0 || !TryParsePort(text.AsSpan(colon + 1), out var port)) return false;
        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            var inner = host[1..^1];
            if (!IpSyntax.TryParseIpv6(inner, out _)) return false;
            endpoint = new BrokerEndpoint(inner, port, isIpv6: true);
            return true;
        }
        if (!IsDottedQuad(host) && !IsHostname(host)) return false;
        endpoint = new BrokerEndpoint(host, port, isIpv6: false);
        return true;
    }

    /// <summary>"host:port", with the IPv6 host in brackets.</summary>
    public override string ToString() => IsIpv6 ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    private static bool TryParsePort(ReadOnlySpan<char> text, out int port)
    {
        port = 0;
        if (text.Length is 0 or > 5 || text[0] == '0' || !IsDigits(text)) return false;
        port = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return port <= MaxPort;
    }

    private static bool IsDottedQuad(string host)
    {
        var parts = host.Split('.');
        return parts.Length == 4 && parts.All(p =>
            p.Length is >= 1 and <= 3 && IsDigits(p) && (p.Length == 1 || p[0] != '0')
            && int.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture) <= 255);
    }

    // RFC 1123 names; a last label of only digits is refused so "1.2.3.256" is not taken for a name.
    private static bool IsHostname(string host)
    {
        if (host.Length is 0 or > MaxHostnameLength) return false;
        var labels = host.Split('.');
        return labels.All(IsLabel) && !IsDigits(labels[^1]);
    }

    private static bool IsLabel(string label) =>
        label.Length is >= 1 and <= MaxLabelLength && label[0] != '-' && label[^1] != '-'
        && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }
        return true;
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BlockhostBroker.Protocol.Payloads;

/// <summary>Strict IP text for payloads: IPv6 only, no zone ids, no surrounding space, prefixes without host bits.</summary>
public static class IpSyntax
{
    /// <summary>Bits in an IPv6 address.</summary>
    public const int Ipv6Bits = 128;

    /// <summary>Reads an IPv6 address such as "2001:db8::1"; false for IPv4, zone ids or anything else.</summary>
    public static bool TryParseIpv6(string? text, out IPAddress address)
    {
        address = IPAddress.IPv6None;
        if (string.IsNullOrEmpty(text) || !text.Contains(':') || text.Contains('%')
            || !IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
            return false;
        address = parsed;
        return true;
    }

    /// <summary>Reads "IPv6-address/length" with a decimal length 0–128 (no leading zeros) and zero host bits.</summary>
    public static bool TryParseIpv6Prefix(string? text, out IPNetwork prefix)
    {
        prefix = default;
        var slash = text?.IndexOf('/') ?? -1;
        if (slash < 0 || !TryParseIpv6(text![..slash], out var address) || !TryParseLength(text.AsSpan(slash + 1), out var length))
            return false;
        // IPNetwork.TryParse would silently clear host bits; a prefix with host bits set is a broker bug worth refusing.
        var network = new IPNetwork(Mask(address, length), length);
        if (!network.BaseAddress.Equals(address)) return false;
        prefix = network;
        return true;
    }

    /// <summary>True for global unicast IPv6 (2000::/3), the only kind a tunnel gateway can usefully be.</summary>
    public static bool IsGlobalUnicast(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && (address.GetAddressBytes()[0] & 0xE0) == 0x20;

    private static bool TryParseLength(ReadOnlySpan<char> text, out int length)
    {
        length = 0;
        if (text.Length is 0 or > 3 || (text.Length > 1 && text[0] == '0')) return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }
        length = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return length <= Ipv6Bits;
    }

    private static IPAddress Mask(IPAddress address, int length)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = length; bit < Ipv6Bits; bit++)
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return new IPAddress(bytes);
    }
}

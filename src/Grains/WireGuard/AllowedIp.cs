using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BlockhostBroker.Grains.WireGuard;

/// <summary>Canonical text of allowed-ip prefixes, so desired and actual peer sets compare exactly.</summary>
public static class AllowedIp
{
    private const int Ipv4Bits = 32;
    private const int Ipv6Bits = 128;

    /// <summary>Returns "address/length" with host bits cleared and the address in canonical form; a bare address gets its full length.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address) || addressText.Contains('%'))
            throw new AllowedIpFormatException(text, "the address is not an IP address");
        var maxBits = address.AddressFamily == AddressFamily.InterNetworkV6 ? Ipv6Bits : Ipv4Bits;
        var length = maxBits;
        if (slash >= 0 && !TryParseLength(text.AsSpan(slash + 1), maxBits, out length))
            throw new AllowedIpFormatException(text, $"the length must be a whole number from 0 to {maxBits}");
        return $"{Mask(address, length)}/{length.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Normalizes every prefix and returns them as a sorted set for comparison.</summary>
    public static SortedSet<string> NormalizeSet(IEnumerable<string> prefixes) =>
        new(prefixes.Select(Normalize), StringComparer.Ordinal);

    private static bool TryParseLength(ReadOnlySpan<char> text, int maxBits, out int length) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out length) && length <= maxBits;

    private static IPAddress Mask(IPAddress address, int length)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bitsHere = Math.Clamp(length - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bitsHere));
        }
        return new IPAddress(bytes);
    }
}

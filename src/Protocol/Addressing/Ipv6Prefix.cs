using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;

namespace BlockhostBroker.Protocol.Addressing;

/// <summary>
/// An IPv6 prefix (network address and length) whose host bits are always zero. Subnet arithmetic
/// works on 128-bit integers; counts of subnets can reach 2^128 and are therefore <see cref="BigInteger"/>.
/// </summary>
public readonly record struct Ipv6Prefix
{
    /// <summary>Bits in an IPv6 address.</summary>
    public const int AddressBits = 128;

    private Ipv6Prefix(UInt128 network, int length) => (Network, Length) = (network, length);

    /// <summary>The network address as a 128-bit integer; bits beyond <see cref="Length"/> are zero.</summary>
    public UInt128 Network { get; }

    /// <summary>The prefix length, 0 to 128.</summary>
    public int Length { get; }

    /// <summary>The network address.</summary>
    public IPAddress Address => ToIPAddress(Network);

    /// <summary>Builds a prefix from a network address and length; throws when host bits are set.</summary>
    public static Ipv6Prefix Create(UInt128 network, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, AddressBits);
        if ((network & ~Mask(length)) != 0)
        {
            var canonical = new Ipv6Prefix(network & Mask(length), length).ToString();
            var input = $"{Ipv6Text.Format(network)}/{length}";
            throw new Ipv6PrefixFormatException(input, Ipv6FormatError.HostBitsSet,
                $"bits beyond /{length} are set", canonical);
        }
        return new Ipv6Prefix(network, length);
    }

    /// <summary>Reads "address/length"; throws <see cref="Ipv6PrefixFormatException"/> naming the problem (and the canonical prefix when host bits are set).</summary>
    public static Ipv6Prefix Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
            throw new Ipv6PrefixFormatException(text, Ipv6FormatError.Empty, "the text is empty");
        var slash = text.IndexOf('/');
        if (slash < 0)
            throw new Ipv6PrefixFormatException(text, Ipv6FormatError.MissingLength, "a prefix needs '/length', e.g. '2001:db8::/48'");
        if (!TryParseLength(text.AsSpan(slash + 1), out var length))
            throw new Ipv6PrefixFormatException(text, Ipv6FormatError.InvalidLength, "the length must be a whole number from 0 to 128");
        if (!Ipv6Text.TryParse(text.AsSpan(0, slash), out var address, out var problem))
            throw new Ipv6PrefixFormatException(text, Ipv6FormatError.InvalidAddress, problem!);
        if ((address & ~Mask(length)) != 0)
        {
            var canonical = new Ipv6Prefix(address & Mask(length), length).ToString();
            throw new Ipv6PrefixFormatException(text, Ipv6FormatError.HostBitsSet, $"bits beyond /{length} are set", canonical);
        }
        return new Ipv6Prefix(address, length);
    }

    /// <summary>Reads "address/length"; false (and the reason) when the text is not a valid prefix.</summary>
    public static bool TryParse(string? text, out Ipv6Prefix prefix, out Ipv6PrefixFormatException? error)
    {
        prefix = default;
        error = null;
        try
        {
            prefix = Parse(text ?? string.Empty);
            return true;
        }
        catch (Ipv6PrefixFormatException e)
        {
            error = e;
            return false;
        }
    }

    /// <summary>True when the address lies inside this prefix.</summary>
    public bool Contains(UInt128 address) => (address & Mask(Length)) == Network;

    /// <summary>True when the address is IPv6 and lies inside this prefix.</summary>
    public bool Contains(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId == 0 && Contains(ToUInt128(address));

    /// <summary>True when the other prefix is this one or lies entirely inside it.</summary>
    public bool Contains(Ipv6Prefix other) => other.Length >= Length && Contains(other.Network);

    /// <summary>How many /<paramref name="subnetLength"/> subnets this prefix holds: 2^(subnetLength - Length), up to 2^128.</summary>
    public BigInteger SubnetCount(int subnetLength)
    {
        CheckSubnetLength(subnetLength);
        return BigInteger.One << (subnetLength - Length);
    }

    /// <summary>The subnet of the given length at a zero-based index (index 0 starts at <see cref="Network"/>).</summary>
    public Ipv6Prefix Subnet(int subnetLength, UInt128 index)
    {
        CheckSubnetLength(subnetLength);
        var indexBits = subnetLength - Length;
        if (indexBits < AddressBits && index >> indexBits != 0)
            throw new SubnetOutOfRangeException(
                $"index {index} is outside {this}: it holds {SubnetCount(subnetLength)} /{subnetLength} subnets (last index {SubnetCount(subnetLength) - 1})");
        var offset = subnetLength == 0 ? UInt128.Zero : index << (AddressBits - subnetLength);
        return new Ipv6Prefix(Network | offset, subnetLength);
    }

    /// <summary>The zero-based index of a subnet inside this prefix, the inverse of <see cref="Subnet"/>.</summary>
    public UInt128 SubnetIndex(Ipv6Prefix subnet)
    {
        if (!Contains(subnet))
            throw new SubnetOutOfRangeException($"{subnet} is not inside {this}");
        return subnet.Length == 0 ? UInt128.Zero : (subnet.Network - Network) >> (AddressBits - subnet.Length);
    }

    /// <summary>The address at an offset from the network address (offset 1 is the first host, "::1").</summary>
    public IPAddress AddressAt(UInt128 offset)
    {
        var hostBits = AddressBits - Length;
        if (hostBits < AddressBits && offset >> hostBits != 0)
            throw new SubnetOutOfRangeException($"offset {offset} is outside {this}");
        return ToIPAddress(Network | offset);
    }

    /// <summary>The canonical RFC 5952 text, e.g. "2001:db8:f04::/48".</summary>
    public override string ToString() => $"{Ipv6Text.Format(Network)}/{Length.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The mask with the first <paramref name="length"/> bits set.</summary>
    public static UInt128 Mask(int length) => length == 0 ? UInt128.Zero : UInt128.MaxValue << (AddressBits - length);

    /// <summary>An IPv6 address as a 128-bit integer, most significant byte first.</summary>
    public static UInt128 ToUInt128(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            throw new ArgumentException($"{address} is not an IPv6 address", nameof(address));
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>A 128-bit integer as an IPv6 address.</summary>
    public static IPAddress ToIPAddress(UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    private void CheckSubnetLength(int subnetLength)
    {
        if (subnetLength < Length || subnetLength > AddressBits)
            throw new SubnetOutOfRangeException($"a /{subnetLength} subnet cannot lie inside {this}: the length must be from {Length} to {AddressBits}");
    }

    // Decimal 0-128 without sign, spaces or leading zeros.
    private static bool TryParseLength(ReadOnlySpan<char> text, out int length)
    {
        length = -1;
        if (text.IsEmpty || text.Length > 3 || (text.Length > 1 && text[0] == '0')) return false;
        foreach (var c in text)
            if (!char.IsAsciiDigit(c)) return false;
        length = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return length <= AddressBits;
    }
}

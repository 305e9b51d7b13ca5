using System.Globalization;
using System.Text;

namespace BlockhostBroker.Protocol.Addressing;

/// <summary>
/// IPv6 address text in both directions: a strict RFC 4291 §2.2 reader (no zone ids, brackets or
/// whitespace) and the RFC 5952 canonical writer. Addresses are 128-bit integers, most significant
/// group first.
/// </summary>
public static class Ipv6Text
{
    private const int GroupCount = 8;
    private const int MaxHexDigitsPerGroup = 4;
    private const int BitsPerGroup = 16;
    private const int Ipv4Octets = 4;
    private const int MaxOctetDigits = 3;

    /// <summary>Reads an IPv6 address; on failure returns false and a short reason.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out UInt128 address, out string? problem)
    {
        address = 0;
        problem = null;
        var groups = new ushort[GroupCount];
        var gap = text.IndexOf("::");
        if (gap >= 0 && text[(gap + 1)..].IndexOf("::") >= 0)
            return Fail("'::' may appear only once", out problem);

        int headCount, tailCount;
        if (gap < 0)
        {
            if (!TryParseGroups(text, groups, allowIpv4: true, out headCount, out problem)) return false;
            if (headCount != GroupCount)
                return Fail($"expected 8 groups, found {headCount}", out problem);
        }
        else
        {
            var head = new ushort[GroupCount];
            var tail = new ushort[GroupCount];
            if (!TryParseGroups(text[..gap], head, allowIpv4: false, out headCount, out problem)) return false;
            if (!TryParseGroups(text[(gap + 2)..], tail, allowIpv4: true, out tailCount, out problem)) return false;
            // '::' stands for at least one zero group (RFC 4291 §2.2, item 2).
            if (headCount + tailCount > GroupCount - 1)
                return Fail("'::' must stand for at least one group", out problem);
            Array.Copy(head, groups, headCount);
            Array.Copy(tail, 0, groups, GroupCount - tailCount, tailCount);
        }

        foreach (var group in groups)
            address = (address << BitsPerGroup) | group;
        return true;
    }

    /// <summary>Writes an address in RFC 5952 canonical form: lowercase, no leading zeros, longest zero run (leftmost on a tie, at least two groups) as '::'.</summary>
    public static string Format(UInt128 address)
    {
        var groups = new ushort[GroupCount];
        for (var i = GroupCount - 1; i >= 0; i--, address >>= BitsPerGroup)
            groups[i] = (ushort)(address & ushort.MaxValue);

        var (runStart, runLength) = LongestZeroRun(groups);
        var text = new StringBuilder(39);
        for (var i = 0; i < GroupCount; i++)
        {
            if (i == runStart)
            {
                text.Append("::");
                i += runLength - 1;
                continue;
            }
            if (text.Length > 0 && text[^1] != ':') text.Append(':');
            text.Append(groups[i].ToString("x", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    // RFC 5952 §4.2.2/§4.2.3: compress only runs of two or more groups; the first of equally long runs wins.
    private static (int Start, int Length) LongestZeroRun(ushort[] groups)
    {
        int bestStart = -1, bestLength = 1, i = 0;
        while (i < GroupCount)
        {
            if (groups[i] != 0) { i++; continue; }
            var start = i;
            while (i < GroupCount && groups[i] == 0) i++;
            if (i - start > bestLength) (bestStart, bestLength) = (start, i - start);
        }
        return bestStart < 0 ? (-1, 0) : (bestStart, bestLength);
    }

    private static bool TryParseGroups(ReadOnlySpan<char> part, ushort[] into, bool allowIpv4, out int count, out string? problem)
    {
        count = 0;
        problem = null;
        if (part.IsEmpty) return true;
        while (true)
        {
            var colon = part.IndexOf(':');
            var field = colon < 0 ? part : part[..colon];
            if (colon < 0 && allowIpv4 && field.Contains('.'))
                return TryParseIpv4Tail(field, into, ref count, out problem);
            if (count >= GroupCount)
                return Fail("too many groups", out problem);
            if (!TryParseHexGroup(field, out into[count], out problem)) return false;
            count++;
            if (colon < 0) return true;
            part = part[(colon + 1)..];
        }
    }

    private static bool TryParseHexGroup(ReadOnlySpan<char> field, out ushort value, out string? problem)
    {
        value = 0;
        problem = null;
        if (field.IsEmpty) return Fail("empty group", out problem);
        if (field.Length > MaxHexDigitsPerGroup) return Fail($"group '{field}' has more than 4 hex digits", out problem);
        foreach (var c in field)
        {
            if (!char.IsAsciiHexDigit(c)) return Fail($"'{c}' is not a hex digit", out problem);
            value = (ushort)((value << 4) | (ushort)HexValue(c));
        }
        return true;
    }

    // An embedded dotted IPv4 address fills the last two groups (RFC 4291 §2.2, item 3).
    private static bool TryParseIpv4Tail(ReadOnlySpan<char> field, ushort[] into, ref int count, out string? problem)
    {
        problem = null;
        if (count + 2 > GroupCount) return Fail("too many groups", out problem);
        Span<byte> octets = stackalloc byte[Ipv4Octets];
        var index = 0;
        foreach (var range in field.Split('.'))
        {
            var octet = field[range];
            if (index == Ipv4Octets || !TryParseOctet(octet, out octets[index++]))
                return Fail($"'{field}' is not a dotted IPv4 address", out problem);
        }
        if (index != Ipv4Octets) return Fail($"'{field}' is not a dotted IPv4 address", out problem);
        into[count++] = (ushort)((octets[0] << 8) | octets[1]);
        into[count++] = (ushort)((octets[2] << 8) | octets[3]);
        return true;
    }

    // Decimal 0-255; leading zeros are refused because some readers treat them as octal.
    private static bool TryParseOctet(ReadOnlySpan<char> text, out byte octet)
    {
        octet = 0;
        if (text.IsEmpty || text.Length > MaxOctetDigits || (text.Length > 1 && text[0] == '0')) return false;
        foreach (var c in text)
            if (!char.IsAsciiDigit(c)) return false;
        var value = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        if (value > byte.MaxValue) return false;
        octet = (byte)value;
        return true;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static bool Fail(string reason, out string? problem)
    {
        problem = reason;
        return false;
    }
}

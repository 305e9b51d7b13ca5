using System.Globalization;
using System.Text;

namespace BlockhostBroker.Protocol.Tests.Addressing;

/// <summary>Random IPv6 addresses rich in zero groups, and random valid or broken spellings of them.</summary>
internal static class AddressGenerator
{
    private const string GarbageAlphabet = "0123456789abcdefABCDEF:::./%g ";

    /// <summary>An address whose groups are zero about half the time, so zero runs of every length occur.</summary>
    public static UInt128 NextAddress(Random random)
    {
        UInt128 value = 0;
        for (var i = 0; i < 8; i++)
        {
            var group = random.Next(3) switch
            {
                0 => 0,
                1 => random.Next(1, 16),
                _ => random.Next(0, 0x10000),
            };
            value = (value << 16) | (uint)group;
        }
        return value;
    }

    /// <summary>A valid RFC 4291 spelling: random case, optional leading zeros, '::' over a random zero run.</summary>
    public static string Spell(UInt128 address, Random random)
    {
        var groups = new string[8];
        for (var i = 0; i < 8; i++)
        {
            var value = (ushort)(address >> (16 * (7 - i)));
            var text = value.ToString(random.Next(2) == 0 ? "x" : "x4", CultureInfo.InvariantCulture);
            groups[i] = random.Next(3) == 0 ? text.ToUpperInvariant() : text;
        }
        var runs = ZeroRuns(address).ToList();
        if (runs.Count == 0 || random.Next(4) == 0) return string.Join(':', groups);
        var (start, length) = runs[random.Next(runs.Count)];
        var shortened = random.Next(1, length + 1);
        var head = string.Join(':', groups[..start]);
        var tail = string.Join(':', groups[(start + shortened)..]);
        return $"{head}::{tail}";
    }

    /// <summary>A short random string over the characters addresses are made of, mostly not an address.</summary>
    public static string Garbage(Random random)
    {
        var text = new StringBuilder();
        var length = random.Next(1, 24);
        for (var i = 0; i < length; i++) text.Append(GarbageAlphabet[random.Next(GarbageAlphabet.Length)]);
        return text.ToString();
    }

    /// <summary>A valid spelling with one random character changed, inserted or removed.</summary>
    public static string Mutate(string text, Random random)
    {
        var position = random.Next(text.Length + 1);
        var c = GarbageAlphabet[random.Next(GarbageAlphabet.Length)];
        return random.Next(3) switch
        {
            0 when position < text.Length => text.Remove(position, 1),
            1 when position < text.Length => text.Remove(position, 1).Insert(position, c.ToString()),
            _ => text.Insert(position, c.ToString()),
        };
    }

    private static IEnumerable<(int Start, int Length)> ZeroRuns(UInt128 address)
    {
        var start = -1;
        for (var i = 0; i <= 8; i++)
        {
            var zero = i < 8 && (ushort)(address >> (16 * (7 - i))) == 0;
            if (zero && start < 0) start = i;
            if (!zero && start >= 0)
            {
                yield return (start, i - start);
                start = -1;
            }
        }
    }
}

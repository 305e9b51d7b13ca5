using System.Numerics;
using System.Text;

namespace BlockhostBroker.Protocol.Tests.Contracts;

/// <summary>Random ABI inputs for differential tests: addresses, payloads of edge and random lengths, Unicode strings, uint256 up to 2^256-1.</summary>
public sealed class AbiRandom(int seed)
{
    /// <summary>2^256 - 1, the largest uint256.</summary>
    public static readonly BigInteger MaxUint256 = BigInteger.Pow(2, 256) - 1;

    private static readonly int[] EdgeLengths = [0, 1, 31, 32, 33, 63, 64, 65, 96, 2048, 4096];
    private static readonly string[] Fragments =
        ["a", "Z", "0", " ", "'", "\"", "\\", "$HOME", "`x`", "\n", "\t", "é", "ß", "Ω", "中文", "日本", "✓", "🚀", "👍🏽", "\u200b", "-", "--help", "0x12"];

    private readonly Random random = new(seed);

    /// <summary>The seed, for failure messages.</summary>
    public int Seed { get; } = seed;

    /// <summary>A random address in lowercase or EIP-55 form.</summary>
    public string Address()
    {
        var hex = "0x" + Convert.ToHexStringLower(Bytes(20));
        return random.Next(2) == 0 ? hex : Nethereum.Util.AddressUtil.Current.ConvertToChecksumAddress(hex);
    }

    /// <summary>Random bytes: an edge length (0, 32, 33, KBs …) half of the time, otherwise 0..300.</summary>
    public byte[] Payload() => Bytes(random.Next(2) == 0 ? EdgeLengths[random.Next(EdgeLengths.Length)] : random.Next(301));

    /// <summary>A uint256: 0, 1, the maximum, or a random value of random bit length.</summary>
    public BigInteger Uint256() => random.Next(8) switch
    {
        0 => BigInteger.Zero,
        1 => BigInteger.One,
        2 => MaxUint256,
        _ => new BigInteger(Bytes(32), isUnsigned: true) >> random.Next(256),
    };

    /// <summary>A random bool.</summary>
    public bool Bool() => random.Next(2) == 1;

    /// <summary>A random string of ASCII, quotes, shell metacharacters, whitespace and multi-byte Unicode (surrogate pairs too), possibly empty; never NUL.</summary>
    public string Text()
    {
        var text = new StringBuilder();
        var parts = random.Next(0, 12);
        for (var i = 0; i < parts; i++) text.Append(Fragments[random.Next(Fragments.Length)]);
        return text.ToString();
    }

    /// <summary>A random <see cref="Text"/> that <paramref name="accept"/> takes (e.g. one a reference tool can express).</summary>
    public string Text(Func<string, bool> accept)
    {
        while (true)
            if (Text() is var text && accept(text)) return text;
    }

    /// <summary>n random bytes.</summary>
    public byte[] Bytes(int n)
    {
        var bytes = new byte[n];
        random.NextBytes(bytes);
        return bytes;
    }
}

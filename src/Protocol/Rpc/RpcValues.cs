using System.Globalization;
using System.Numerics;
using Newtonsoft.Json.Linq;

namespace BlockhostBroker.Protocol.Rpc;

/// <summary>Strict readers and writers for the JSON-RPC value encodings: quantities, data, hashes and addresses.</summary>
public static class RpcValues
{
    /// <summary>Bytes in a block or transaction hash.</summary>
    public const int HashLength = 32;

    /// <summary>Bytes in an address.</summary>
    public const int AddressLength = 20;

    /// <summary>Encodes a quantity as "0x" and minimal lowercase hex ("0x0" for zero).</summary>
    public static string Quantity(BigInteger value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        if (value.IsZero) return "0x0";
        return "0x" + Convert.ToHexStringLower(value.ToByteArray(isUnsigned: true, isBigEndian: true)).TrimStart('0');
    }

    /// <summary>Encodes bytes as "0x" and lowercase hex.</summary>
    public static string Data(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    /// <summary>Reads a quantity ("0x" and hex digits without leading zeros, lenient on zeros); throws when it is not one.</summary>
    public static BigInteger ReadQuantity(string method, JToken token, string what)
    {
        var text = ReadString(method, token, what);
        if (text.Length < 3 || !text.StartsWith("0x", StringComparison.Ordinal) || !IsHex(text.AsSpan(2)))
            throw Malformed(method, what, "a hex quantity", token);
        return BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    /// <summary>Reads a quantity that must fit in a signed 64-bit integer (block numbers, nonces, gas).</summary>
    public static long ReadLong(string method, JToken token, string what)
    {
        var value = ReadQuantity(method, token, what);
        return value <= long.MaxValue ? (long)value : throw Malformed(method, what, "a quantity below 2^63", token);
    }

    /// <summary>Reads "0x"-prefixed data of any even length.</summary>
    public static byte[] ReadData(string method, JToken token, string what)
    {
        var text = ReadString(method, token, what);
        if (!text.StartsWith("0x", StringComparison.Ordinal) || text.Length % 2 != 0 || !IsHex(text.AsSpan(2)))
            throw Malformed(method, what, "0x-prefixed hex data", token);
        return Convert.FromHexString(text.AsSpan(2));
    }

    /// <summary>Reads a 32-byte hash and returns it as lowercase "0x" text.</summary>
    public static string ReadHash(string method, JToken token, string what) =>
        ReadFixed(method, token, what, HashLength);

    /// <summary>Reads a 20-byte address and returns it as lowercase "0x" text.</summary>
    public static string ReadAddress(string method, JToken token, string what) =>
        ReadFixed(method, token, what, AddressLength);

    /// <summary>Reads a JSON string.</summary>
    public static string ReadString(string method, JToken token, string what) =>
        token.Type == JTokenType.String ? (string)token! : throw Malformed(method, what, "a string", token);

    /// <summary>Returns the named member of a JSON object, throwing when the token is not an object or lacks it.</summary>
    public static JToken Member(string method, JToken token, string name)
    {
        if (token is not JObject obj)
            throw Malformed(method, "result", "an object", token);
        return obj.TryGetValue(name, out var value) ? value : throw new RpcMalformedResponseException(method, $"result has no '{name}'");
    }

    /// <summary>Returns the named member, or null when it is absent or JSON null.</summary>
    public static JToken? OptionalMember(string method, JToken token, string name)
    {
        if (token is not JObject obj)
            throw Malformed(method, "result", "an object", token);
        return obj.TryGetValue(name, out var value) && value.Type != JTokenType.Null ? value : null;
    }

    /// <summary>True for a JSON null token.</summary>
    public static bool IsNull(JToken token) => token.Type == JTokenType.Null;

    internal static RpcMalformedResponseException Malformed(string method, string what, string expected, JToken token) =>
        new(method, $"{what} is not {expected}: {JsonRpcHttpClient.Excerpt(token.ToString(Newtonsoft.Json.Formatting.None))}");

    private static string ReadFixed(string method, JToken token, string what, int length)
    {
        var bytes = ReadData(method, token, what);
        return bytes.Length == length ? Data(bytes) : throw Malformed(method, what, $"{length} bytes", token);
    }

    private static bool IsHex(ReadOnlySpan<char> digits)
    {
        foreach (var c in digits)
            if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }
}

using BlockhostBroker.Protocol.Crypto;
using Org.BouncyCastle.Math.EC;

namespace BlockhostBroker.Protocol.Keys;

/// <summary>A secp256k1 public key known to be on the curve, kept in its 65-byte uncompressed form (the form on-chain and in payloads).</summary>
public sealed class Secp256k1PublicKey : IEquatable<Secp256k1PublicKey>
{
    /// <summary>Length of the uncompressed encoding: 0x04 || X || Y.</summary>
    public const int Length = Secp256k1Curve.UncompressedPointLength;

    private readonly byte[] _bytes;

    private Secp256k1PublicKey(byte[] bytes, ECPoint point) => (_bytes, Point) = (bytes, point);

    internal ECPoint Point { get; }

    /// <summary>Reads 65 uncompressed bytes; throws <see cref="KeyFormatException"/> when the length, tag or curve check fails.</summary>
    public static Secp256k1PublicKey FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
            throw new KeyFormatException(KeyFormatError.WrongLength,
                $"a secp256k1 public key must be {Length} bytes (uncompressed), got {bytes.Length}");
        if (bytes[0] != Secp256k1Curve.UncompressedTag)
            throw new KeyFormatException(KeyFormatError.NotUncompressed, "a secp256k1 public key must start with 0x04 (uncompressed)");
        var point = Secp256k1Curve.DecodeUncompressed(bytes)
            ?? throw new KeyFormatException(KeyFormatError.NotOnCurve, "the public key is not a point on secp256k1");
        return new Secp256k1PublicKey(bytes.ToArray(), point);
    }

    /// <summary>Reads 130 hex digits, with or without 0x; throws <see cref="KeyFormatException"/>.</summary>
    public static Secp256k1PublicKey Parse(string hex) =>
        FromBytes(HexText.Decode(hex, Length, "a secp256k1 public key"));

    /// <summary>Reads 130 hex digits, with or without 0x; false with the reason when invalid.</summary>
    public static bool TryParse(string? hex, out Secp256k1PublicKey? key, out KeyFormatError error)
    {
        key = null;
        error = default;
        if (hex is null) { error = KeyFormatError.WrongLength; return false; }
        try
        {
            key = Parse(hex);
            return true;
        }
        catch (KeyFormatException e)
        {
            error = e.Error;
            return false;
        }
    }

    /// <summary>True when the 65 bytes are an uncompressed point on the curve.</summary>
    public static bool IsValid(ReadOnlySpan<byte> bytes) =>
        bytes.Length == Length && Secp256k1Curve.DecodeUncompressed(bytes) is not null;

    internal static Secp256k1PublicKey FromPoint(ECPoint point)
    {
        var normalized = point.Normalize();
        return new Secp256k1PublicKey(Secp256k1Curve.EncodeUncompressed(normalized), normalized);
    }

    /// <summary>A copy of the 65 uncompressed bytes.</summary>
    public byte[] ToBytes() => (byte[])_bytes.Clone();

    /// <summary>Lowercase hex of the 65 bytes, without a prefix or with "0x" when asked.</summary>
    public string ToHex(bool with0x = false) => (with0x ? "0x" : "") + Convert.ToHexStringLower(_bytes);

    /// <summary>The key as lowercase hex without a prefix (public data, safe to log).</summary>
    public override string ToString() => ToHex();

    /// <summary>True when both keys have the same bytes.</summary>
    public bool Equals(Secp256k1PublicKey? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Secp256k1PublicKey);

    /// <inheritdoc />
    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 1);
}

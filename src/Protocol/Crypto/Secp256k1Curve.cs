using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace BlockhostBroker.Protocol.Crypto;

/// <summary>secp256k1 arithmetic on BouncyCastle's optimised curve: scalars, uncompressed points and ECDH.</summary>
internal static class Secp256k1Curve
{
    /// <summary>Length of a secret scalar.</summary>
    public const int ScalarLength = 32;

    /// <summary>Length of an uncompressed point: 0x04 || X (32) || Y (32).</summary>
    public const int UncompressedPointLength = 65;

    /// <summary>The tag byte that opens an uncompressed point.</summary>
    public const byte UncompressedTag = 0x04;

    private const int CoordinateLength = 32;

    private static readonly X9ECParameters Parameters = CustomNamedCurves.GetByName("secp256k1");
    private static readonly FixedPointCombMultiplier BaseMultiplier = new();

    /// <summary>The group order n.</summary>
    public static BigInteger Order => Parameters.N;

    /// <summary>True when the scalar is a valid secret key: 1 ≤ d &lt; n.</summary>
    public static bool IsValidScalar(BigInteger d) => d.SignValue > 0 && d.CompareTo(Parameters.N) < 0;

    /// <summary>Reads a 32-byte big-endian scalar; null when it is zero or not below the order.</summary>
    public static BigInteger? ReadScalar(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != ScalarLength) return null;
        var d = new BigInteger(1, bytes);
        return IsValidScalar(d) ? d : null;
    }

    /// <summary>Draws a secret scalar from the operating system's CSPRNG, rejecting the rare out-of-range value.</summary>
    public static BigInteger GenerateScalar()
    {
        Span<byte> buffer = stackalloc byte[ScalarLength];
        try
        {
            while (true)
            {
                RandomNumberGenerator.Fill(buffer);
                if (ReadScalar(buffer) is { } d) return d;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    /// <summary>The public point d·G.</summary>
    public static ECPoint MultiplyBase(BigInteger d) => BaseMultiplier.Multiply(Parameters.G, d).Normalize();

    /// <summary>The ECDH shared point d·P, normalised.</summary>
    public static ECPoint Agree(BigInteger d, ECPoint publicPoint) => publicPoint.Multiply(d).Normalize();

    /// <summary>Reads an uncompressed point, checking the tag, that both coordinates are field elements and that it lies on the curve; null otherwise.</summary>
    public static ECPoint? DecodeUncompressed(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != UncompressedPointLength || bytes[0] != UncompressedTag) return null;
        var x = new BigInteger(1, bytes.Slice(1, CoordinateLength));
        var y = new BigInteger(1, bytes.Slice(1 + CoordinateLength, CoordinateLength));
        var p = Parameters.Curve.Field.Characteristic;
        if (x.CompareTo(p) >= 0 || y.CompareTo(p) >= 0) return null;
        var point = Parameters.Curve.CreatePoint(x, y);
        return !point.IsInfinity && point.IsValid() ? point : null;
    }

    /// <summary>Writes a point as 65 uncompressed bytes.</summary>
    public static byte[] EncodeUncompressed(ECPoint point) => point.Normalize().GetEncoded(false);
}

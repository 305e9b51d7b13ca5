using BlockhostBroker.Protocol.Crypto;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Utilities;

namespace BlockhostBroker.Protocol.Keys;

/// <summary>A secp256k1 secret and its public key, used for ECIES. Its text forms never include the secret unless asked for explicitly.</summary>
public sealed class Secp256k1KeyPair
{
    /// <summary>Length of the secret scalar in bytes.</summary>
    public const int SecretLength = Secp256k1Curve.ScalarLength;

    private Secp256k1KeyPair(BigInteger secret)
    {
        Secret = secret;
        PublicKey = Secp256k1PublicKey.FromPoint(Secp256k1Curve.MultiplyBase(secret));
    }

    /// <summary>The public half, safe to publish.</summary>
    public Secp256k1PublicKey PublicKey { get; }

    internal BigInteger Secret { get; }

    /// <summary>Generates a key pair in-process from the operating system's CSPRNG.</summary>
    public static Secp256k1KeyPair Generate() => new(Secp256k1Curve.GenerateScalar());

    /// <summary>Builds the pair from a 32-byte big-endian secret; throws <see cref="KeyFormatException"/> when out of range.</summary>
    public static Secp256k1KeyPair FromSecret(ReadOnlySpan<byte> secret)
    {
        if (secret.Length != SecretLength)
            throw new KeyFormatException(KeyFormatError.WrongLength,
                $"a secp256k1 secret must be {SecretLength} bytes, got {secret.Length}");
        var d = Secp256k1Curve.ReadScalar(secret)
            ?? throw new KeyFormatException(KeyFormatError.SecretOutOfRange,
                "a secp256k1 secret must be between 1 and the group order minus 1");
        return new Secp256k1KeyPair(d);
    }

    /// <summary>Builds the pair from 64 hex digits, with or without 0x; throws <see cref="KeyFormatException"/>.</summary>
    public static Secp256k1KeyPair FromSecretHex(string hex) =>
        FromSecret(HexText.Decode(hex, SecretLength, "a secp256k1 secret"));

    /// <summary>The 32-byte secret. Handle with care: never log it.</summary>
    public byte[] ExportSecret() => BigIntegers.AsUnsignedByteArray(SecretLength, Secret);

    /// <summary>The secret as 64 lowercase hex digits without 0x (the key-file form). Never log it.</summary>
    public string ExportSecretHex() => Convert.ToHexStringLower(ExportSecret());

    /// <summary>Names the public key only.</summary>
    public override string ToString() => $"secp256k1 key pair (public {PublicKey.ToHex()})";
}

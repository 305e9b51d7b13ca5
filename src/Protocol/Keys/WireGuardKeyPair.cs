using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace BlockhostBroker.Protocol.Keys;

/// <summary>A WireGuard (X25519) private key and its public key. Its text forms never include the private key unless asked for explicitly.</summary>
public sealed class WireGuardKeyPair
{
    private readonly byte[] _privateKey;

    private WireGuardKeyPair(byte[] privateKey)
    {
        _privateKey = privateKey;
        var publicKey = new byte[WireGuardKey.Length];
        // X25519 clamps the scalar itself, so an unclamped private key gives the same public key as `wg pubkey`.
        X25519.ScalarMultBase(privateKey, publicKey);
        PublicKey = WireGuardKey.FromBytes(publicKey);
    }

    /// <summary>The public key, safe to publish.</summary>
    public WireGuardKey PublicKey { get; }

    /// <summary>Generates a clamped private key from the operating system's CSPRNG, as <c>wg genkey</c> does.</summary>
    public static WireGuardKeyPair Generate()
    {
        var privateKey = new byte[WireGuardKey.Length];
        RandomNumberGenerator.Fill(privateKey);
        X25519.ClampPrivateKey(privateKey);
        return new WireGuardKeyPair(privateKey);
    }

    /// <summary>Builds the pair from 32 private-key bytes (clamped or not, as wg accepts); throws <see cref="KeyFormatException"/>.</summary>
    public static WireGuardKeyPair FromPrivateKey(ReadOnlySpan<byte> privateKey) =>
        new(WireGuardBase64.CheckLength(privateKey).ToArray());

    /// <summary>Builds the pair from the 44-character base64 private key; throws <see cref="KeyFormatException"/>.</summary>
    public static WireGuardKeyPair FromPrivateKeyBase64(string base64) =>
        new(WireGuardBase64.Decode(base64, "a WireGuard private key"));

    /// <summary>A copy of the 32 private-key bytes. Never log it.</summary>
    public byte[] ExportPrivateKey() => (byte[])_privateKey.Clone();

    /// <summary>The private key as base64, the form <c>wg genkey</c> writes and wg's config expects. Never log it.</summary>
    public string ExportPrivateKeyBase64() => Convert.ToBase64String(_privateKey);

    /// <summary>Names the public key only.</summary>
    public override string ToString() => $"WireGuard key pair (public {PublicKey.ToBase64()})";
}

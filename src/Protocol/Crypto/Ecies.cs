using System.Security.Cryptography;
using BlockhostBroker.Protocol.Keys;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace BlockhostBroker.Protocol.Crypto;

/// <summary>
/// ECIES on secp256k1 in the eciesjs/eciespy default format (see <see cref="EciesFormat"/>):
/// key = HKDF-SHA256(ephemeral public key || shared point, both uncompressed; no salt, no info).
/// </summary>
public static class Ecies
{
    /// <summary>Encrypts a plaintext to a recipient's public key with a fresh ephemeral key and nonce.</summary>
    public static byte[] Encrypt(Secp256k1PublicKey recipient, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (plaintext.Length > EciesFormat.MaxPlaintextLength)
            throw new EciesException(EciesError.PlaintextTooLarge,
                $"plaintext of {plaintext.Length} bytes exceeds the {EciesFormat.MaxPlaintextLength}-byte limit");

        var ephemeralSecret = Secp256k1Curve.GenerateScalar();
        var ephemeralKey = Secp256k1Curve.EncodeUncompressed(Secp256k1Curve.MultiplyBase(ephemeralSecret));
        var key = DeriveKey(ephemeralKey, Secp256k1Curve.Agree(ephemeralSecret, recipient.Point));
        try
        {
            var envelope = new byte[EciesFormat.Overhead + plaintext.Length];
            ephemeralKey.CopyTo(envelope, 0);
            var nonce = envelope.AsSpan(EciesFormat.NonceOffset, EciesFormat.NonceLength);
            RandomNumberGenerator.Fill(nonce);
            AesGcmWithLongNonce.Encrypt(key, nonce, plaintext, envelope.AsSpan(EciesFormat.TagOffset));
            return envelope;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Opens an envelope with the recipient's key pair; throws <see cref="EciesException"/> naming the problem.</summary>
    public static byte[] Decrypt(Secp256k1KeyPair recipient, ReadOnlySpan<byte> envelope)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return Decrypt(recipient.Secret, envelope);
    }

    /// <summary>Opens an envelope; false with the error instead of an exception.</summary>
    public static bool TryDecrypt(Secp256k1KeyPair recipient, ReadOnlySpan<byte> envelope, out byte[] plaintext, out EciesError error)
    {
        try
        {
            plaintext = Decrypt(recipient, envelope);
            error = default;
            return true;
        }
        catch (EciesException e)
        {
            plaintext = [];
            error = e.Error;
            return false;
        }
    }

    internal static byte[] Decrypt(BigInteger recipientSecret, ReadOnlySpan<byte> envelope)
    {
        CheckLength(envelope.Length);
        var ephemeralKey = envelope[..EciesFormat.EphemeralKeyLength];
        var ephemeralPoint = Secp256k1Curve.DecodeUncompressed(ephemeralKey)
            ?? throw new EciesException(EciesError.InvalidEphemeralKey,
                "the ephemeral key is not an uncompressed secp256k1 point on the curve");
        var key = DeriveKey(ephemeralKey, Secp256k1Curve.Agree(recipientSecret, ephemeralPoint));
        try
        {
            return AesGcmWithLongNonce.Decrypt(key,
                envelope.Slice(EciesFormat.NonceOffset, EciesFormat.NonceLength),
                envelope.Slice(EciesFormat.TagOffset, EciesFormat.TagLength),
                envelope[EciesFormat.CiphertextOffset..]);
        }
        catch (InvalidCipherTextException e)
        {
            throw new EciesException(EciesError.AuthenticationFailed,
                "the envelope does not authenticate: wrong key or tampered data", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static void CheckLength(int length)
    {
        if (length < EciesFormat.Overhead)
            throw new EciesException(EciesError.EnvelopeTooShort,
                $"envelope of {length} bytes is shorter than the {EciesFormat.Overhead}-byte minimum");
        if (length > EciesFormat.MaxEnvelopeLength)
            throw new EciesException(EciesError.EnvelopeTooLarge,
                $"envelope of {length} bytes exceeds the {EciesFormat.MaxEnvelopeLength}-byte limit");
    }

    private static byte[] DeriveKey(ReadOnlySpan<byte> ephemeralKey, ECPoint sharedPoint)
    {
        if (sharedPoint.IsInfinity)
            throw new EciesException(EciesError.InvalidEphemeralKey, "the shared point is the point at infinity");
        Span<byte> ikm = stackalloc byte[EciesFormat.EphemeralKeyLength + Secp256k1Curve.UncompressedPointLength];
        ephemeralKey.CopyTo(ikm);
        var shared = Secp256k1Curve.EncodeUncompressed(sharedPoint);
        shared.CopyTo(ikm[EciesFormat.EphemeralKeyLength..]);
        var key = new byte[EciesFormat.SymmetricKeyLength];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, key, salt: [], info: []);
        CryptographicOperations.ZeroMemory(ikm);
        CryptographicOperations.ZeroMemory(shared);
        return key;
    }
}

using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace BlockhostBroker.Protocol.Crypto;

/// <summary>
/// AES-256-GCM with eciesjs's 16-byte nonce, on BouncyCastle (.NET's AesGcm takes 12-byte nonces only).
/// BouncyCastle appends the tag to the ciphertext; eciesjs puts it first, so both directions rearrange.
/// </summary>
internal static class AesGcmWithLongNonce
{
    private const int TagBits = EciesFormat.TagLength * 8;

    /// <summary>Encrypts into <paramref name="tagThenCiphertext"/>, which must be TagLength + plaintext long.</summary>
    public static void Encrypt(byte[] key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> tagThenCiphertext)
    {
        var cipher = Create(forEncryption: true, key, nonce);
        var output = new byte[plaintext.Length + EciesFormat.TagLength];
        var written = cipher.ProcessBytes(plaintext, output);
        cipher.DoFinal(output.AsSpan(written));
        output.AsSpan(plaintext.Length).CopyTo(tagThenCiphertext);
        output.AsSpan(0, plaintext.Length).CopyTo(tagThenCiphertext[EciesFormat.TagLength..]);
    }

    /// <summary>Decrypts and authenticates; throws <see cref="InvalidCipherTextException"/> when the tag does not match.</summary>
    public static byte[] Decrypt(byte[] key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> ciphertext)
    {
        var cipher = Create(forEncryption: false, key, nonce);
        var input = new byte[ciphertext.Length + EciesFormat.TagLength];
        ciphertext.CopyTo(input);
        tag.CopyTo(input.AsSpan(ciphertext.Length));
        var plaintext = new byte[ciphertext.Length];
        var written = cipher.ProcessBytes(input, plaintext);
        cipher.DoFinal(plaintext.AsSpan(written));
        return plaintext;
    }

    private static GcmBlockCipher Create(bool forEncryption, byte[] key, ReadOnlySpan<byte> nonce)
    {
        var cipher = new GcmBlockCipher(AesUtilities.CreateEngine());
        cipher.Init(forEncryption, new AeadParameters(new KeyParameter(key), TagBits, nonce.ToArray()));
        return cipher;
    }
}

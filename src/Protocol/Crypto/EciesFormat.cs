namespace BlockhostBroker.Protocol.Crypto;

/// <summary>
/// The envelope layout of eciesjs/eciespy in their default configuration (secp256k1, uncompressed
/// ephemeral key, HKDF-SHA256 over uncompressed keys, AES-256-GCM with a 16-byte nonce):
/// <c>ephemeral public key (65) || nonce (16) || tag (16) || ciphertext</c>.
/// </summary>
public static class EciesFormat
{
    /// <summary>Length of the uncompressed secp256k1 ephemeral public key that opens the envelope.</summary>
    public const int EphemeralKeyLength = 65;

    /// <summary>Length of the AES-GCM nonce (eciesjs uses 16 bytes, not the usual 12).</summary>
    public const int NonceLength = 16;

    /// <summary>Length of the AES-GCM authentication tag, which eciesjs places before the ciphertext.</summary>
    public const int TagLength = 16;

    /// <summary>Length of the AES-256 key derived with HKDF-SHA256.</summary>
    public const int SymmetricKeyLength = 32;

    /// <summary>Offset of the nonce in the envelope.</summary>
    public const int NonceOffset = EphemeralKeyLength;

    /// <summary>Offset of the tag in the envelope.</summary>
    public const int TagOffset = NonceOffset + NonceLength;

    /// <summary>Offset of the ciphertext in the envelope.</summary>
    public const int CiphertextOffset = TagOffset + TagLength;

    /// <summary>Bytes an envelope adds to its plaintext; also the length of an envelope around an empty plaintext.</summary>
    public const int Overhead = CiphertextOffset;

    /// <summary>
    /// Largest envelope accepted or produced: 64 KiB. Payloads are a few hundred bytes and are stored
    /// on-chain, where calldata of this size already costs far more than any real request; the cap
    /// bounds the work an attacker can cause with one log entry.
    /// </summary>
    public const int MaxEnvelopeLength = 64 * 1024;

    /// <summary>Largest plaintext that fits in <see cref="MaxEnvelopeLength"/>.</summary>
    public const int MaxPlaintextLength = MaxEnvelopeLength - Overhead;
}

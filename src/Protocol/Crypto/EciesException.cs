namespace BlockhostBroker.Protocol.Crypto;

/// <summary>Why an ECIES envelope could not be made or opened.</summary>
public enum EciesError
{
    /// <summary>The envelope is shorter than the ephemeral key, nonce and tag together.</summary>
    EnvelopeTooShort = 1,

    /// <summary>The envelope is longer than <see cref="EciesFormat.MaxEnvelopeLength"/>.</summary>
    EnvelopeTooLarge = 2,

    /// <summary>The ephemeral key is not an uncompressed secp256k1 point on the curve.</summary>
    InvalidEphemeralKey = 3,

    /// <summary>The tag does not match: a wrong key or a tampered envelope.</summary>
    AuthenticationFailed = 4,

    /// <summary>The plaintext to encrypt would make an envelope larger than the cap.</summary>
    PlaintextTooLarge = 5,
}

/// <summary>An ECIES envelope that could not be made or opened; <see cref="Error"/> says why. Never carries key material.</summary>
public sealed class EciesException : Exception
{
    /// <summary>Creates the error with its reason and a short description.</summary>
    public EciesException(EciesError error, string message, Exception? inner = null)
        : base(message, inner) => Error = error;

    /// <summary>Why the operation failed.</summary>
    public EciesError Error { get; }
}

namespace BlockhostBroker.Protocol.Keys;

/// <summary>Why a text or byte string is not a valid key.</summary>
public enum KeyFormatError
{
    /// <summary>The text is not hexadecimal (after an optional 0x).</summary>
    NotHex = 1,

    /// <summary>The text is not base64.</summary>
    NotBase64 = 2,

    /// <summary>The key has the wrong number of bytes.</summary>
    WrongLength = 3,

    /// <summary>A secp256k1 secret is zero or not below the group order.</summary>
    SecretOutOfRange = 4,

    /// <summary>A secp256k1 public key is not an uncompressed (0x04) point.</summary>
    NotUncompressed = 5,

    /// <summary>A secp256k1 public key is not a point on the curve.</summary>
    NotOnCurve = 6,
}

/// <summary>A key that could not be read; the message describes the shape expected, never the key itself.</summary>
public sealed class KeyFormatException : FormatException
{
    /// <summary>Creates the error with its reason and a description free of key material.</summary>
    public KeyFormatException(KeyFormatError error, string message) : base(message) => Error = error;

    /// <summary>Why the key was rejected.</summary>
    public KeyFormatError Error { get; }
}

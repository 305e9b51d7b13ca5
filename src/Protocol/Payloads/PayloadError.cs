namespace BlockhostBroker.Protocol.Payloads;

/// <summary>Why a request or response payload was rejected; <see cref="PayloadReasons"/> holds the matching on-chain texts.</summary>
public enum PayloadError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>Larger than <see cref="PayloadJson.MaxPayloadLength"/>.</summary>
    TooLarge = 1,

    /// <summary>The bytes are not valid UTF-8.</summary>
    NotUtf8 = 2,

    /// <summary>The text is not JSON.</summary>
    NotJson = 3,

    /// <summary>The JSON is not an object.</summary>
    NotObject = 4,

    /// <summary>A top-level property appears more than once.</summary>
    DuplicateField = 5,

    /// <summary>A required property is absent.</summary>
    MissingField = 6,

    /// <summary>A property is not a JSON string.</summary>
    WrongFieldType = 7,

    /// <summary>A key is not canonical base64.</summary>
    BadBase64 = 8,

    /// <summary>A key has the wrong number of bytes.</summary>
    BadKeyLength = 9,

    /// <summary>An Ethereum address is not 0x and 40 hex digits, or is the zero address.</summary>
    BadAddress = 10,

    /// <summary>A mixed-case Ethereum address fails its EIP-55 checksum.</summary>
    BadAddressChecksum = 11,

    /// <summary>A secp256k1 key is not hexadecimal.</summary>
    BadHex = 12,

    /// <summary>A secp256k1 key is not an uncompressed point on the curve.</summary>
    NotOnCurve = 13,

    /// <summary>The prefix is not "IPv6-address/length" with zero host bits.</summary>
    BadPrefix = 14,

    /// <summary>The gateway is not an IPv6 address.</summary>
    BadGateway = 15,

    /// <summary>The endpoint is not host:port.</summary>
    BadEndpoint = 16,

    /// <summary>The envelope could not be decrypted with our key.</summary>
    NotDecryptable = 17,

    /// <summary>The response's prefix length is not the one the client expects.</summary>
    UnexpectedPrefixLength = 18,

    /// <summary>The response's gateway is not a global unicast address, or lies inside the client's own prefix.</summary>
    UnusableGateway = 19,
}

namespace BlockhostBroker.Protocol.Payloads;

/// <summary>Short, stable rejection reasons suitable for the on-chain <c>rejectionReason</c>. Never change a published text.</summary>
public static class PayloadReasons
{
    private const string Prefix = "payload: ";

    /// <summary>Larger than the payload cap.</summary>
    public const string TooLarge = Prefix + "too large";
    /// <summary>Not valid UTF-8.</summary>
    public const string NotUtf8 = Prefix + "not utf-8";
    /// <summary>Not JSON.</summary>
    public const string NotJson = Prefix + "not json";
    /// <summary>JSON but not an object.</summary>
    public const string NotObject = Prefix + "not an object";
    /// <summary>A top-level property repeated.</summary>
    public const string DuplicateField = Prefix + "duplicate field";
    /// <summary>The envelope does not decrypt with the recipient's key.</summary>
    public const string NotDecryptable = Prefix + "not decryptable";

    /// <summary>No wgPubkey.</summary>
    public const string MissingWgPubkey = Prefix + "missing " + PayloadFields.WgPubkey;
    /// <summary>No nftContract.</summary>
    public const string MissingNftContract = Prefix + "missing " + PayloadFields.NftContract;
    /// <summary>No serverPubkey.</summary>
    public const string MissingServerPubkey = Prefix + "missing " + PayloadFields.ServerPubkey;
    /// <summary>No prefix.</summary>
    public const string MissingPrefix = Prefix + "missing " + PayloadFields.Prefix;
    /// <summary>No gateway.</summary>
    public const string MissingGateway = Prefix + "missing " + PayloadFields.Gateway;
    /// <summary>No brokerPubkey.</summary>
    public const string MissingBrokerPubkey = Prefix + "missing " + PayloadFields.BrokerPubkey;
    /// <summary>No brokerEndpoint.</summary>
    public const string MissingBrokerEndpoint = Prefix + "missing " + PayloadFields.BrokerEndpoint;

    /// <summary>wgPubkey is not a string of canonical base64 for 32 bytes.</summary>
    public const string BadWgPubkey = Prefix + "bad " + PayloadFields.WgPubkey;
    /// <summary>nftContract is not a string holding 0x and 40 hex digits, or is the zero address.</summary>
    public const string BadNftContract = Prefix + "bad " + PayloadFields.NftContract;
    /// <summary>nftContract is mixed-case and fails EIP-55.</summary>
    public const string BadNftContractChecksum = Prefix + PayloadFields.NftContract + " not EIP-55";
    /// <summary>nftContract differs from the contract the request was submitted for (checked by the broker).</summary>
    public const string NftContractMismatch = Prefix + PayloadFields.NftContract + " mismatch";
    /// <summary>serverPubkey is not hex of a 65-byte uncompressed secp256k1 point on the curve.</summary>
    public const string BadServerPubkey = Prefix + "bad " + PayloadFields.ServerPubkey;
    /// <summary>prefix is not an IPv6 prefix with zero host bits.</summary>
    public const string BadPrefix = Prefix + "bad " + PayloadFields.Prefix;
    /// <summary>prefix has a length other than the one expected.</summary>
    public const string UnexpectedPrefixLength = Prefix + "wrong " + PayloadFields.Prefix + " length";
    /// <summary>gateway is not an IPv6 address.</summary>
    public const string BadGateway = Prefix + "bad " + PayloadFields.Gateway;
    /// <summary>gateway is not global unicast or lies inside the client's prefix.</summary>
    public const string UnusableGateway = Prefix + "unusable " + PayloadFields.Gateway;
    /// <summary>brokerPubkey is not a string of canonical base64 for 32 bytes.</summary>
    public const string BadBrokerPubkey = Prefix + "bad " + PayloadFields.BrokerPubkey;
    /// <summary>brokerEndpoint is not host:port.</summary>
    public const string BadBrokerEndpoint = Prefix + "bad " + PayloadFields.BrokerEndpoint;
}

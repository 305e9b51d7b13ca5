namespace BlockhostBroker.Protocol.Payloads;

/// <summary>The JSON property names of the wire protocol, exactly as the seed writes them.</summary>
public static class PayloadFields
{
    /// <summary>Request: the server's WireGuard public key, base64.</summary>
    public const string WgPubkey = "wgPubkey";

    /// <summary>Request: the NFT contract the server owns, a checksummed address.</summary>
    public const string NftContract = "nftContract";

    /// <summary>Request: the server's secp256k1 public key for the response, 130 hex digits.</summary>
    public const string ServerPubkey = "serverPubkey";

    /// <summary>Response: the allocated prefix, e.g. "2001:db8::100/120".</summary>
    public const string Prefix = "prefix";

    /// <summary>Response: the broker's IPv6 address on the tunnel.</summary>
    public const string Gateway = "gateway";

    /// <summary>Response: the broker's WireGuard public key, base64.</summary>
    public const string BrokerPubkey = "brokerPubkey";

    /// <summary>Response: the broker's WireGuard endpoint, host:port.</summary>
    public const string BrokerEndpoint = "brokerEndpoint";
}

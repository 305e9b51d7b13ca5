using System.Net;
using BlockhostBroker.Client.Cli;
using BlockhostBroker.Protocol.Addressing;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Payloads;

namespace BlockhostBroker.Client.State;

/// <summary>
/// The broker's answer as saved (allocation.json), with where it came from. No secret is stored here: the
/// WireGuard private key stays in wg.key.
/// </summary>
/// <param name="Prefix">The allocated prefix, e.g. 2001:db8::100/120.</param>
/// <param name="Gateway">The broker's tunnel address.</param>
/// <param name="BrokerPubkey">The broker's WireGuard public key (base64).</param>
/// <param name="BrokerEndpoint">The broker's WireGuard endpoint, host:port.</param>
/// <param name="ChainId">The chain the request lives on.</param>
/// <param name="RequestsContract">The broker's BrokerRequests contract.</param>
/// <param name="BrokerId">The broker's registry id, or null for the direct form.</param>
/// <param name="NftContract">The NFT contract the allocation is for.</param>
/// <param name="RequestId">The on-chain request id that was approved.</param>
/// <param name="WgPubkey">This server's WireGuard public key, as sent.</param>
/// <param name="AllocatedAt">When the client saved the answer.</param>
public sealed record AllocationRecord(
    string Prefix,
    string Gateway,
    string BrokerPubkey,
    string BrokerEndpoint,
    long ChainId,
    string RequestsContract,
    ulong? BrokerId,
    string NftContract,
    ulong RequestId,
    string WgPubkey,
    DateTimeOffset AllocatedAt)
{
    /// <summary>Builds the record from a validated response and the request it answers.</summary>
    public static AllocationRecord From(ResponsePayload response, RequestRecord request, DateTimeOffset allocatedAt) => new(
        response.Prefix.ToString(), response.Gateway.ToString(), response.BrokerPubkey.ToBase64(), response.BrokerEndpoint.ToString(),
        request.ChainId, request.RequestsContract, request.BrokerId, request.NftContract, request.RequestId, request.WgPubkey, allocatedAt);

    /// <summary>Reads the saved answer back into typed values, re-validating it; throws <see cref="UsageException"/> naming the bad field.</summary>
    public TunnelPeer ToTunnelPeer()
    {
        // Parsing the saved fields as a response applies the same checks the answer passed when it arrived,
        // so a hand-edited allocation.json cannot configure a tunnel the client would have refused.
        var json = $$"""{"prefix":{{Quote(Prefix)}},"gateway":{{Quote(Gateway)}},"brokerPubkey":{{Quote(BrokerPubkey)}},"brokerEndpoint":{{Quote(BrokerEndpoint)}}}""";
        var parsed = ResponsePayload.Parse(System.Text.Encoding.UTF8.GetBytes(json));
        if (parsed.IsSuccess)
            parsed = ResponseValidator.Validate(parsed.Value!, parsed.Value!.Prefix.PrefixLength);
        if (!parsed.IsSuccess)
            throw new UsageException($"the saved allocation is not usable: {parsed.Failure}",
                "run `broker-client request --force` or restore allocation.json");
        var response = parsed.Value!;
        var prefix = Ipv6Prefix.Parse(response.Prefix.ToString());
        return new TunnelPeer(prefix, prefix.AddressAt(UInt128.One), response.Gateway, response.BrokerPubkey, response.BrokerEndpoint);
    }

    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}

/// <summary>The typed tunnel facts of an allocation.</summary>
/// <param name="Prefix">The allocated prefix.</param>
/// <param name="Address">This server's address on the tunnel: the prefix's first host.</param>
/// <param name="Gateway">The broker's tunnel address.</param>
/// <param name="BrokerKey">The broker's WireGuard public key.</param>
/// <param name="Endpoint">The broker's WireGuard endpoint.</param>
public sealed record TunnelPeer(Ipv6Prefix Prefix, IPAddress Address, IPAddress Gateway, WireGuardKey BrokerKey, BrokerEndpoint Endpoint);

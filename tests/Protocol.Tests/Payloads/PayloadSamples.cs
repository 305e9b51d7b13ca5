using System.Net;
using System.Text.Json.Nodes;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Payloads;

namespace BlockhostBroker.Protocol.Tests.Payloads;

/// <summary>Builders for valid payloads and their JSON, for tests to take apart one field at a time.</summary>
public static class PayloadSamples
{
    /// <summary>An NFT contract address in EIP-55 form (from the seed's first vector).</summary>
    public const string ChecksummedContract = "0x0E8C84222809b048e9175E4f540CD8766A587431";

    /// <summary>A fresh request with random keys.</summary>
    public static RequestPayload Request(string nftContract = ChecksummedContract) =>
        new(WireGuardKeyPair.Generate().PublicKey, nftContract, Secp256k1KeyPair.Generate().PublicKey);

    /// <summary>A response for 2001:db8::100/120 with a random broker key.</summary>
    public static ResponsePayload Response(string prefix = "2001:db8::100/120", string gateway = "2001:db8::1", string endpoint = "broker.example.org:51820") =>
        new(IPNetwork.Parse(prefix), IPAddress.Parse(gateway), WireGuardKeyPair.Generate().PublicKey, BrokerEndpoint.Parse(endpoint));

    /// <summary>A valid request as a mutable JSON object.</summary>
    public static JsonObject RequestJson() => JsonNode.Parse(Request().ToJson())!.AsObject();

    /// <summary>A valid response as a mutable JSON object.</summary>
    public static JsonObject ResponseJson() => JsonNode.Parse(Response().ToJson())!.AsObject();

    /// <summary>The object with one field replaced (or removed when <paramref name="value"/> is null and <paramref name="remove"/> is set).</summary>
    public static string With(this JsonObject json, string field, JsonNode? value, bool remove = false)
    {
        if (remove) json.Remove(field);
        else json[field] = value;
        return json.ToJsonString();
    }
}

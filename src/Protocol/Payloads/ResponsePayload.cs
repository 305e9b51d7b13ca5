using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using BlockhostBroker.Protocol.Keys;

namespace BlockhostBroker.Protocol.Payloads;

/// <summary>
/// What the broker answers: <c>{"prefix", "gateway", "brokerPubkey", "brokerEndpoint"}</c>.
/// Unknown extra properties are ignored. See <see cref="ResponseValidator"/> for the client's further checks.
/// </summary>
public sealed record ResponsePayload
{
    /// <summary>Builds a response; throws <see cref="ArgumentException"/> when the prefix or gateway is not IPv6.</summary>
    public ResponsePayload(IPNetwork prefix, IPAddress gateway, WireGuardKey brokerPubkey, BrokerEndpoint brokerEndpoint)
    {
        if (prefix.BaseAddress.AddressFamily != AddressFamily.InterNetworkV6)
            throw new ArgumentException("the prefix must be IPv6", nameof(prefix));
        ArgumentNullException.ThrowIfNull(gateway);
        if (gateway.AddressFamily != AddressFamily.InterNetworkV6 || gateway.ScopeId != 0)
            throw new ArgumentException("the gateway must be an IPv6 address without a zone", nameof(gateway));
        Prefix = prefix;
        Gateway = gateway;
        BrokerPubkey = brokerPubkey ?? throw new ArgumentNullException(nameof(brokerPubkey));
        BrokerEndpoint = brokerEndpoint ?? throw new ArgumentNullException(nameof(brokerEndpoint));
    }

    /// <summary>The prefix allocated to the server, e.g. 2001:db8::100/120.</summary>
    public IPNetwork Prefix { get; }

    /// <summary>The broker's IPv6 address, the server's route target through the tunnel.</summary>
    public IPAddress Gateway { get; }

    /// <summary>The broker's WireGuard public key.</summary>
    public WireGuardKey BrokerPubkey { get; }

    /// <summary>Where the server reaches the broker's WireGuard interface.</summary>
    public BrokerEndpoint BrokerEndpoint { get; }

    /// <summary>Parses UTF-8 JSON strictly; the result carries the payload or a typed, on-chain-ready reason.</summary>
    public static PayloadParseResult<ResponsePayload> Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var document = PayloadJson.Open(utf8);
            var root = document.RootElement;
            return new ResponsePayload(
                PayloadFieldReader.Prefix(root),
                PayloadFieldReader.Gateway(root),
                PayloadFieldReader.WireGuardKey(root, PayloadFields.BrokerPubkey, PayloadReasons.MissingBrokerPubkey, PayloadReasons.BadBrokerPubkey),
                PayloadFieldReader.Endpoint(root));
        }
        catch (PayloadFormatException e)
        {
            return e.Failure;
        }
    }

    /// <summary>Parses a JSON string strictly.</summary>
    public static PayloadParseResult<ResponsePayload> Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    /// <summary>Compact UTF-8 JSON with the seed's property names and order.</summary>
    public byte[] ToUtf8Json()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, PayloadJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString(PayloadFields.Prefix, Prefix.ToString());
            writer.WriteString(PayloadFields.Gateway, Gateway.ToString());
            writer.WriteString(PayloadFields.BrokerPubkey, BrokerPubkey.ToBase64());
            writer.WriteString(PayloadFields.BrokerEndpoint, BrokerEndpoint.ToString());
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The JSON text.</summary>
    public string ToJson() => Encoding.UTF8.GetString(ToUtf8Json());
}

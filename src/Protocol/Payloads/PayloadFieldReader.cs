using System.Net;
using System.Text.Json;
using BlockhostBroker.Protocol.Keys;

namespace BlockhostBroker.Protocol.Payloads;

/// <summary>Reads and checks one typed field each; throws <see cref="PayloadFormatException"/> with the field's reason.</summary>
internal static class PayloadFieldReader
{
    /// <summary>A WireGuard key: canonical base64 of exactly 32 bytes.</summary>
    public static WireGuardKey WireGuardKey(JsonElement root, string field, string missingReason, string badReason)
    {
        var text = PayloadJson.ReadString(root, field, missingReason, badReason);
        if (Keys.WireGuardKey.TryParse(text, out var key, out var error)) return key!;
        var code = error == KeyFormatError.WrongLength && IsBase64(text) ? PayloadError.BadKeyLength : PayloadError.BadBase64;
        PayloadFormatException.Throw(code, badReason, $"{field} is not base64 of {Keys.WireGuardKey.Length} bytes ({error})");
        return null;
    }

    /// <summary>An Ethereum address, returned in EIP-55 form.</summary>
    public static string Address(JsonElement root, string field, string missingReason)
    {
        var text = PayloadJson.ReadString(root, field, missingReason, PayloadReasons.BadNftContract);
        if (EthereumAddressText.TryNormalize(text, out var checksummed, out var error)) return checksummed;
        var reason = error == PayloadError.BadAddressChecksum ? PayloadReasons.BadNftContractChecksum : PayloadReasons.BadNftContract;
        PayloadFormatException.Throw(error, reason, $"{field} '{PayloadJson.Excerpt(text)}' is not a valid address ({error})");
        return "";
    }

    /// <summary>A 65-byte uncompressed secp256k1 public key on the curve, as hex.</summary>
    public static Secp256k1PublicKey Secp256k1Key(JsonElement root, string field, string missingReason, string badReason)
    {
        var text = PayloadJson.ReadString(root, field, missingReason, badReason);
        if (Secp256k1PublicKey.TryParse(text, out var key, out var error)) return key!;
        var code = error switch
        {
            KeyFormatError.NotHex => PayloadError.BadHex,
            KeyFormatError.WrongLength => PayloadError.BadKeyLength,
            _ => PayloadError.NotOnCurve,
        };
        PayloadFormatException.Throw(code, badReason, $"{field} is not a 65-byte uncompressed secp256k1 key ({error})");
        return null;
    }

    /// <summary>An IPv6 prefix with zero host bits.</summary>
    public static IPNetwork Prefix(JsonElement root)
    {
        var text = PayloadJson.ReadString(root, PayloadFields.Prefix, PayloadReasons.MissingPrefix, PayloadReasons.BadPrefix);
        if (!IpSyntax.TryParseIpv6Prefix(text, out var prefix))
            PayloadFormatException.Throw(PayloadError.BadPrefix, PayloadReasons.BadPrefix, $"prefix '{PayloadJson.Excerpt(text)}' is not an IPv6 prefix without host bits");
        return prefix;
    }

    /// <summary>An IPv6 address without a zone.</summary>
    public static IPAddress Gateway(JsonElement root)
    {
        var text = PayloadJson.ReadString(root, PayloadFields.Gateway, PayloadReasons.MissingGateway, PayloadReasons.BadGateway);
        if (!IpSyntax.TryParseIpv6(text, out var gateway))
            PayloadFormatException.Throw(PayloadError.BadGateway, PayloadReasons.BadGateway, $"gateway '{PayloadJson.Excerpt(text)}' is not an IPv6 address");
        return gateway;
    }

    /// <summary>A host:port endpoint.</summary>
    public static BrokerEndpoint Endpoint(JsonElement root)
    {
        var text = PayloadJson.ReadString(root, PayloadFields.BrokerEndpoint, PayloadReasons.MissingBrokerEndpoint, PayloadReasons.BadBrokerEndpoint);
        if (!BrokerEndpoint.TryParse(text, out var endpoint))
            PayloadFormatException.Throw(PayloadError.BadEndpoint, PayloadReasons.BadBrokerEndpoint, $"brokerEndpoint '{PayloadJson.Excerpt(text)}' is not host:port");
        return endpoint;
    }

    private static bool IsBase64(string text) => Convert.TryFromBase64String(text, new byte[text.Length], out _);
}

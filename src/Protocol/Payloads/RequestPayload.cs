using System.Text;
using System.Text.Json;
using BlockhostBroker.Protocol.Keys;

namespace BlockhostBroker.Protocol.Payloads;

/// <summary>
/// What a Blockhost server asks for: <c>{"wgPubkey", "nftContract", "serverPubkey"}</c>. Unknown extra
/// properties are ignored (additions to the protocol stay compatible); the nftContract is held in EIP-55 form.
/// </summary>
public sealed record RequestPayload
{
    /// <summary>Builds a request; throws <see cref="FormatException"/> when the NFT contract is not a valid address.</summary>
    public RequestPayload(WireGuardKey wgPubkey, string nftContract, Secp256k1PublicKey serverPubkey)
    {
        WgPubkey = wgPubkey ?? throw new ArgumentNullException(nameof(wgPubkey));
        NftContract = EthereumAddressText.ToChecksum(nftContract);
        ServerPubkey = serverPubkey ?? throw new ArgumentNullException(nameof(serverPubkey));
    }

    /// <summary>The server's WireGuard public key.</summary>
    public WireGuardKey WgPubkey { get; }

    /// <summary>The NFT contract the server owns, EIP-55 checksummed.</summary>
    public string NftContract { get; }

    /// <summary>The server's secp256k1 key, to which the broker encrypts its response.</summary>
    public Secp256k1PublicKey ServerPubkey { get; }

    /// <summary>Parses UTF-8 JSON strictly; the result carries the payload or a typed, on-chain-ready reason.</summary>
    public static PayloadParseResult<RequestPayload> Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var document = PayloadJson.Open(utf8);
            var root = document.RootElement;
            return new RequestPayload(
                PayloadFieldReader.WireGuardKey(root, PayloadFields.WgPubkey, PayloadReasons.MissingWgPubkey, PayloadReasons.BadWgPubkey),
                PayloadFieldReader.Address(root, PayloadFields.NftContract, PayloadReasons.MissingNftContract),
                PayloadFieldReader.Secp256k1Key(root, PayloadFields.ServerPubkey, PayloadReasons.MissingServerPubkey, PayloadReasons.BadServerPubkey));
        }
        catch (PayloadFormatException e)
        {
            return e.Failure;
        }
    }

    /// <summary>Parses a JSON string strictly.</summary>
    public static PayloadParseResult<RequestPayload> Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    /// <summary>True when the payload names the same NFT contract as the on-chain request, whatever the case.</summary>
    public bool IsFor(string nftContract) => EthereumAddressText.SameAddress(NftContract, nftContract);

    /// <summary>Compact UTF-8 JSON with the seed's property names and order.</summary>
    public byte[] ToUtf8Json()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, PayloadJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString(PayloadFields.WgPubkey, WgPubkey.ToBase64());
            writer.WriteString(PayloadFields.NftContract, NftContract);
            writer.WriteString(PayloadFields.ServerPubkey, ServerPubkey.ToHex());
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The JSON text.</summary>
    public string ToJson() => Encoding.UTF8.GetString(ToUtf8Json());
}

using System.Text;
using BlockhostBroker.Grains.Requests;
using BlockhostBroker.Protocol.Crypto;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Payloads;
using Fields = BlockhostBroker.Protocol.Payloads.PayloadFields;

namespace BlockhostBroker.EndToEnd.Tests.Fuzz;

/// <summary>A request payload: its category, the bytes put on-chain, and the reason the broker must reject it with (null: it must be approved).</summary>
public sealed record FuzzedPayload(string Category, byte[] Envelope, string? Reason);

/// <summary>
/// Makes bad request payloads for an NFT contract from a seeded <see cref="Random"/>, each with the rejection reason
/// the protocol defines for it (<see cref="PayloadReasons"/>): random bytes, envelopes sealed to another key or
/// tampered with, and valid ECIES envelopes around bytes that are not UTF-8, not JSON, not an object, or an object
/// with duplicate, missing, mistyped or malformed fields, or naming another NFT contract.
/// </summary>
public sealed partial class PayloadFuzzer(Random rng, Secp256k1PublicKey brokerKey)
{
    private static readonly (string Name, Func<PayloadFuzzer, string, (byte[], string)> Make)[] Categories =
    [
        ("random bytes", (f, _) => (f.RandomBytes(), PayloadReasons.NotDecryptable)),
        ("sealed to another key", (f, nft) => (Ecies.Encrypt(Secp256k1KeyPair.Generate().PublicKey, f.Valid(nft).ToUtf8()), PayloadReasons.NotDecryptable)),
        ("tampered envelope", (f, nft) => (f.Tamper(f.Seal(f.Valid(nft).ToUtf8())), PayloadReasons.NotDecryptable)),
        ("not utf-8", (f, nft) => (f.Seal(f.NotUtf8(nft)), PayloadReasons.NotUtf8)),
        ("not json", (f, nft) => (f.Seal(Encoding.UTF8.GetBytes(f.NotJson(nft))), PayloadReasons.NotJson)),
        ("not an object", (f, nft) => (f.Seal(Encoding.UTF8.GetBytes(f.NotObject(nft))), PayloadReasons.NotObject)),
        ("duplicate field", (f, nft) => (f.Seal(f.Duplicated(nft).ToUtf8()), PayloadReasons.DuplicateField)),
        ("missing field", (f, nft) => f.SealWithReason(f.Missing(nft))),
        ("wrong field type", (f, nft) => f.SealWithReason(f.WrongType(nft))),
        ("bad wgPubkey", (f, nft) => (f.Seal(f.Valid(nft).Replace(Fields.WgPubkey, JsonText.Quote(f.BadWgPubkey())).ToUtf8()), PayloadReasons.BadWgPubkey)),
        ("bad nftContract", (f, nft) => f.SealWithReason(f.BadNftContract(nft))),
        ("bad serverPubkey", (f, nft) => (f.Seal(f.Valid(nft).Replace(Fields.ServerPubkey, JsonText.Quote(f.BadServerPubkey())).ToUtf8()), PayloadReasons.BadServerPubkey)),
        ("other nftContract", (f, nft) => (f.Seal(f.Valid(f.OtherAddress(nft)).ToUtf8()), PayloadReasons.NftContractMismatch)),
    ];

    private static readonly string[] FieldOrder = [Fields.WgPubkey, Fields.NftContract, Fields.ServerPubkey];

    /// <summary>A bad payload of a category picked at random.</summary>
    public FuzzedPayload Next(string nft)
    {
        var (name, make) = Categories[rng.Next(Categories.Length)];
        var (envelope, reason) = make(this, nft);
        return new FuzzedPayload(name, envelope, reason);
    }

    /// <summary>A well-formed payload whose plaintext is larger than the protocol's cap.</summary>
    public FuzzedPayload TooLarge(string nft)
    {
        var padding = new string('a', PayloadJson.MaxPayloadLength + rng.Next(1, 200));
        return new FuzzedPayload("too large", Seal(Valid(nft).String("padding", padding).ToUtf8()), PayloadReasons.TooLarge);
    }

    /// <summary>A well-formed payload for the NFT contract with fresh keys, sealed to the broker: it must be approved.</summary>
    public FuzzedPayload Good(string nft) => Good(nft, WireGuardKeyPair.Generate().PublicKey);

    /// <summary>A well-formed payload with the given WireGuard key: it must be approved while no other allocation holds the key.</summary>
    public FuzzedPayload Good(string nft, WireGuardKey wgPubkey) => new("good", Seal(Valid(nft, wgPubkey).ToUtf8()), null);

    /// <summary>A well-formed payload whose WireGuard key another NFT contract's allocation holds already.</summary>
    public FuzzedPayload KeyInUse(string nft, WireGuardKey heldKey) => new("wgPubkey in use", Seal(Valid(nft, heldKey).ToUtf8()), RejectionReasons.PoolKeyInUse);

    /// <summary>A well-formed payload for an NFT contract whose owner changes in the block that includes the request.</summary>
    public FuzzedPayload OwnerChanges(string nft) => new("owner changed", Seal(Valid(nft).ToUtf8()), RejectionReasons.NftOwnerMismatch);

    /// <summary>The fields of a well-formed request, in the seed's order, with a fresh WireGuard key unless given.</summary>
    public JsonText Valid(string nft, WireGuardKey? wgPubkey = null) => new JsonText()
        .String(Fields.WgPubkey, (wgPubkey ?? WireGuardKeyPair.Generate().PublicKey).ToBase64())
        .String(Fields.NftContract, nft)
        .String(Fields.ServerPubkey, Secp256k1KeyPair.Generate().PublicKey.ToHex());

    private byte[] Seal(byte[] plaintext) => Ecies.Encrypt(brokerKey, plaintext);

    private (byte[], string) SealWithReason((JsonText Json, string Reason) made) => (Seal(made.Json.ToUtf8()), made.Reason);

    private byte[] RandomBytes() => Bytes(rng.Next(1, 700));

    private byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        rng.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(params T[] choices) => choices[rng.Next(choices.Length)];

    // A flipped byte, a cut or an extension: the GCM tag (or the ephemeral key) no longer matches.
    private byte[] Tamper(byte[] envelope)
    {
        switch (rng.Next(3))
        {
            case 0:
                envelope[rng.Next(envelope.Length)] ^= (byte)rng.Next(1, 256);
                return envelope;
            case 1:
                return envelope[..rng.Next(1, envelope.Length)];
            default:
                return [.. envelope, .. Bytes(rng.Next(1, 33))];
        }
    }

    private byte[] NotUtf8(string nft)
    {
        byte[][] invalid = [[0xFF], [0xC0, 0x80], [0x80], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82, 0x41]];
        var text = rng.Next(2) == 0 ? Valid(nft).ToUtf8() : Encoding.ASCII.GetBytes(RandomLetters(rng.Next(1, 200)));
        var at = rng.Next(text.Length + 1);
        return [.. text[..at], .. Pick(invalid), .. text[at..]];
    }

    private string NotJson(string nft)
    {
        var valid = Valid(nft).ToString();
        return rng.Next(9) switch
        {
            0 => valid[..rng.Next(valid.Length)], // cut short, down to nothing
            1 => valid + Pick("x", "}", ",{}", "{}", "\"", "]"),
            2 => valid[..^1] + ",}",
            3 => valid.Replace('"', '\''),
            4 => Pick("/*c*/", "//c\n") + valid,
            5 => valid.Replace($"\"{Fields.NftContract}\"", Fields.NftContract),
            6 => Valid(nft).Raw("extra", Pick("NaN", "Infinity", "undefined", "0x10", "01", "+1", ".5", "tru")).ToString(),
            7 => "q" + RandomLetters(rng.Next(0, 100)),
            _ => Valid(nft).Raw("deep", Nested(rng.Next(PayloadJson.MaxDepth + 1, 100))).ToString(),
        };
    }

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    private string NotObject(string nft) => rng.Next(7) switch
    {
        0 => "[]",
        1 => $"[{Valid(nft)}]",
        2 => JsonText.Quote(Valid(nft).ToString()),
        3 => rng.Next(-1_000_000, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        4 => Pick("true", "false", "null"),
        5 => $" {Pick("[1,2]", "\"\"", "0.5e3")} ",
        _ => $"[{string.Join(',', Enumerable.Range(0, rng.Next(1, 5)).Select(_ => JsonText.Quote(RandomLetters(8))))}]",
    };

    private JsonText Duplicated(string nft)
    {
        var json = Valid(nft);
        var name = Pick([.. FieldOrder, "extra"]);
        if (name == "extra")
            json.Raw(name, "1");
        var value = name == "extra" || rng.Next(2) == 0 ? "2" : json.ValueOf(name);
        return json.Insert(rng.Next(json.Count + 1), name, value);
    }

    // Drops or misnames at least one field; the broker names the first missing one in its reading order.
    private (JsonText, string) Missing(string nft)
    {
        var json = Valid(nft);
        var gone = FieldOrder.Where(_ => rng.Next(2) == 0).ToList();
        if (gone.Count == 0)
            gone.Add(Pick(FieldOrder));
        foreach (var name in gone)
        {
            if (rng.Next(2) == 0) json.Remove(name);
            else json.Rename(name, Pick(name.ToUpperInvariant(), name.ToLowerInvariant(), char.ToUpperInvariant(name[0]) + name[1..], name + " ", "_" + name));
        }
        return (json, MissingReason(FieldOrder.First(gone.Contains)));
    }

    private (JsonText, string) WrongType(string nft)
    {
        var json = Valid(nft);
        var name = Pick(FieldOrder);
        var value = Pick("123", "-1.5e3", "0", "true", "false", "null", "[]", $"[{json.ValueOf(name)}]", "{}", $"{{\"v\":{json.ValueOf(name)}}}");
        return (json.Replace(name, value), BadReason(name));
    }

    private string BadWgPubkey()
    {
        var key = WireGuardKeyPair.Generate().PublicKey.ToBase64();
        return rng.Next(8) switch
        {
            0 => Convert.ToBase64String(Bytes(Pick(0, 1, 16, 31, 33, 48, 64))),
            1 => key.TrimEnd('='),
            2 => key[..42] + NonCanonicalLast(key[42]) + "=",
            3 => Convert.ToHexStringLower(Bytes(WireGuardKey.Length)),
            4 => " " + key,
            5 => key[..20] + "\n" + key[20..43],
            6 => ReplaceAt(key, rng.Next(43), Pick('-', '_', '*', '.')),
            _ => key[..43] + "==",
        };
    }

    // The 43rd character of a 32-byte key carries 4 data bits and 2 padding bits that must be zero.
    private static char NonCanonicalLast(char last)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        return alphabet[alphabet.IndexOf(last, StringComparison.Ordinal) | 1];
    }

    private (JsonText, string) BadNftContract(string nft)
    {
        var json = Valid(nft);
        if (rng.Next(6) == 0 && WrongChecksum(nft) is { } mixed)
            return (json.Replace(Fields.NftContract, JsonText.Quote(mixed)), PayloadReasons.BadNftContractChecksum);
        var lower = nft.ToLowerInvariant();
        var bad = rng.Next(8) switch
        {
            0 => lower[2..],
            1 => "0x" + Convert.ToHexStringLower(Bytes(Pick(0, 1, 19, 21, 32))),
            2 => lower[..^1] + Pick('g', 'x', 'z', ' ', '-'),
            3 => "0x" + new string('0', 40),
            4 => "0X" + lower[2..],
            5 => " " + lower,
            6 => lower + Pick(" ", "\n", "0"),
            _ => "",
        };
        return (json.Replace(Fields.NftContract, JsonText.Quote(bad)), PayloadReasons.BadNftContract);
    }

    // The EIP-55 form with the case of one letter flipped, keeping it mixed case so the checksum applies (and fails).
    private static string? WrongChecksum(string checksummed)
    {
        foreach (var i in Enumerable.Range(2, 40).Where(i => char.IsAsciiLetter(checksummed[i])))
        {
            var flipped = ReplaceAt(checksummed, i, char.IsUpper(checksummed[i]) ? char.ToLowerInvariant(checksummed[i]) : char.ToUpperInvariant(checksummed[i]));
            if (flipped.AsSpan(2).IndexOfAnyInRange('a', 'f') >= 0 && flipped.AsSpan(2).IndexOfAnyInRange('A', 'F') >= 0)
                return flipped;
        }
        return null;
    }

    private static string ReplaceAt(string text, int index, char c) => string.Concat(text.AsSpan(0, index), c.ToString(), text.AsSpan(index + 1));

    private string BadServerPubkey()
    {
        var key = Secp256k1KeyPair.Generate().PublicKey.ToBytes();
        return rng.Next(7) switch
        {
            0 => Convert.ToHexStringLower(Bytes(Pick(0, 1, 32, 33, 64, 66, 100))),
            1 => Convert.ToHexStringLower([0x04, .. Bytes(64)]), // off the curve (a random point is on it with odds ~2^-128)
            2 => Convert.ToHexStringLower([Pick<byte>(0x00, 0x02, 0x03, 0x05, 0x06), .. key[1..]]),
            3 => Convert.ToHexStringLower([(byte)(0x02 | (key[64] & 1)), .. key[1..33]]), // the compressed form
            4 => Convert.ToHexStringLower(key)[..^1] + Pick('g', 'x', ' '),
            5 => Convert.ToHexStringLower(key) + "0",
            _ => "0X" + Convert.ToHexStringLower(key),
        };
    }

    private string OtherAddress(string nft)
    {
        while (true)
        {
            var address = Nethereum.Util.AddressUtil.Current.ConvertToChecksumAddress("0x" + Convert.ToHexStringLower(Bytes(20)));
            if (!EthereumAddressText.SameAddress(address, nft))
                return address;
        }
    }

    private string RandomLetters(int length) => new([.. Enumerable.Range(0, length).Select(_ => (char)('a' + rng.Next(26)))]);

    private static string MissingReason(string field) => field switch
    {
        Fields.WgPubkey => PayloadReasons.MissingWgPubkey,
        Fields.NftContract => PayloadReasons.MissingNftContract,
        _ => PayloadReasons.MissingServerPubkey,
    };

    private static string BadReason(string field) => field switch
    {
        Fields.WgPubkey => PayloadReasons.BadWgPubkey,
        Fields.NftContract => PayloadReasons.BadNftContract,
        _ => PayloadReasons.BadServerPubkey,
    };
}

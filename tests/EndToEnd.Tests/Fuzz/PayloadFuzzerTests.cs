using BlockhostBroker.Grains.Requests;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Payloads;

namespace BlockhostBroker.EndToEnd.Tests.Fuzz;

/// <summary>
/// The fuzzer's own check, in-process and fast: every payload it makes opens (with the broker's key) to the reason it
/// claims, by the same steps the request grain takes before any chain read. The end-to-end run then proves the
/// daemon writes that reason on-chain.
/// </summary>
public sealed class PayloadFuzzerTests
{
    private const int Cases = 2000;

    [Fact]
    public void Next_ManyCases_EachOpensToTheReasonItClaims()
    {
        var seed = Random.Shared.Next();
        var broker = Secp256k1KeyPair.Generate();
        var fuzzer = new PayloadFuzzer(new Random(seed), broker.PublicKey);
        var nft = Nethereum.Util.AddressUtil.Current.ConvertToChecksumAddress("0x" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)));

        var cases = Enumerable.Range(0, Cases).Select(_ => fuzzer.Next(nft)).Append(fuzzer.TooLarge(nft)).ToList();

        var wrong = cases.Where(c => Open(broker, c.Envelope, nft) != c.Reason).Select(c => $"{c.Category}: expected {c.Reason}, got {Open(broker, c.Envelope, nft)}").ToList();
        Assert.True(wrong.Count == 0, $"seed {seed}:\n{string.Join('\n', wrong.Take(20))}");
        Assert.Equal(13 + 1, cases.Select(c => c.Category).Distinct().Count());
    }

    [Fact]
    public void Good_AndTheGrainLevelCategories_OpenToAValidPayloadForTheContract()
    {
        var broker = Secp256k1KeyPair.Generate();
        var fuzzer = new PayloadFuzzer(new Random(1), broker.PublicKey);
        var nft = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
        var key = WireGuardKeyPair.Generate().PublicKey;

        Assert.Null(Open(broker, fuzzer.Good(nft).Envelope, nft));
        Assert.Null(Open(broker, fuzzer.OwnerChanges(nft).Envelope, nft));
        var reused = PayloadOpener.OpenRequest(broker, fuzzer.KeyInUse(nft, key).Envelope);
        Assert.Equal(key, reused.Value!.WgPubkey);
    }

    // The reason the broker gives before its chain checks, or null when the payload passes them.
    private static string? Open(Secp256k1KeyPair broker, byte[] envelope, string nft)
    {
        var opened = PayloadOpener.OpenRequest(broker, envelope);
        if (!opened.IsSuccess)
            return opened.Reason;
        return opened.Value!.IsFor(nft) ? null : RejectionReasons.NftContractMismatch;
    }
}

using System.Globalization;
using System.Numerics;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Tests.Contracts;
using BlockhostBroker.Protocol.Transactions;
using BlockhostBroker.TestSupport.Chain;
using Nethereum.Util;

namespace BlockhostBroker.Protocol.Tests.Transactions;

/// <summary>Offline signing produces exactly the bytes Foundry's <c>cast mktx</c> produces (RFC 6979 signatures are deterministic).</summary>
public sealed class OfflineSignerTests
{
    private const int Cases = 40;
    private const string Offline = "http://127.0.0.1:1"; // cast must not need a node: every field is given

    // cast mktx silently makes a legacy transaction for chains it knows lack EIP-1559 (e.g. 20, 250), so type-2 cases use these.
    private static readonly long[] Eip1559Chains = [1, 10, 8453, 17000, 31337, 11155111];

    [Fact]
    public async Task Sign_Eip1559RandomFields_EqualsCastMktx()
    {
        var random = new AbiRandom(Environment.TickCount);
        var cases = Enumerable.Range(0, Cases).Select(_ => RandomEip1559(random)).ToList();

        var ours = cases.Select(c => c.Signer.Sign(c.Request)).ToList();
        var cast = await Cast.RunBatchAsync(cases.Select(c => Eip1559Args(c.Key, c.Request)).ToList());

        for (var i = 0; i < Cases; i++)
        {
            Assert.True(ours[i].RawHex == cast[i].Trim(), $"seed {random.Seed} case {i}: {cases[i].Request}\nours {ours[i].RawHex}\ncast {cast[i]}");
            Assert.Equal(TransactionEnvelope.Eip1559, ours[i].Type);
            Assert.Equal(0x02, ours[i].Raw[0]);
            Assert.Equal("0x" + Convert.ToHexStringLower(Sha3Keccack.Current.CalculateHash(Convert.FromHexString(cast[i].Trim()[2..]))), ours[i].Hash);
        }
    }

    [Fact]
    public async Task Sign_LegacyRandomFields_EqualsCastMktx()
    {
        var random = new AbiRandom(Environment.TickCount);
        var cases = Enumerable.Range(0, Cases / 2).Select(_ =>
        {
            var (key, signer) = RandomKey(random);
            var request = new LegacyTransactionRequest(random.Bytes(1)[0] + 1, Small(random), random.Address(), random.Payload(),
                21_000 + Small(random), Wei(random), Wei(random));
            return (Key: key, Signer: signer, Request: request);
        }).ToList();

        var ours = cases.Select(c => c.Signer.Sign(c.Request)).ToList();
        var cast = await Cast.RunBatchAsync(cases.Select(c => (IReadOnlyList<string>)
        [
            "mktx", "--rpc-url", Offline, "--private-key", c.Key, "--legacy", "--chain", Dec(c.Request.ChainId), "--nonce", Dec(c.Request.Nonce),
            "--gas-limit", Dec(c.Request.GasLimit), "--gas-price", Dec(c.Request.GasPrice), "--value", Dec(c.Request.Value),
            c.Request.To!, Hex(c.Request.Data),
        ]).ToList());

        for (var i = 0; i < cases.Count; i++)
            Assert.True(ours[i].RawHex == cast[i].Trim(), $"seed {random.Seed} case {i}: {cases[i].Request}\nours {ours[i].RawHex}\ncast {cast[i]}");
    }

    [Fact]
    public async Task Sign_ContractCreation_EqualsCastMktxCreate()
    {
        var random = new AbiRandom(Environment.TickCount);
        var (key, signer) = RandomKey(random);
        var request = new Eip1559TransactionRequest(31337, 3, null, random.Bytes(300), 500_000, new Eip1559Fees(30_000_000_000, 1_000_000_000));

        var ours = signer.Sign(request);
        var cast = await Cast.RunAsync("mktx", "--rpc-url", Offline, "--private-key", key, "--chain", "31337", "--nonce", "3", "--gas-limit", "500000",
            "--gas-price", "30000000000", "--priority-gas-price", "1000000000", "--create", Hex(request.Data));

        Assert.Equal(cast, ours.RawHex);
    }

    [Fact]
    public void Sign_BadFields_ThrowArgumentErrorsBeforeSigning()
    {
        var signer = OfflineTransactionSigner.FromSecret(Secp256k1KeyPair.Generate().ExportSecret());
        var good = new Eip1559TransactionRequest(1, 0, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", [], 21_000, new Eip1559Fees(10, 1));

        Assert.Throws<ArgumentOutOfRangeException>(() => signer.Sign(good with { Fees = new Eip1559Fees(1, 2) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => signer.Sign(good with { Nonce = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => signer.Sign(good with { GasLimit = 20_999 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => signer.Sign(good with { ChainId = 0 }));
        Assert.Throws<ArgumentException>(() => signer.Sign(good with { To = "0x1234" }));
        Assert.NotNull(signer.Sign(good));
    }

    [Fact]
    public void FromSecret_InvalidOrZeroKey_ThrowsKeyFormatException_AndToStringHidesTheKey()
    {
        var pair = Secp256k1KeyPair.Generate();
        var signer = OfflineTransactionSigner.FromSecretHex(pair.ExportSecretHex());

        Assert.Throws<KeyFormatException>(() => OfflineTransactionSigner.FromSecret(new byte[32]));
        Assert.Throws<KeyFormatException>(() => OfflineTransactionSigner.FromSecretHex("0x1234"));
        Assert.DoesNotContain(pair.ExportSecretHex(), signer.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(signer.Address, signer.ToString());
    }

    private static (string Key, OfflineTransactionSigner Signer, Eip1559TransactionRequest Request) RandomEip1559(AbiRandom random)
    {
        var (key, signer) = RandomKey(random);
        var tip = Wei(random);
        var fees = new Eip1559Fees(tip + Wei(random), tip);
        var request = new Eip1559TransactionRequest(Eip1559Chains[random.Bytes(1)[0] % Eip1559Chains.Length], Small(random), random.Address(), random.Payload(),
            21_000 + Small(random), fees, random.Bool() ? Wei(random) : 0);
        return (key, signer, request);
    }

    private static IReadOnlyList<string> Eip1559Args(string key, Eip1559TransactionRequest r) =>
    [
        "mktx", "--rpc-url", Offline, "--private-key", key, "--chain", Dec(r.ChainId), "--nonce", Dec(r.Nonce), "--gas-limit", Dec(r.GasLimit),
        "--gas-price", Dec(r.Fees.MaxFeePerGas), "--priority-gas-price", Dec(r.Fees.MaxPriorityFeePerGas), "--value", Dec(r.Value),
        r.To!, Hex(r.Data),
    ];

    private static (string Key, OfflineTransactionSigner Signer) RandomKey(AbiRandom random)
    {
        var pair = Secp256k1KeyPair.Generate();
        return ("0x" + pair.ExportSecretHex(), OfflineTransactionSigner.FromSecret(pair.ExportSecret()));
    }

    private static long Small(AbiRandom random) => (long)(random.Uint256() % 1_000_000);

    private static BigInteger Wei(AbiRandom random) => random.Uint256() % BigInteger.Pow(10, 24);

    private static string Dec(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Hex(byte[] bytes) => "0x" + Convert.ToHexStringLower(bytes);
}

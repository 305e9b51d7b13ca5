using System.Numerics;
using System.Security.Cryptography;
using BlockhostBroker.Grains.Chain;
using BlockhostBroker.Protocol.Contracts;
using Nethereum.Contracts;

namespace BlockhostBroker.Grains.Tests.Chain;

/// <summary>Builders of real registry calls as intents, and waiting for a wallet's outcome.</summary>
internal static class WalletTestKit
{
    private const int PubkeyLength = 65;
    private const byte UncompressedPrefix = 0x04;
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A fresh intent key.</summary>
    public static string NewKey(string what) => $"{what}-{Guid.NewGuid():N}";

    /// <summary>A random address.</summary>
    public static string RandomAddress() => "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    /// <summary>BrokerRegistry.registerBroker for a random requests contract: succeeds once per operator.</summary>
    public static TxIntent Register(string registry, string? key = null)
    {
        var pubkey = RandomNumberGenerator.GetBytes(PubkeyLength);
        pubkey[0] = UncompressedPrefix;
        var call = new BrokerRegistry.RegisterBrokerFunction
        {
            RequestsContract = RandomAddress(), EncryptionPubkey = pubkey, Region = "test-region", Capacity = 0,
        };
        return new TxIntent(key ?? NewKey("register"), registry, call.GetCallData(), TxPurpose.Admin, null);
    }

    /// <summary>BrokerRegistry.updateLoad: succeeds for a registered operator, reverts "Not a registered operator" otherwise.</summary>
    public static TxIntent UpdateLoad(string registry, long load, TxPurpose purpose = TxPurpose.Admin, string? requester = null, string? key = null) =>
        new(key ?? NewKey("load"), registry, new BrokerRegistry.UpdateLoadFunction { CurrentLoad = new BigInteger(load) }.GetCallData(), purpose, requester);

    /// <summary>Polls the wallet until the intent is mined or reverted; <paramref name="eachPoll"/> runs between polls (e.g. to mine a block).</summary>
    public static async Task<TxStatus> UntilFinal(IOperatorWalletGrain wallet, string key, Func<Task>? eachPoll = null, TimeSpan? timeout = null) =>
        await Until(wallet, key, s => s is TxStatus.Mined or TxStatus.Reverted, eachPoll, timeout);

    /// <summary>Polls the wallet until the intent's status satisfies <paramref name="done"/>; fails the test at the deadline.</summary>
    public static async Task<TxStatus> Until(
        IOperatorWalletGrain wallet, string key, Func<TxStatus, bool> done, Func<Task>? eachPoll = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var status = await wallet.GetStatus(key);
            if (done(status)) return status;
            Assert.True(DateTime.UtcNow < deadline, $"intent {key} still {status} at the deadline");
            if (eachPoll is not null) await eachPoll();
            await Task.Delay(PollEvery, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Submits an intent and waits until it is mined; returns the receipt status.</summary>
    public static async Task<TxStatus.Mined> SubmitMined(IOperatorWalletGrain wallet, TxIntent intent, Func<Task>? eachPoll = null)
    {
        var submitted = await wallet.Submit(intent);
        Assert.IsType<TxStatus.Pending>(submitted);
        var final = await UntilFinal(wallet, intent.Key, eachPoll);
        return Assert.IsType<TxStatus.Mined>(final);
    }
}

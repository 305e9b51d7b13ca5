using System.Numerics;
using BlockhostBroker.Grains.Chain;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Protocol.Transactions;
using BlockhostBroker.TestSupport.Chain;
using Newtonsoft.Json.Linq;
using static BlockhostBroker.Grains.Tests.Chain.WalletTestKit;

namespace BlockhostBroker.Grains.Tests.Chain;

/// <summary>An anvil that mines only when a test says so (automine off), so transactions can sit in the mempool.</summary>
public sealed class ManualMiningWalletFixture() : WalletChainFixture(new AnvilOptions(), wallets: 5)
{
    /// <summary>In-flight limit of wallet 5.</summary>
    public const int InFlightLimit = 2;

    /// <summary>Mines one block.</summary>
    public Task Mine() => Chain.MineAsync();

    /// <inheritdoc />
    protected override void Configure(DevAccount account, WalletOptions options)
    {
        if (account == Operator(5)) options.MaxInFlight = InFlightLimit;
    }

    /// <inheritdoc />
    protected override async Task Prepare() => await Chain.Rpc.RequestAsync("evm_setAutomine", [false]);
}

public sealed class OperatorWalletRecoveryTests(ManualMiningWalletFixture fixture) : IClassFixture<ManualMiningWalletFixture>
{
    private static readonly BigInteger Gwei = 1_000_000_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IEthereumRpc Rpc => fixture.Chain.Rpc;

    [Fact]
    public async Task Timer_TransactionDroppedFromMempool_IsBroadcastAgainAndMined()
    {
        var wallet = fixture.Wallet(1);
        var intent = Register(fixture.Registry);
        var pending = Assert.IsType<TxStatus.Pending>(await wallet.Submit(intent));

        var dropped = await Rpc.RequestAsync("anvil_dropTransaction", [pending.Hash], Ct);
        await UntilNodeKnows(pending.Hash);
        var mined = Assert.IsType<TxStatus.Mined>(await UntilFinal(wallet, intent.Key, fixture.Mine));

        Assert.Equal(pending.Hash, (string?)dropped, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(pending.Hash, mined.Hash);
        Assert.True(mined.Succeeded);
    }

    [Fact]
    public async Task Timer_TransactionStuckBelowBaseFee_IsReplacedWithBumpedFeesAndTheReplacementIsMined()
    {
        var wallet = fixture.Wallet(2);
        var intent = Register(fixture.Registry);
        var original = Assert.IsType<TxStatus.Pending>(await wallet.Submit(intent));

        // One block far above the signed fee cap; the base fee then falls 12.5% per empty block, far slower
        // than the wallet's 3-block replacement rule.
        await Rpc.RequestAsync("anvil_setNextBlockBaseFeePerGas", [RpcValues.Quantity(100 * Gwei)], Ct);
        var mined = Assert.IsType<TxStatus.Mined>(await UntilFinal(wallet, intent.Key, MineSlowly));

        Assert.Equal(original.Nonce, mined.Nonce);
        Assert.NotEqual(original.Hash, mined.Hash);
        Assert.True(mined.Succeeded);
        Assert.Null(await Rpc.GetTransactionReceiptAsync(original.Hash, Ct));
        var replacement = await Rpc.GetTransactionAsync(mined.Hash, Ct);
        Assert.Equal(original.Nonce, replacement!.Nonce);
    }

    [Fact]
    public async Task Timer_NonceTakenByAnotherTransactionWhilePending_ResignsWithFreshNonceAndIsMined()
    {
        var wallet = fixture.Wallet(3);
        var account = fixture.Operator(3);
        var intent = Register(fixture.Registry);
        var original = Assert.IsType<TxStatus.Pending>(await wallet.Submit(intent));

        var foreign = await SendOutsideTheWallet(account, original.Nonce);
        await fixture.Mine();
        var requeued = await Until(wallet, intent.Key, s => s is TxStatus.Pending p && p.Nonce != original.Nonce);
        var mined = Assert.IsType<TxStatus.Mined>(await UntilFinal(wallet, intent.Key, fixture.Mine));

        Assert.True((await Rpc.GetTransactionReceiptAsync(foreign, Ct))!.Succeeded);
        Assert.Equal(original.Nonce + 1, Assert.IsType<TxStatus.Pending>(requeued).Nonce);
        Assert.Equal(original.Nonce + 1, mined.Nonce);
        Assert.True(mined.Succeeded);
        Assert.Null(await Rpc.GetTransactionReceiptAsync(original.Hash, Ct));
    }

    [Fact]
    public async Task Activation_AfterDeactivationWithMempoolLost_RecoversInFlightTransactionsFromStateAndMinesThem()
    {
        var wallet = fixture.Wallet(4);
        await SubmitMined(wallet, Register(fixture.Registry), fixture.Mine);
        var intents = Enumerable.Range(1, 3).Select(i => UpdateLoad(fixture.Registry, i)).ToList();
        var pending = new List<TxStatus.Pending>();
        foreach (var intent in intents) pending.Add(Assert.IsType<TxStatus.Pending>(await wallet.Submit(intent)));
        var before = await wallet.GetSnapshot();

        await WalletActivations.DeactivateAsync(fixture.Cluster.Cluster, wallet);
        await Rpc.RequestAsync("anvil_dropAllTransactions", [], Ct);
        var knownWhileInactive = await Task.WhenAll(pending.Select(p => Rpc.GetTransactionAsync(p.Hash, Ct)));
        var after = await wallet.GetSnapshot();
        foreach (var p in pending) await UntilNodeKnows(p.Hash);
        var mined = new List<TxStatus>();
        foreach (var intent in intents) mined.Add(await UntilFinal(wallet, intent.Key, fixture.Mine));

        Assert.All(knownWhileInactive, Assert.Null);
        Assert.Equal(before.NextNonce, after.NextNonce);
        Assert.Equal(3, after.InFlight);
        Assert.Equal(pending.Select(p => p.Hash), mined.Select(m => Assert.IsType<TxStatus.Mined>(m).Hash));
        Assert.All(mined, m => Assert.True(((TxStatus.Mined)m).Succeeded));
    }

    [Fact]
    public async Task Submit_AtInFlightLimit_IsDeferredWithoutSpendingANonce()
    {
        var wallet = fixture.Wallet(5);
        await SubmitMined(wallet, Register(fixture.Registry), fixture.Mine);
        var flying = Enumerable.Range(1, ManualMiningWalletFixture.InFlightLimit).Select(i => UpdateLoad(fixture.Registry, i)).ToList();
        foreach (var intent in flying) Assert.IsType<TxStatus.Pending>(await wallet.Submit(intent));
        var before = await wallet.GetSnapshot();

        var over = await wallet.Submit(UpdateLoad(fixture.Registry, 99));
        var after = await wallet.GetSnapshot();
        foreach (var intent in flying) await UntilFinal(wallet, intent.Key, fixture.Mine);

        var deferred = Assert.IsType<TxStatus.Deferred>(over);
        Assert.Contains("onchain.max_in_flight", deferred.Reason, StringComparison.Ordinal);
        Assert.True(deferred.RetryAfter > DateTimeOffset.UtcNow - TimeSpan.FromSeconds(5));
        Assert.Equal(before.NextNonce, after.NextNonce);
        Assert.Equal(ManualMiningWalletFixture.InFlightLimit, after.InFlight);
    }

    private async Task MineSlowly()
    {
        await fixture.Mine();
        await Task.Delay(WalletCluster.PollInterval * 2, Ct);
    }

    private async Task UntilNodeKnows(string hash)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await Rpc.GetTransactionAsync(hash, Ct) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the node never got {hash} back");
            await Task.Delay(50, Ct);
        }
    }

    /// <summary>Sends a self-transfer with the operator's key at <paramref name="nonce"/>, paying far more so it replaces the wallet's transaction.</summary>
    private async Task<string> SendOutsideTheWallet(DevAccount account, long nonce)
    {
        var fees = new Eip1559Fees(500 * Gwei, 50 * Gwei);
        var signed = account.Signer.Sign(new Eip1559TransactionRequest(fixture.Chain.ChainId, nonce, account.Address, [], 21_000, fees));
        var result = await TransactionBroadcaster.BroadcastAsync(Rpc, signed, Ct);
        Assert.True(result.IsSent, $"anvil refused the foreign transaction: {result.Outcome} {result.NodeMessage}");
        return signed.Hash;
    }
}

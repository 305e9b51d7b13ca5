using BlockhostBroker.Grains.Chain;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.TestSupport.Chain;
using Nethereum.Contracts;
using Orleans.Storage;
using static BlockhostBroker.Grains.Tests.Chain.WalletTestKit;

namespace BlockhostBroker.Grains.Tests.Chain;

/// <summary>An automining anvil: every accepted transaction is mined at once.</summary>
public sealed class AutomineWalletFixture() : WalletChainFixture(new AnvilOptions { Accounts = Wallets + 1 + Requesters }, Wallets)
{
    /// <summary>
    /// Wallets: 1 (owner of BrokerRequests) mined and responses, 2 same key, 3 revert, 4 per-requester limit,
    /// 5 gas budget, 6 nonce used elsewhere, 7 store-before-broadcast, 8 legacy transactions.
    /// </summary>
    public const int Wallets = 8;

    /// <summary>Accounts after the wallets' that act as requesters.</summary>
    public const int Requesters = 3;

    /// <summary>Rejections per requester per hour of wallet 4.</summary>
    public const int RequesterLimit = 2;

    /// <summary>Hourly rejection gas of wallet 5: more than one updateLoad's limit, less than two.</summary>
    public const long GasBudget = 50_000;

    /// <summary>Requester <paramref name="index"/> (1-based), an account no wallet uses.</summary>
    public DevAccount Requester(int index) => Chain.Accounts[Wallets + index];

    /// <summary>Checks, on every write of a wallet's state, that the node has not seen the newly stored transactions.</summary>
    internal PersistBeforeBroadcastProbe? Probe { get; private set; }

    /// <inheritdoc />
    protected override Func<IGrainStorage, IGrainStorage> WrapStorage => inner => Probe = new PersistBeforeBroadcastProbe(inner, Chain.Rpc);

    /// <inheritdoc />
    protected override void Configure(DevAccount account, WalletOptions options)
    {
        if (account == Operator(4)) options.RejectionsPerRequesterPerHour = RequesterLimit;
        if (account == Operator(5)) options.RejectionGasBudgetPerHour = GasBudget;
        if (account == Operator(8)) options.LegacyTransactions = true;
    }
}

/// <summary>The automining chain and its wallets, shared by the classes that use them (one anvil, one cluster).</summary>
[CollectionDefinition(Name)]
public sealed class AutomineWalletCollection : ICollectionFixture<AutomineWalletFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "automine wallet";
}

[Collection(AutomineWalletCollection.Name)]
public sealed class OperatorWalletGrainTests(AutomineWalletFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IEthereumRpc Rpc => fixture.Chain.Rpc;

    [Fact]
    public async Task Submit_RegisterBroker_IsMinedWithSuccessfulReceiptAndTheBrokerExists()
    {
        var wallet = fixture.Wallet(1);
        var intent = Register(fixture.Registry);

        var mined = await SubmitMined(wallet, intent);

        var receipt = await Rpc.GetTransactionReceiptAsync(mined.Hash, Ct);
        Assert.True(receipt is { Succeeded: true });
        Assert.Equal(receipt.BlockNumber, mined.BlockNumber);
        Assert.Equal(receipt.GasUsed, mined.GasUsed);
        var isOperator = new BrokerRegistry.IsOperatorFunction { Account = fixture.Operator(1).Address };
        var answer = await Rpc.CallAsync(new CallRequest(fixture.Registry, isOperator.GetCallData()), BlockTag.Latest, Ct);
        Assert.Equal(1, answer[^1]);
        var snapshot = await wallet.GetSnapshot();
        Assert.Equal(fixture.Operator(1).Address.ToLowerInvariant(), snapshot.Address);
        Assert.Equal(0, snapshot.InFlight);
        Assert.True(snapshot.TransactionsMined >= 1);
        Assert.True(snapshot.GasSpentLastHour >= mined.GasUsed);
    }

    [Fact]
    public async Task Submit_Burst_StoresEverySignedTransactionBeforeTheNodeSeesIt()
    {
        var wallet = fixture.Wallet(7);
        // The probe wraps the storage when the first grain with state activates; when this test runs
        // first in its class, nothing has activated yet.
        await wallet.GetSnapshot();
        var before = fixture.Probe!.Checked;

        await SubmitMined(wallet, Register(fixture.Registry));
        var intents = Enumerable.Range(1, 5).Select(i => UpdateLoad(fixture.Registry, i)).ToList();
        foreach (var intent in intents) Assert.IsType<TxStatus.Pending>(await wallet.Submit(intent));
        foreach (var intent in intents) Assert.IsType<TxStatus.Mined>(await UntilFinal(wallet, intent.Key));

        Assert.True(fixture.Probe.Checked >= before + 6, $"only {fixture.Probe.Checked - before} new hashes were checked");
        Assert.Empty(fixture.Probe.Violations);
    }

    [Fact]
    public async Task Submit_LegacyWallet_SendsTypeZeroTransactionThatIsMined()
    {
        var wallet = fixture.Wallet(8);

        var mined = await SubmitMined(wallet, Register(fixture.Registry));

        var sent = await Rpc.RequestAsync("eth_getTransactionByHash", [mined.Hash], Ct);
        Assert.Equal("0x0", (string?)sent["type"]);
        Assert.True(mined.Succeeded);
    }

    [Fact]
    public async Task Submit_SameKeyTwice_SendsOneTransaction()
    {
        var wallet = fixture.Wallet(2);
        var address = fixture.Operator(2).Address;
        var before = await Rpc.GetTransactionCountAsync(address, BlockTag.Latest, Ct);
        var intent = Register(fixture.Registry);

        var first = await wallet.Submit(intent);
        var second = await wallet.Submit(intent with { Data = [0xde, 0xad] });
        var mined = Assert.IsType<TxStatus.Mined>(await UntilFinal(wallet, intent.Key));
        var afterMined = await wallet.Submit(intent);

        var pending = Assert.IsType<TxStatus.Pending>(first);
        Assert.True(second is TxStatus.Pending p && p == pending || second is TxStatus.Mined m && m.Hash == pending.Hash);
        Assert.Equal(mined, afterMined);
        Assert.Equal(before + 1, await Rpc.GetTransactionCountAsync(address, BlockTag.Latest, Ct));
        Assert.Equal(before + 1, (await wallet.GetSnapshot()).NextNonce);
    }

    [Fact]
    public async Task Submit_CallThatReverts_ReturnsRevertedWithExactReasonAndSpendsNoNonce()
    {
        var wallet = fixture.Wallet(3);
        var before = await wallet.GetSnapshot();
        var intent = UpdateLoad(fixture.Registry, 7); // wallet 3 never registers

        var status = await wallet.Submit(intent);

        Assert.Equal(new TxStatus.Reverted("Not a registered operator"), status);
        Assert.IsType<TxStatus.Unknown>(await wallet.GetStatus(intent.Key));
        Assert.Equal(before.NextNonce, (await wallet.GetSnapshot()).NextNonce);
        Assert.Equal(before.NextNonce, await Rpc.GetTransactionCountAsync(fixture.Operator(3).Address, BlockTag.Pending, Ct));
    }

    [Fact]
    public async Task Submit_RejectionOverPerRequesterLimit_IsDeferredUntilTheOldestLeavesTheHour()
    {
        var wallet = fixture.Wallet(4);
        await SubmitMined(wallet, Register(fixture.Registry));
        var requester = RandomAddress();
        var started = DateTimeOffset.UtcNow;
        for (var i = 0; i < AutomineWalletFixture.RequesterLimit; i++)
            Assert.IsType<TxStatus.Pending>(await wallet.Submit(UpdateLoad(fixture.Registry, i, TxPurpose.Rejection, requester)));

        var over = await wallet.Submit(UpdateLoad(fixture.Registry, 99, TxPurpose.Rejection, requester));
        var otherRequester = await wallet.Submit(UpdateLoad(fixture.Registry, 100, TxPurpose.Rejection, RandomAddress()));

        var deferred = Assert.IsType<TxStatus.Deferred>(over);
        Assert.InRange(deferred.RetryAfter, started + RejectionBudget.Window, DateTimeOffset.UtcNow + RejectionBudget.Window);
        Assert.Contains(requester, deferred.Reason, StringComparison.Ordinal);
        Assert.IsType<TxStatus.Pending>(otherRequester);
    }

    [Fact]
    public async Task Submit_RejectionOverGasBudget_IsDeferredAndApprovalsStillGo()
    {
        var wallet = fixture.Wallet(5);
        await SubmitMined(wallet, Register(fixture.Registry));
        var first = await SubmitMined(wallet, UpdateLoad(fixture.Registry, 1, TxPurpose.Rejection, RandomAddress()));

        var second = await wallet.Submit(UpdateLoad(fixture.Registry, 2, TxPurpose.Rejection, RandomAddress()));
        var approval = await wallet.Submit(UpdateLoad(fixture.Registry, 3, TxPurpose.Approval));

        Assert.True(first.GasUsed * 2 > AutomineWalletFixture.GasBudget, $"updateLoad used {first.GasUsed} gas; the budget must not fit two");
        var deferred = Assert.IsType<TxStatus.Deferred>(second);
        Assert.Contains("gas budget", deferred.Reason, StringComparison.Ordinal);
        Assert.True(deferred.RetryAfter > DateTimeOffset.UtcNow + TimeSpan.FromMinutes(55));
        Assert.IsType<TxStatus.Pending>(approval);
    }

    [Fact]
    public async Task Submit_AfterNonceUsedOutsideTheWallet_SignsAgainWithTheNextNonceAndIsMined()
    {
        var wallet = fixture.Wallet(6);
        var account = fixture.Operator(6);
        await SubmitMined(wallet, Register(fixture.Registry));
        var outside = await fixture.Chain.SendAsync(account, RandomAddress(), []);
        var usedOutside = (await Rpc.GetTransactionAsync(outside.TransactionHash, Ct))!.Nonce;

        var mined = await SubmitMined(wallet, UpdateLoad(fixture.Registry, 5));

        Assert.Equal(usedOutside + 1, mined.Nonce);
        Assert.True(mined.Succeeded);
        Assert.Equal(usedOutside + 2, (await wallet.GetSnapshot()).NextNonce);
    }
}

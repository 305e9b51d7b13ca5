using System.Numerics;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Protocol.Transactions;
using BlockhostBroker.TestSupport.Chain;

namespace BlockhostBroker.Protocol.Tests.Transactions;

/// <summary>Offline-signed transactions with explicit nonces and fees, broadcast to a real automining anvil.</summary>
public sealed class TransactionChainTests(AnvilChain chain) : IClassFixture<AnvilChain>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly TimeSpan ReceiptWait = TimeSpan.FromSeconds(30);
    private static readonly BigInteger OneGwei = 1_000_000_000;
    private DevAccount Sender => chain.Accounts[1];
    private string Recipient => chain.Accounts[2].Address;

    [Fact]
    public async Task Eip1559_ExplicitNonceSignedOffline_IsMinedWithStatusOne()
    {
        var nonce = await chain.Rpc.GetTransactionCountAsync(Sender.Address, BlockTag.Latest, cancellationToken: Ct);
        var fees = await FeeSuggester.SuggestAsync(chain.Rpc, OneGwei, cancellationToken: Ct);
        var signed = Sender.Signer.Sign(new Eip1559TransactionRequest(chain.ChainId, nonce, Recipient, [0xde, 0xad], 30_000, fees, 12345));

        var sent = await TransactionBroadcaster.BroadcastAsync(chain.Rpc, signed, cancellationToken: Ct);
        var receipt = await ReceiptPoller.WaitAsync(chain.Rpc, signed.Hash, ReceiptWait, cancellationToken: Ct);

        Assert.Equal(BroadcastOutcome.Accepted, sent.Outcome);
        Assert.True(receipt.Succeeded);
        Assert.Equal(signed.Hash, receipt.TransactionHash);
        Assert.InRange(receipt.EffectiveGasPrice, 1, fees.MaxFeePerGas);
        var mined = await chain.Rpc.GetTransactionAsync(signed.Hash, cancellationToken: Ct);
        Assert.Equal((nonce, receipt.BlockNumber, receipt.BlockHash), (mined!.Nonce, mined.BlockNumber!.Value, mined.BlockHash));
        Assert.Equal(nonce + 1, await chain.Rpc.GetTransactionCountAsync(Sender.Address, BlockTag.Latest, cancellationToken: Ct));
    }

    [Fact]
    public async Task Legacy_Eip155SignedOffline_IsMinedWithStatusOne()
    {
        var nonce = await chain.Rpc.GetTransactionCountAsync(Sender.Address, BlockTag.Pending, cancellationToken: Ct);
        var price = await chain.Rpc.GetGasPriceAsync(cancellationToken: Ct);
        var signed = Sender.Signer.Sign(new LegacyTransactionRequest(chain.ChainId, nonce, Recipient, [], 21_000, price * 2, 1));

        var sent = await TransactionBroadcaster.BroadcastAsync(chain.Rpc, signed, cancellationToken: Ct);
        var receipt = await ReceiptPoller.WaitAsync(chain.Rpc, signed.Hash, ReceiptWait, cancellationToken: Ct);

        Assert.Equal((BroadcastOutcome.Accepted, true, 21_000L), (sent.Outcome, receipt.Succeeded, receipt.GasUsed));
    }

    [Fact]
    public async Task Broadcast_NonceAlreadyMined_ClassifiesNonceTooLow()
    {
        var receipt = await chain.SendAsync(Sender, Recipient, []);
        var used = (await chain.Rpc.GetTransactionAsync(receipt.TransactionHash, cancellationToken: Ct))!.Nonce;
        var fees = await FeeSuggester.SuggestAsync(chain.Rpc, OneGwei, cancellationToken: Ct);

        var again = Sender.Signer.Sign(new Eip1559TransactionRequest(chain.ChainId, used, Recipient, [1], 30_000, fees));
        var result = await TransactionBroadcaster.BroadcastAsync(chain.Rpc, again, cancellationToken: Ct);

        Assert.Equal(BroadcastOutcome.NonceTooLow, result.Outcome);
        Assert.False(result.IsSent);
        Assert.Equal(again.Hash, result.TransactionHash);
    }

    [Fact]
    public async Task Broadcast_EmptyAccount_ClassifiesInsufficientFunds()
    {
        var broke = OfflineTransactionSigner.FromSecret(Secp256k1KeyPair.Generate().ExportSecret());
        var fees = await FeeSuggester.SuggestAsync(chain.Rpc, OneGwei, cancellationToken: Ct);

        var result = await TransactionBroadcaster.BroadcastAsync(chain.Rpc,
            broke.Sign(new Eip1559TransactionRequest(chain.ChainId, 0, Recipient, [], 21_000, fees, 1)), Ct);

        Assert.Equal(BroadcastOutcome.InsufficientFunds, result.Outcome);
    }

    [Fact]
    public async Task Broadcast_FeeCapBelowBaseFee_ClassifiesFeeTooLow()
    {
        var nonce = await chain.Rpc.GetTransactionCountAsync(Sender.Address, BlockTag.Pending, cancellationToken: Ct);

        var result = await TransactionBroadcaster.BroadcastAsync(chain.Rpc,
            Sender.Signer.Sign(new Eip1559TransactionRequest(chain.ChainId, nonce, Recipient, [], 21_000, new Eip1559Fees(1, 1))), Ct);

        Assert.Equal(BroadcastOutcome.FeeTooLow, result.Outcome);
    }

    [Fact]
    public async Task Broadcast_WrongChainId_IsRejectedWithNodeMessage()
    {
        var fees = await FeeSuggester.SuggestAsync(chain.Rpc, OneGwei, cancellationToken: Ct);

        var result = await TransactionBroadcaster.BroadcastAsync(chain.Rpc,
            Sender.Signer.Sign(new Eip1559TransactionRequest(chain.ChainId + 1, 0, Recipient, [], 21_000, fees)), Ct);

        Assert.Equal(BroadcastOutcome.Rejected, result.Outcome);
        Assert.False(string.IsNullOrEmpty(result.NodeMessage));
    }

    [Fact]
    public async Task Blocks_ByNumberAndLatest_AgreeOnHashAndParent()
    {
        await chain.MineAsync();
        var head = await chain.Rpc.GetBlockNumberAsync(cancellationToken: Ct);

        var latest = await chain.Rpc.GetBlockAsync(BlockTag.Latest, cancellationToken: Ct);
        var byNumber = await chain.Rpc.GetBlockAsync(head, cancellationToken: Ct);
        var parent = await chain.Rpc.GetBlockAsync(head - 1, cancellationToken: Ct);
        var future = await chain.Rpc.GetBlockAsync(head + 1000, cancellationToken: Ct);

        Assert.Equal(latest, byNumber);
        Assert.Equal(parent!.Hash, byNumber!.ParentHash);
        Assert.True(byNumber.BaseFeePerGas > 0 && byNumber.Timestamp >= parent.Timestamp);
        Assert.Null(future);
    }

    [Fact]
    public async Task FeeHistory_OfRecentBlocks_SuggestsCapAboveNextBaseFee()
    {
        await chain.SendAsync(Sender, Recipient, []);

        var history = await chain.Rpc.GetFeeHistoryAsync(4, BlockTag.Latest, [50], cancellationToken: Ct);
        var fees = FeeSuggester.Suggest(history, OneGwei);

        Assert.Equal(history.GasUsedRatio.Count + 1, history.BaseFeePerGas.Count);
        Assert.Equal(history.GasUsedRatio.Count, history.Reward.Count);
        Assert.Equal(history.BaseFeePerGas[^1] * 2 + fees.MaxPriorityFeePerGas, fees.MaxFeePerGas);
        Assert.True(fees.MaxPriorityFeePerGas >= OneGwei);
    }

    [Fact]
    public async Task UnknownMethod_OnRealNode_ThrowsJsonRpcError()
    {
        var error = await Assert.ThrowsAsync<JsonRpcErrorException>(() => chain.Rpc.RequestAsync("eth_noSuchMethod", [], cancellationToken: Ct));

        Assert.NotEqual(0, error.Code);
    }
}

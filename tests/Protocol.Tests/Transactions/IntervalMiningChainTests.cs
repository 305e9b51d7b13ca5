using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Protocol.Transactions;
using BlockhostBroker.TestSupport.Chain;

namespace BlockhostBroker.Protocol.Tests.Transactions;

/// <summary>With a block time, blocks come from anvil's timer and the poller picks up the receipt once the next one is mined.</summary>
public sealed class IntervalMiningChainTests(IntervalMiningChain chain) : IClassFixture<IntervalMiningChain>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitForReceipt_WithOneSecondBlocks_ReturnsOnceTheBlockIsMined()
    {
        var sender = chain.Accounts[1];
        var nonce = await chain.Rpc.GetTransactionCountAsync(sender.Address, BlockTag.Pending, cancellationToken: Ct);
        var fees = await FeeSuggester.SuggestAsync(chain.Rpc, 1_000_000_000, cancellationToken: Ct);
        var signed = sender.Signer.Sign(new Eip1559TransactionRequest(chain.ChainId, nonce, chain.Accounts[2].Address, [], 21_000, fees, 1));

        var sent = await TransactionBroadcaster.BroadcastAsync(chain.Rpc, signed, Ct);
        var receipt = await ReceiptPoller.WaitAsync(chain.Rpc, signed.Hash, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100), cancellationToken: Ct);

        Assert.True(sent.IsSent);
        Assert.True(receipt.Succeeded);
        var block = await chain.Rpc.GetBlockAsync(receipt.BlockNumber, Ct);
        var previous = await chain.Rpc.GetBlockAsync(receipt.BlockNumber - 1, Ct);
        Assert.True(block!.Timestamp - previous!.Timestamp >= TimeSpan.FromSeconds(1), "blocks come from the one-second timer, not from automine");
    }
}

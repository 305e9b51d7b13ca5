using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Protocol.Transactions;
using BlockhostBroker.TestSupport.Chain;

namespace BlockhostBroker.Protocol.Tests.Transactions;

/// <summary>On a chain without EIP-1559 (Berlin) the legacy path works and type-2 transactions are refused.</summary>
public sealed class LegacyChainTests(BerlinChain chain) : IClassFixture<BerlinChain>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Legacy_OnBerlinChain_IsMinedWithStatusOne()
    {
        var sender = chain.Accounts[1];
        var nonce = await chain.Rpc.GetTransactionCountAsync(sender.Address, BlockTag.Pending, cancellationToken: Ct);
        var price = await chain.Rpc.GetGasPriceAsync(cancellationToken: Ct);
        var signed = sender.Signer.Sign(new LegacyTransactionRequest(chain.ChainId, nonce, chain.Accounts[2].Address, [], 21_000, price, 7));

        var sent = await TransactionBroadcaster.BroadcastAsync(chain.Rpc, signed, cancellationToken: Ct);
        var receipt = await ReceiptPoller.WaitAsync(chain.Rpc, signed.Hash, TimeSpan.FromSeconds(30), cancellationToken: Ct);

        Assert.Equal(BroadcastOutcome.Accepted, sent.Outcome);
        Assert.True(receipt.Succeeded);
        Assert.Equal(TransactionEnvelope.Legacy, signed.Type);
        Assert.Null((await chain.Rpc.GetBlockAsync(BlockTag.Latest, cancellationToken: Ct))!.BaseFeePerGas);
    }

    [Fact]
    public async Task Eip1559_OnBerlinChain_IsNotAccepted()
    {
        var sender = chain.Accounts[3];
        var signed = sender.Signer.Sign(new Eip1559TransactionRequest(chain.ChainId, 0, chain.Accounts[2].Address, [], 21_000, new Eip1559Fees(10_000_000_000, 1)));

        var result = await TransactionBroadcaster.BroadcastAsync(chain.Rpc, signed, cancellationToken: Ct);

        Assert.False(result.IsSent);
        Assert.Equal(BroadcastOutcome.Rejected, result.Outcome);
    }
}

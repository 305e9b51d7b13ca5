using System.Numerics;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Protocol.Transactions;
using BlockhostBroker.TestSupport.Chain;

namespace BlockhostBroker.Protocol.Tests.Transactions;

/// <summary>Re-broadcasts and replacements while transactions sit in the pool of an anvil that mines only when told.</summary>
public sealed class MempoolChainTests(ManualMiningChain chain) : IClassFixture<ManualMiningChain>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Eip1559Fees Fees = new(50_000_000_000, 2_000_000_000);

    [Fact]
    public async Task Broadcast_SameTransactionTwice_SecondIsAlreadyKnown()
    {
        var sender = chain.Accounts[1];
        var signed = await SignAsync(sender, Fees, 1);

        var first = await TransactionBroadcaster.BroadcastAsync(chain.Rpc, signed, cancellationToken: Ct);
        var second = await TransactionBroadcaster.BroadcastAsync(chain.Rpc, signed, cancellationToken: Ct);

        Assert.Equal((BroadcastOutcome.Accepted, BroadcastOutcome.AlreadyKnown), (first.Outcome, second.Outcome));
        Assert.True(second.IsSent);
    }

    [Fact]
    public async Task Replace_WithSameFees_IsUnderpriced_WithBumpedFees_IsMinedInstead()
    {
        var sender = chain.Accounts[2];
        var original = await SignAsync(sender, Fees, 1);
        var sameFees = await SignAsync(sender, Fees, 2, original.Nonce);
        var bumped = await SignAsync(sender, FeeSuggester.BumpForReplacement(Fees), 3, original.Nonce);

        var sent = await TransactionBroadcaster.BroadcastAsync(chain.Rpc, original, cancellationToken: Ct);
        var underpriced = await TransactionBroadcaster.BroadcastAsync(chain.Rpc, sameFees, cancellationToken: Ct);
        var replaced = await TransactionBroadcaster.BroadcastAsync(chain.Rpc, bumped, cancellationToken: Ct);
        await chain.MineAsync();

        Assert.Equal(
            (BroadcastOutcome.Accepted, BroadcastOutcome.ReplacementUnderpriced, BroadcastOutcome.Accepted),
            (sent.Outcome, underpriced.Outcome, replaced.Outcome));
        Assert.True((await chain.Rpc.GetTransactionReceiptAsync(bumped.Hash, cancellationToken: Ct))!.Succeeded);
        Assert.Null(await chain.Rpc.GetTransactionReceiptAsync(original.Hash, cancellationToken: Ct));
    }

    [Fact]
    public async Task TransactionCount_WhilePending_PendingIsAheadOfLatest()
    {
        var sender = chain.Accounts[3];
        var latestBefore = await chain.Rpc.GetTransactionCountAsync(sender.Address, BlockTag.Latest, cancellationToken: Ct);

        await TransactionBroadcaster.BroadcastAsync(chain.Rpc, await SignAsync(sender, Fees, 1), cancellationToken: Ct);
        var pending = await chain.Rpc.GetTransactionCountAsync(sender.Address, BlockTag.Pending, cancellationToken: Ct);
        var latest = await chain.Rpc.GetTransactionCountAsync(sender.Address, BlockTag.Latest, cancellationToken: Ct);
        await chain.MineAsync();

        Assert.Equal((latestBefore + 1, latestBefore), (pending, latest));
        Assert.Equal(latestBefore + 1, await chain.Rpc.GetTransactionCountAsync(sender.Address, BlockTag.Latest, cancellationToken: Ct));
    }

    [Fact]
    public async Task WaitForReceipt_NeverMined_ThrowsReceiptTimeoutAfterDeadline()
    {
        var signed = await SignAsync(chain.Accounts[4], Fees, 1);
        await TransactionBroadcaster.BroadcastAsync(chain.Rpc, signed, cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<ReceiptTimeoutException>(() =>
            ReceiptPoller.WaitAsync(chain.Rpc, signed.Hash, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(50), cancellationToken: Ct));

        Assert.Equal(signed.Hash, error.TransactionHash);
        Assert.Equal(signed.Nonce, (await chain.Rpc.GetTransactionAsync(signed.Hash, cancellationToken: Ct))!.Nonce); // still known, just not mined
        Assert.Null((await chain.Rpc.GetTransactionAsync(signed.Hash, cancellationToken: Ct))!.BlockNumber);
        await chain.MineAsync();
    }

    private async Task<SignedTransaction> SignAsync(DevAccount sender, Eip1559Fees fees, BigInteger value, long? nonce = null)
    {
        var n = nonce ?? await chain.Rpc.GetTransactionCountAsync(sender.Address, BlockTag.Pending);
        return sender.Signer.Sign(new Eip1559TransactionRequest(chain.ChainId, n, chain.Accounts[0].Address, [], 21_000, fees, value));
    }
}

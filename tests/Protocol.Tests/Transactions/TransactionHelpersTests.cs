using System.Numerics;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Protocol.Transactions;

namespace BlockhostBroker.Protocol.Tests.Transactions;

/// <summary>The pure helpers under the wallet: send-error classification, fee arithmetic and block-range splitting.</summary>
public sealed class TransactionHelpersTests
{
    [Theory]
    [InlineData("nonce too low", BroadcastOutcome.NonceTooLow)]
    [InlineData("Nonce too low: next nonce 5, tx nonce 3", BroadcastOutcome.NonceTooLow)]
    [InlineData("already known", BroadcastOutcome.AlreadyKnown)]
    [InlineData("transaction already imported", BroadcastOutcome.AlreadyKnown)]
    [InlineData("Known transaction", BroadcastOutcome.AlreadyKnown)]
    [InlineData("replacement transaction underpriced", BroadcastOutcome.ReplacementUnderpriced)]
    [InlineData("insufficient funds for gas * price + value: have 0 want 21000", BroadcastOutcome.InsufficientFunds)]
    [InlineData("Insufficient funds for gas * price + value", BroadcastOutcome.InsufficientFunds)]
    [InlineData("max fee per gas less than block base fee", BroadcastOutcome.FeeTooLow)]
    [InlineData("transaction underpriced: tip needed 1, tip permitted 0", BroadcastOutcome.FeeTooLow)]
    [InlineData("intrinsic gas too low", BroadcastOutcome.GasLimitOutOfRange)]
    [InlineData("exceeds block gas limit", BroadcastOutcome.GasLimitOutOfRange)]
    [InlineData("invalid chain id for signer", BroadcastOutcome.Rejected)]
    [InlineData("", BroadcastOutcome.Rejected)]
    public void Classify_NodeMessages_MapToOutcome(string message, BroadcastOutcome expected)
    {
        Assert.Equal(expected, SendErrorClassifier.Classify(message));
    }

    [Fact]
    public void Suggest_FromHistory_TakesMedianTipAndDoublesNextBaseFee()
    {
        var history = new FeeHistory(10, [100, 120, 140], [0.5, 0.9], [[3], [7]]);

        var fees = FeeSuggester.Suggest(history, minimumTip: 1);

        Assert.Equal(new Eip1559Fees(140 * 2 + 7, 7), fees);
    }

    [Fact]
    public void Suggest_TipsBelowMinimum_UsesMinimum()
    {
        var history = new FeeHistory(10, [100, 100], [0.1], [[0]]);

        Assert.Equal(new Eip1559Fees(200 + 5, 5), FeeSuggester.Suggest(history, minimumTip: 5));
    }

    [Fact]
    public void Suggest_NoBaseFees_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => FeeSuggester.Suggest(new FeeHistory(0, [], [], []), 1));
    }

    [Fact]
    public void BumpForReplacement_RaisesBothFeesByMoreThanTenPercent()
    {
        var previous = new Eip1559Fees(1000, 100);

        var bumped = FeeSuggester.BumpForReplacement(previous);
        var tiny = FeeSuggester.BumpForReplacement(new Eip1559Fees(1, 1));
        var market = FeeSuggester.BumpForReplacement(previous, new Eip1559Fees(5000, 50));

        Assert.Equal(new Eip1559Fees(1125, 113), bumped);
        Assert.True(tiny.MaxFeePerGas >= 2 && tiny.MaxPriorityFeePerGas >= 2);
        Assert.Equal(new Eip1559Fees(5000, 113), market);
        Assert.Equal(new BigInteger(113), FeeSuggester.BumpGasPrice(100));
    }

    [Fact]
    public void Split_RangeInChunks_CoversEveryBlockOnce()
    {
        var ranges = BlockRanges.Split(10, 24, 5).ToList();

        Assert.Equal([(10L, 14L), (15L, 19L), (20L, 24L)], ranges);
        Assert.Equal([(7L, 7L)], BlockRanges.Split(7, 7, 100));
        Assert.Empty(BlockRanges.Split(8, 7, 100));
        Assert.Equal([(long.MaxValue - 1, long.MaxValue)], BlockRanges.Split(long.MaxValue - 1, long.MaxValue, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockRanges.Split(0, 1, 0).ToList());
    }

    [Fact]
    public void BlockTag_Forms_AreJsonRpcText()
    {
        Assert.Equal(("latest", "pending", "0x0", "0x1f"), (BlockTag.Latest.ToString(), BlockTag.Pending.ToString(), BlockTag.Number(0).ToString(), ((BlockTag)31).ToString()));
        Assert.Equal((31L, (long?)null), (((BlockTag)31).BlockNumber!.Value, BlockTag.Latest.BlockNumber));
        Assert.Equal(("0x0", "0x1", "0xff", "0x100"), (RpcValues.Quantity(0), RpcValues.Quantity(1), RpcValues.Quantity(255), RpcValues.Quantity(256)));
    }
}

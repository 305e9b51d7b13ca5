using BlockhostBroker.Grains.Chain;

namespace BlockhostBroker.Grains.Tests.Chain;

public sealed class ChainWatcherBlocksTests
{
    [Theory]
    [InlineData(100, 0, 100)]
    [InlineData(100, 1, 99)]
    [InlineData(3, 5, -1)]
    public void SafeHead_SubtractsConfirmationsButNeverBelowMinusOne(long head, int confirmations, long expected) =>
        Assert.Equal(expected, ChainWatcherBlocks.SafeHead(head, confirmations));

    [Fact]
    public void NextRange_FarBehind_IsCappedAtMaxRange() =>
        Assert.Equal(new BlockRange(11, 2010), ChainWatcherBlocks.NextRange(cursor: 10, safeHead: 50_000, maxRange: 2000));

    [Fact]
    public void NextRange_NearHead_EndsAtSafeHead() =>
        Assert.Equal(new BlockRange(11, 15), ChainWatcherBlocks.NextRange(10, 15, 2000));

    [Fact]
    public void NextRange_CaughtUp_IsNull() =>
        Assert.Null(ChainWatcherBlocks.NextRange(15, 15, 2000));

    [Fact]
    public void Split_CoversEveryBlockOnceInBoundedRanges()
    {
        var ranges = ChainWatcherBlocks.Split(0, 4500, 2000).ToList();

        Assert.Equal([new BlockRange(0, 1999), new BlockRange(2000, 3999), new BlockRange(4000, 4500)], ranges);
        Assert.Equal(4501, ranges.Sum(r => r.Count));
    }

    [Fact]
    public void Append_BeyondLimit_KeepsNewestAndDropsCheckpointsAtOrAfterTheNewBlock()
    {
        var many = Enumerable.Range(1, ChainWatcherBlocks.MaxCheckpoints).Select(b => new BlockCheckpoint(b * 10, $"h{b}")).ToList();

        var appended = ChainWatcherBlocks.Append(many, new BlockCheckpoint(1000, "new"));
        var afterRewind = ChainWatcherBlocks.Append(many, new BlockCheckpoint(25, "r"));

        Assert.Equal(ChainWatcherBlocks.MaxCheckpoints, appended.Length);
        Assert.Equal((20L, 1000L), (appended[0].Block, appended[^1].Block));
        Assert.Equal([10L, 20L, 25L], afterRewind.Select(c => c.Block));
    }

    [Fact]
    public async Task Rewind_SomeCheckpointsReorged_ResumesAtNewestStillCanonical()
    {
        BlockCheckpoint[] checkpoints = [new(10, "0xa"), new(20, "0xb"), new(30, "0xc")];
        var chain = new Dictionary<long, string> { [10] = "0xA", [20] = "0xb", [30] = "0xother" };

        var (cursor, kept) = await ChainWatcherBlocks.Rewind(checkpoints, b => Task.FromResult(chain.GetValueOrDefault(b)));

        Assert.Equal(20, cursor);
        Assert.Equal([10L, 20L], kept.Select(c => c.Block));
    }

    [Fact]
    public async Task Rewind_NoCheckpointCanonical_ResumesBeforeOldestWithNone()
    {
        BlockCheckpoint[] checkpoints = [new(10, "0xa"), new(20, "0xb")];

        var (cursor, kept) = await ChainWatcherBlocks.Rewind(checkpoints, _ => Task.FromResult<string?>(null));

        Assert.Equal(9, cursor);
        Assert.Empty(kept);
    }
}

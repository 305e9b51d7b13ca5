using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Grains.Tests.Storage;

namespace BlockhostBroker.Grains.Tests.PrefixPool;

/// <summary>The pool's in-memory index alone (below the grain tests of the same rules).</summary>
public sealed class PoolIndexTests
{
    [Fact]
    public void TryTake_EmptyPool_HandsOutIndicesFromOneUpToTheLast()
    {
        var pool = new PoolIndex([], 1, 3);

        var taken = Enumerable.Range(0, 3).Select(_ => Take(pool)).ToList();

        Assert.Equal([1L, 2, 3], taken);
        Assert.False(pool.TryTake(out _));
    }

    [Fact]
    public void Constructor_StoredRowsWithGaps_HandsOutTheGapsFirstInIndexOrder()
    {
        var pool = new PoolIndex([TestData.Allocation(2), TestData.Allocation(5), TestData.Allocation(6)], 1, 100);

        var taken = Enumerable.Range(0, 5).Select(_ => Take(pool)).ToList();

        Assert.Equal([1L, 3, 4, 7, 8], taken);
    }

    [Fact]
    public void Release_SeveralIndices_AreReusedOldestReleaseFirst()
    {
        var rows = Enumerable.Range(1, 5).Select(i => TestData.Allocation(i)).ToList();
        var pool = new PoolIndex(rows, 1, 100);

        pool.Release(rows[3]);
        pool.Release(rows[0]);

        Assert.Equal([4L, 1, 6], Enumerable.Range(0, 3).Select(_ => Take(pool)));
    }

    [Fact]
    public void Untake_AfterAFailedWrite_HandsTheSameIndexOutNext()
    {
        var pool = new PoolIndex([], 1, 100);
        var index = Take(pool);

        pool.Untake(index);

        Assert.Equal(index, Take(pool));
    }

    [Fact]
    public void Lookups_AfterAddReplaceAndRelease_FollowTheCurrentHolder()
    {
        var pool = new PoolIndex([], 1, 100);
        var allocation = TestData.Allocation(Take(pool));
        pool.Add(allocation);
        var rekeyed = allocation with { WgPubkey = TestData.Key() };

        pool.Replace(allocation, rekeyed);

        Assert.Equal(rekeyed, pool.ByContract(allocation.NftContract));
        Assert.Null(pool.ByKey(allocation.WgPubkey));
        Assert.Equal(rekeyed, pool.ByKey(rekeyed.WgPubkey));
        pool.Release(rekeyed);
        Assert.Null(pool.ByContract(allocation.NftContract));
        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public void Constructor_HundredThousandRowsWithOneGap_TakesTheGapThenTheNextFresh()
    {
        var rows = Enumerable.Range(1, 100_000).Where(i => i != 50_000).Select(i => TestData.Allocation(i, contract: $"0x{i:x40}", key: $"{i:D43}=")).ToList();
        var pool = new PoolIndex(rows, 1, long.MaxValue);

        Assert.Equal(99_999, pool.Count);
        Assert.Equal([50_000L, 100_001], Enumerable.Range(0, 2).Select(_ => Take(pool)));
    }

    private static long Take(PoolIndex pool)
    {
        Assert.True(pool.TryTake(out var index));
        return index;
    }
}

using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Grains.Storage;
using BlockhostBroker.Grains.Tests.Storage;
using Microsoft.Data.Sqlite;

namespace BlockhostBroker.Grains.Tests.PrefixPool;

/// <summary>Pool rules that need a pool of their own: an empty one, a tiny one, one that restarts.</summary>
public sealed class PrefixPoolFreshPoolTests : IDisposable
{
    private readonly TempSqliteFile file = new();

    /// <inheritdoc />
    public void Dispose() => file.Dispose();

    [Fact]
    public async Task Allocate_FirstAllocation_GetsIndexOneNeverTheGatewayPrefix()
    {
        await using var cluster = await PoolCluster.StartAsync(file.Path);

        var result = await cluster.Pool.Allocate(TestData.Contract(), TestData.Key());

        var allocation = Assert.IsType<AllocationResult.Allocated>(result).Allocation;
        Assert.Equal(1, allocation.Index);
        Assert.Equal("2001:db8:f04::100/120", allocation.Prefix);
    }

    [Fact]
    public async Task Release_ThenAllocate_ReusesIndex()
    {
        await using var cluster = await PoolCluster.StartAsync(file.Path);
        var first = TestData.Contract();
        var a = Allocated(await cluster.Pool.Allocate(first, TestData.Key()));
        await cluster.Pool.Allocate(TestData.Contract(), TestData.Key());

        var released = await cluster.Pool.Release(first);
        var reused = Allocated(await cluster.Pool.Allocate(TestData.Contract(), TestData.Key()));

        Assert.True(released);
        Assert.Equal((a.Index, a.Prefix), (reused.Index, reused.Prefix));
        Assert.Null(await cluster.Pool.Get(first));
    }

    [Fact]
    public async Task ListAndUsage_AfterAllocationsAndARelease_ReportEveryHolderInIndexOrder()
    {
        await using var cluster = await PoolCluster.StartAsync(file.Path);
        var contracts = Enumerable.Range(0, 5).Select(_ => TestData.Contract()).ToList();
        foreach (var contract in contracts) await cluster.Pool.Allocate(contract, TestData.Key());
        await cluster.Pool.Release(contracts[1]);

        var list = await cluster.Pool.List();
        var usage = await cluster.Pool.GetUsage();

        Assert.Equal([1L, 3, 4, 5], list.Select(a => a.Index));
        Assert.Equal(new PoolUsage(PoolCluster.DefaultUpstream, 120, long.MaxValue, 4), usage);
    }

    [Fact]
    public async Task Allocate_WhenFull_ReturnsExhausted()
    {
        // A /116 holds 16 /120s; index 0 is the broker's, so 15 are usable.
        await using var cluster = await PoolCluster.StartAsync(file.Path, "2001:db8::/116", 120);
        var allocated = new List<Allocation>();
        for (var i = 0; i < 15; i++) allocated.Add(Allocated(await cluster.Pool.Allocate(TestData.Contract(), TestData.Key())));

        var result = await cluster.Pool.Allocate(TestData.Contract(), TestData.Key());

        Assert.Equal(new AllocationResult.Exhausted(15), result);
        Assert.Equal(Enumerable.Range(1, 15).Select(i => (long)i), allocated.Select(a => a.Index));
        Assert.Equal("2001:db8::f00/120", allocated[^1].Prefix);
        Assert.Equal(15, (await cluster.ReadTableAsync()).Count);
    }

    [Fact]
    public async Task Allocate_WhenFullAfterARelease_ReusesTheReleasedPrefix()
    {
        await using var cluster = await PoolCluster.StartAsync(file.Path, "2001:db8::/116", 120);
        var contracts = Enumerable.Range(0, 15).Select(_ => TestData.Contract()).ToList();
        foreach (var contract in contracts) await cluster.Pool.Allocate(contract, TestData.Key());
        await cluster.Pool.Release(contracts[6]);

        var reused = Allocated(await cluster.Pool.Allocate(TestData.Contract(), TestData.Key()));
        var full = await cluster.Pool.Allocate(TestData.Contract(), TestData.Key());

        Assert.Equal(7, reused.Index);
        Assert.IsType<AllocationResult.Exhausted>(full);
    }

    [Fact]
    public async Task Allocations_SurviveSiloRestart_AndTheFreeListIsRebuilt()
    {
        var contracts = Enumerable.Range(0, 4).Select(_ => TestData.Contract()).ToList();
        IReadOnlyList<Allocation> before;
        await using (var first = await PoolCluster.StartAsync(file.Path))
        {
            foreach (var contract in contracts) await first.Pool.Allocate(contract, TestData.Key());
            await first.Pool.Release(contracts[1]);
            before = await first.Pool.List();
        }

        await using var second = await PoolCluster.StartAsync(file.Path);
        var after = await second.Pool.List();
        var next = Allocated(await second.Pool.Allocate(TestData.Contract(), TestData.Key()));

        Assert.Equal(before, after);
        Assert.Equal(2, next.Index); // the gap left by the release, not a fresh index
    }

    [Fact]
    public async Task Activation_UpstreamChangedUnderExistingAllocations_FailsNamingTheConfigKeys()
    {
        await using (var first = await PoolCluster.StartAsync(file.Path))
            await first.Pool.Allocate(TestData.Contract(), TestData.Key());

        await using var second = await PoolCluster.StartAsync(file.Path, "2001:db8:f05::/48");
        var error = await Assert.ThrowsAsync<PrefixPoolConfigurationException>(() => second.Pool.GetUsage());

        Assert.Contains(PrefixPoolOptions.UpstreamPrefixKey, error.Message);
        Assert.Contains("2001:db8:f04::/48", error.Message);
    }

    [Fact]
    public async Task Allocate_StoreAlreadyHoldsTheNextIndex_SurfacesTheConstraintThenRecovers()
    {
        // Another writer (a second activation during a partition, or an operator) takes index 2 behind the pool's back.
        await using var cluster = await PoolCluster.StartAsync(file.Path);
        await cluster.Pool.Allocate(TestData.Contract(), TestData.Key());
        var intruder = TestData.Allocation(2);
        await new SqliteAllocationStore(SqliteDatabase.ConnectionString(file.Path)).InsertAsync(intruder, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<AllocationConstraintException>(() => cluster.Pool.Allocate(TestData.Contract(), TestData.Key()));
        var retry = Allocated(await cluster.Pool.Allocate(TestData.Contract(), TestData.Key()));

        Assert.Equal(AllocationConstraint.Prefix, error.Constraint);
        Assert.Equal(3, retry.Index);
        var rows = await cluster.ReadTableAsync();
        Assert.Equal(rows.Count, rows.Select(r => r.Index).Distinct().Count());
        Assert.Contains(rows, r => r.Index == 2 && r.NftContract == intruder.NftContract);
    }

    [Fact]
    public async Task Release_RowDeletedBehindThePoolsBack_ThrowsOutOfSyncThenReloads()
    {
        await using var cluster = await PoolCluster.StartAsync(file.Path);
        var contract = TestData.Contract();
        await cluster.Pool.Allocate(contract, TestData.Key());
        await new SqliteAllocationStore(SqliteDatabase.ConnectionString(file.Path)).DeleteAsync(contract, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<PrefixPoolOutOfSyncException>(() => cluster.Pool.Release(contract));

        Assert.Null(await cluster.Pool.Get(contract));
        Assert.Equal(0, (await cluster.Pool.GetUsage()).Allocated);
    }

    private static Allocation Allocated(AllocationResult result) => Assert.IsType<AllocationResult.Allocated>(result).Allocation;
}

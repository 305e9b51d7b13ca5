using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Grains.Tests.Storage;

namespace BlockhostBroker.Grains.Tests.PrefixPool;

/// <summary>
/// The prefix pool's rules, on one real in-process cluster (backed by a real SQLite file) shared by
/// the class: every test uses contracts and keys of its own and looks only at its own rows.
/// </summary>
public sealed class PrefixPoolGrainTests(PrefixPoolGrainTests.SharedCluster shared) : IClassFixture<PrefixPoolGrainTests.SharedCluster>
{
    private PoolCluster cluster => shared.Cluster;

    private IPrefixPoolGrain Pool => cluster.Pool;

    private async Task<IReadOnlyList<(long Index, string Prefix, string NftContract, string WgPubkey)>> RowsOf(params string[] contracts) =>
        [.. (await cluster.ReadTableAsync()).Where(r => contracts.Contains(r.NftContract))];

    [Fact]
    public async Task Allocate_SameNftContractTwice_ReturnsSamePrefix()
    {
        var contract = TestData.Contract();
        var key = TestData.Key();

        var first = await Pool.Allocate(contract, key);
        var second = await Pool.Allocate(contract, key);

        Assert.Equal(first, second);
        Assert.Single(await RowsOf(contract));
    }

    [Fact]
    public async Task Allocate_ChecksummedSpellingOfAContract_IsTheSameContract()
    {
        var contract = TestData.Contract();
        var key = TestData.Key();
        var first = Assert.IsType<AllocationResult.Allocated>(await Pool.Allocate(contract, key)).Allocation;

        var mixedCase = "0x" + string.Concat(contract[2..].Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c));
        var second = Assert.IsType<AllocationResult.Allocated>(await Pool.Allocate(mixedCase, key)).Allocation;

        Assert.Equal(first, second);
        Assert.Equal(contract, second.NftContract);
    }

    [Fact]
    public async Task Allocate_KeyHeldByOtherContract_ReturnsKeyInUse()
    {
        var holder = TestData.Contract();
        var key = TestData.Key();
        await Pool.Allocate(holder, key);

        var result = await Pool.Allocate(TestData.Contract(), key);

        Assert.Equal(new AllocationResult.KeyInUse(holder), result);
        Assert.Single(await cluster.ReadTableAsync(), r => r.WgPubkey == key);
    }

    [Fact]
    public async Task Allocate_SameContractWithNewKey_KeepsThePrefixAndTakesTheKey()
    {
        var contract = TestData.Contract();
        var before = Assert.IsType<AllocationResult.Allocated>(await Pool.Allocate(contract, TestData.Key())).Allocation;
        var newKey = TestData.Key();

        var after = Assert.IsType<AllocationResult.Allocated>(await Pool.Allocate(contract, newKey)).Allocation;

        Assert.Equal(before with { WgPubkey = newKey }, after);
        Assert.Equal(newKey, Assert.Single(await RowsOf(contract)).WgPubkey);
    }

    [Fact]
    public async Task Release_ContractHoldingNothing_ReturnsFalse()
    {
        Assert.False(await Pool.Release(TestData.Contract()));
    }

    [Theory]
    [InlineData("0x1234", "key")]
    [InlineData("0xZZ00000000000000000000000000000000000000", "key")]
    [InlineData("1234567890123456789012345678901234567890ab", "key")]
    [InlineData("0x00000000000000000000000000000000000000aa", "not base64!")]
    [InlineData("0x00000000000000000000000000000000000000aa", "AAAA")]
    public async Task Allocate_MalformedArguments_ThrowsInvalidAllocationRequest(string contract, string key)
    {
        var validKey = key == "key" ? TestData.Key() : key;

        await Assert.ThrowsAsync<InvalidAllocationRequestException>(() => Pool.Allocate(contract, validKey));
        Assert.DoesNotContain(await cluster.ReadTableAsync(), r => r.WgPubkey == validKey || r.NftContract == contract.ToLowerInvariant());
    }

    [Fact]
    public async Task Allocate_ConcurrentCallsForManyContracts_NeverShareAPrefix()
    {
        var contracts = Enumerable.Range(0, 200).Select(_ => TestData.Contract()).ToList();

        var results = await Task.WhenAll(contracts.Select(c => Pool.Allocate(c, TestData.Key())));

        // The whole table, not just this test's rows: no prefix may have two holders anywhere.
        var rows = await cluster.ReadTableAsync();
        Assert.All(results, r => Assert.IsType<AllocationResult.Allocated>(r));
        Assert.Equal(rows.Count, rows.Select(r => r.Index).Distinct().Count());
        Assert.Equal(rows.Count, rows.Select(r => r.Prefix).Distinct().Count());
        Assert.Equal(contracts.Order(), (await RowsOf([.. contracts])).Select(r => r.NftContract).Order());
    }

    [Fact]
    public async Task AnyKeyButZero_RefusesToActivate()
    {
        var second = cluster.Cluster.Client.GetGrain<IPrefixPoolGrain>(1);

        await Assert.ThrowsAsync<PrefixPoolConfigurationException>(() => second.GetUsage());
    }

    [Fact]
    public async Task Allocations_SurviveGrainDeactivation()
    {
        var contract = TestData.Contract();
        var allocated = Assert.IsType<AllocationResult.Allocated>(await Pool.Allocate(contract, TestData.Key())).Allocation;

        await cluster.Cluster.DeactivateAsync(Pool);
        var after = await Pool.Get(contract);

        Assert.Equal(allocated, after);
    }

    /// <summary>The class's cluster on its own SQLite file.</summary>
    public sealed class SharedCluster : IAsyncLifetime
    {
        private readonly TempSqliteFile file = new();

        /// <summary>The running cluster.</summary>
        public PoolCluster Cluster { get; private set; } = null!;

        /// <inheritdoc />
        public async ValueTask InitializeAsync() => Cluster = await PoolCluster.StartAsync(file.Path);

        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            await Cluster.DisposeAsync();
            file.Dispose();
        }
    }
}

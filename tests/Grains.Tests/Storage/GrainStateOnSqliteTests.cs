using BlockhostBroker.Grains.Tests.PrefixPool;

namespace BlockhostBroker.Grains.Tests.Storage;

/// <summary>
/// Orleans 10.4.2's ADO.NET grain storage on SQLite (invariant "System.Data.SQLite", which loads
/// Microsoft.Data.Sqlite) with the vendored Orleans SQLite scripts: writes, reads after
/// deactivation and silo restart, clears.
/// </summary>
public sealed class GrainStateOnSqliteTests : IDisposable
{
    private readonly TempSqliteFile file = new();

    /// <inheritdoc />
    public void Dispose() => file.Dispose();

    [Fact]
    public async Task WriteState_ThenRestartSilo_ReadsTheSameState()
    {
        await using (var first = await PoolCluster.StartAsync(file.Path))
        {
            var probe = first.Cluster.Client.GetGrain<IGrainStateProbe>("a");
            await probe.Write("one");
            await probe.Write("two");
            await first.Cluster.DeactivateAsync(probe);
            Assert.Equal(new ProbeNote("two", 2), await probe.Read());
        }

        await using var second = await PoolCluster.StartAsync(file.Path);
        var again = second.Cluster.Client.GetGrain<IGrainStateProbe>("a");

        Assert.Equal(new ProbeNote("two", 2), await again.Read());
        Assert.Null(await second.Cluster.Client.GetGrain<IGrainStateProbe>("b").Read());
    }

    [Fact]
    public async Task ClearState_ThenDeactivate_ReadsNothing()
    {
        await using var cluster = await PoolCluster.StartAsync(file.Path);
        var probe = cluster.Cluster.Client.GetGrain<IGrainStateProbe>("c");
        await probe.Write("gone soon");

        await probe.Clear();
        await cluster.Cluster.DeactivateAsync(probe);

        Assert.Null(await probe.Read());
        await probe.Write("back");
        Assert.Equal(new ProbeNote("back", 1), await probe.Read());
    }
}

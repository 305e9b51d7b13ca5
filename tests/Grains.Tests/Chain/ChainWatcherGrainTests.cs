using BlockhostBroker.Grains.Chain;
using BlockhostBroker.Grains.Requests;
using BlockhostBroker.Grains.Tests.Requests;
using BlockhostBroker.TestSupport.Chain;
using OnChainStatus = BlockhostBroker.Protocol.Contracts.BrokerRequests.RequestStatus;

namespace BlockhostBroker.Grains.Tests.Chain;

/// <summary>A workflow silo with the watcher started, and one request submitted before the silo came up.</summary>
public sealed class WatchedWorkflowFixture : IAsyncLifetime
{
    /// <summary>The running workflow.</summary>
    public WorkflowCluster Cluster { get; private set; } = null!;

    /// <summary>The simulated Blockhost server.</summary>
    public RequestSubmitter Server { get; private set; } = null!;

    /// <summary>Submitted while no silo ran: only getPendingRequests can tell the watcher about it.</summary>
    public SubmittedRequest EarlyRequest { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync() =>
        Cluster = await WorkflowCluster.StartAsync(watch: true, async cluster =>
        {
            Server = new RequestSubmitter(cluster.Chain, cluster.BrokerKey.PublicKey);
            EarlyRequest = await Server.SubmitValidAsync();
        });

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Cluster?.DisposeAsync() ?? ValueTask.CompletedTask;
}

public sealed class ChainWatcherGrainTests(WatchedWorkflowFixture fixture) : IClassFixture<WatchedWorkflowFixture>
{
    private const int BlocksMinedBeforeRevert = 5;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private WorkflowCluster Cluster => fixture.Cluster;

    private IChainWatcherGrain Watcher => Cluster.Watcher;

    [Fact]
    public async Task Start_RequestSubmittedBeforeTheSiloStarted_IsCaughtUpFromPendingAndApproved()
    {
        var snapshot = await Cluster.WaitFinalAsync(fixture.EarlyRequest.Id, Deadline);

        Assert.Equal(RequestStatus.Confirmed, snapshot.Status);
        Assert.Equal(OnChainStatus.Approved, (await fixture.Server.ReadAsync(fixture.EarlyRequest.Id)).Status);
    }

    [Fact]
    public async Task Poll_RequestSubmittedWhileRunning_IsReadFromLogsAndApproved()
    {
        var before = await Watcher.GetStatus();

        var request = await fixture.Server.SubmitValidAsync();
        var snapshot = await Cluster.WaitFinalAsync(request.Id, Deadline);

        Assert.Equal(RequestStatus.Confirmed, snapshot.Status);
        var after = await Watcher.GetStatus();
        Assert.True(after.RequestsSeen > before.RequestsSeen, $"seen {before.RequestsSeen} -> {after.RequestsSeen}");
        Assert.True(after.Cursor >= request.Block, $"cursor {after.Cursor} behind block {request.Block}");
    }

    [Fact]
    public async Task Poll_ReorgReplacingBlocksBelowTheCursor_RewindsAndReadsTheRequestOnlyInTheNewBranch()
    {
        // Nothing of ours may be in flight in the blocks the revert drops.
        await Cluster.WaitFinalAsync(fixture.EarlyRequest.Id, Deadline);
        var snapshotId = await Cluster.Chain.SnapshotAsync();
        var fork = await Cluster.Chain.Rpc.GetBlockNumberAsync(TestContext.Current.CancellationToken);
        for (var i = 0; i < BlocksMinedBeforeRevert; i++)
            await Cluster.Chain.MineAsync();
        var ahead = await Cluster.WaitForWatcherAsync(s => s.Cursor >= fork + BlocksMinedBeforeRevert);

        await Cluster.Chain.RevertAsync(snapshotId);
        // Lands in block fork + 1, below the cursor: only a rewind reads it from the logs before the pending catch-up would.
        var request = await fixture.Server.SubmitValidAsync();
        var rewound = await Cluster.WaitForWatcherAsync(s => s.Reorgs > ahead.Reorgs && s.RequestsSeen > ahead.RequestsSeen);

        Assert.True(rewound.Cursor < ahead.Cursor, $"cursor {ahead.Cursor} -> {rewound.Cursor}");
        Assert.Equal(RequestStatus.Confirmed, (await Cluster.WaitFinalAsync(request.Id, Deadline)).Status);
    }
}

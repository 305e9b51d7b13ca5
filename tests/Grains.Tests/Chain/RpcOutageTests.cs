using BlockhostBroker.Grains.Requests;
using BlockhostBroker.Grains.Tests.Requests;
using BlockhostBroker.TestSupport.Chain;
using OnChainStatus = BlockhostBroker.Protocol.Contracts.BrokerRequests.RequestStatus;

namespace BlockhostBroker.Grains.Tests.Chain;

/// <summary>A watching workflow silo that reaches anvil only through an <see cref="RpcProxy"/> the test can take down.</summary>
public sealed class ProxiedWorkflowFixture : IAsyncLifetime
{
    /// <summary>The proxy between the silo and anvil.</summary>
    public RpcProxy Proxy { get; private set; } = null!;

    /// <summary>The running workflow.</summary>
    public WorkflowCluster Cluster { get; private set; } = null!;

    /// <summary>The simulated Blockhost server; it talks to anvil directly.</summary>
    public RequestSubmitter Server { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        Cluster = await WorkflowCluster.StartAsync(watch: true, cluster =>
        {
            Proxy = new RpcProxy(cluster.Chain.Port);
            cluster.Options.RpcUrl = Proxy.Url.ToString();
            cluster.Options.RpcTimeout = TimeSpan.FromSeconds(2);
            return Task.CompletedTask;
        });
        Server = new RequestSubmitter(Cluster.Chain, Cluster.BrokerKey.PublicKey);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null) await Cluster.DisposeAsync();
        if (Proxy is not null) await Proxy.DisposeAsync();
    }
}

public sealed class RpcOutageTests(ProxiedWorkflowFixture fixture) : IClassFixture<ProxiedWorkflowFixture>
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private WorkflowCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Advance_RpcDownForThirtySeconds_ErrorsAreReportedThenEveryRequestIsAnsweredOnce()
    {
        await Cluster.WaitForWatcherAsync(s => s.LastPollAt is not null && s.LastError is null);
        var downAt = DateTime.UtcNow;
        fixture.Proxy.Down();

        // One request is handed over as the watcher would have just before the outage; the other only the logs tell of.
        var handedOver = await fixture.Server.SubmitValidAsync();
        await Cluster.Request(handedOver.Id).Seen(await fixture.Server.SeenAsync(handedOver));
        var duringOutage = await fixture.Server.SubmitValidAsync();
        var watcherDown = await Cluster.WaitForWatcherAsync(s => s.LastError is not null);
        var requestDown = await WaitForSnapshot(handedOver.Id, s => s.LastError is not null);
        var rest = downAt + Outage - DateTime.UtcNow;
        if (rest > TimeSpan.Zero)
            await Task.Delay(rest, TestContext.Current.CancellationToken);
        fixture.Proxy.Up();

        var answered = await Task.WhenAll(Cluster.WaitFinalAsync(handedOver.Id, Deadline), Cluster.WaitFinalAsync(duringOutage.Id, Deadline));
        var watcherUp = await Cluster.WaitForWatcherAsync(s => s.LastError is null && s.Cursor >= duringOutage.Block);

        Assert.Equal(RequestStatus.Seen, requestDown.Status);
        Assert.NotNull(watcherDown.LastError);
        Assert.All(answered, s => Assert.Equal((RequestStatus.Confirmed, (string?)null), (s.Status, s.LastError)));
        foreach (var request in new[] { handedOver, duringOutage })
        {
            Assert.Equal(1, await fixture.Server.CountResponsesAsync(request.Id));
            Assert.Equal(OnChainStatus.Approved, (await fixture.Server.ReadAsync(request.Id)).Status);
        }
        Assert.True(watcherUp.ChainHead >= duringOutage.Block);
    }

    private async Task<RequestSnapshot> WaitForSnapshot(long requestId, Func<RequestSnapshot, bool> condition)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var snapshot = await Cluster.Request(requestId).GetSnapshot();
            if (condition(snapshot))
                return snapshot;
            Assert.True(DateTime.UtcNow < until, $"request {requestId} never matched: {snapshot}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}

using BlockhostBroker.Grains.Chain;
using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Grains.Requests;
using BlockhostBroker.Grains.Tests.Requests;
using BlockhostBroker.Protocol.Payloads;
using BlockhostBroker.TestSupport.Chain;
using OnChainStatus = BlockhostBroker.Protocol.Contracts.BrokerRequests.RequestStatus;

namespace BlockhostBroker.Grains.Tests.Chain;

/// <summary>A workflow silo whose watcher acts on a request only once it is buried under two blocks.</summary>
public sealed class ConfirmedWorkflowFixture : IAsyncLifetime
{
    /// <summary>Blocks a request's log must be buried under.</summary>
    public const int Confirmations = 2;

    /// <summary>The running workflow.</summary>
    public WorkflowCluster Cluster { get; private set; } = null!;

    /// <summary>The simulated Blockhost server.</summary>
    public RequestSubmitter Server { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        Cluster = await WorkflowCluster.StartAsync(watch: true, cluster =>
        {
            cluster.Options.Confirmations = Confirmations;
            return Task.CompletedTask;
        });
        Server = new RequestSubmitter(Cluster.Chain, Cluster.BrokerKey.PublicKey);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Cluster?.DisposeAsync() ?? ValueTask.CompletedTask;
}

public sealed class ChainWatcherReorgTests(ConfirmedWorkflowFixture fixture) : IClassFixture<ConfirmedWorkflowFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private WorkflowCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Poll_RequestRemovedByReorgBeforeItsConfirmations_IsNotAnsweredAndItsIdGetsTheNewRequestsAnswer()
    {
        await Cluster.WaitForWatcherAsync(s => s.LastPollAt is not null && s.LastError is null);
        var fork = await Cluster.Chain.SnapshotAsync();
        var vanished = await fixture.Server.SubmitValidAsync();
        // A fresh activation catches up from the pending list at once, as a reminder tick would; it must not see an unconfirmed request.
        await Cluster.TestCluster.DeactivateAsync(Cluster.Watcher);
        var reactivatedAt = DateTimeOffset.UtcNow;
        await Cluster.WaitForWatcherAsync(s => s.LastPollAt > reactivatedAt);

        await Cluster.Chain.RevertAsync(fork);
        await Cluster.Chain.MineAsync();
        var replacement = await fixture.Server.SubmitValidAsync();
        for (var i = 0; i < ConfirmedWorkflowFixture.Confirmations; i++)
            await Cluster.Chain.MineAsync();
        var snapshot = await Cluster.WaitFinalAsync(replacement.Id, Deadline);

        Assert.Equal(vanished.Id, replacement.Id);
        Assert.Equal(RequestStatus.Confirmed, snapshot.Status);
        Assert.Equal(1, await fixture.Server.CountResponsesAsync(replacement.Id));
        var onChain = await fixture.Server.ReadAsync(replacement.Id);
        Assert.True(onChain.Status == OnChainStatus.Approved,
            $"{onChain.Status} {onChain.RejectionReason}; grain: {string.Join(", ", snapshot.History.Select(h => $"{h.Status} {h.Note}"))}");
        var response = PayloadOpener.OpenResponse(replacement.ServerKey, onChain.ResponsePayload);
        Assert.True(response.IsSuccess, response.ToString());
        // The reverted deployment may give the new NFT contract the vanished one's address; the keys tell them apart.
        var pool = Cluster.Grains.GetGrain<IPrefixPoolGrain>(PrefixPoolGrain.SingletonKey);
        var allocation = await pool.Get(replacement.NftContract);
        Assert.Equal((response.Value.Prefix.ToString(), replacement.WgKey.PublicKey.ToBase64()), (allocation?.Prefix, allocation?.WgPubkey));
        if (vanished.NftContract != replacement.NftContract)
            Assert.Null(await pool.Get(vanished.NftContract));
        var device = await Cluster.Gateway.Client.GetDevice(Cluster.WireGuard.Interface, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(device.Peers, p => p.PublicKey == vanished.WgKey.PublicKey.ToBase64());
        Assert.Contains(device.Peers, p => p.PublicKey == replacement.WgKey.PublicKey.ToBase64());
    }
}

using BlockhostBroker.Protocol.Payloads;
using BlockhostBroker.Silo.Api;
using BlockhostBroker.TestSupport.Chain;

namespace BlockhostBroker.EndToEnd.Tests.Faults;

/// <summary>The fault broker waiting for two confirmations, as a broker on a chain that reorgs must.</summary>
public sealed class ReorgBroker : FaultBroker
{
    /// <inheritdoc />
    protected override int Confirmations => 2;
}

/// <summary>
/// A reorg made with evm_snapshot/evm_revert while the real daemon runs: a request that existed only on the dropped
/// branch is never answered, and the request that takes its id on the new branch gets its own answer.
/// </summary>
public sealed class ReorgTests(ReorgBroker broker) : IClassFixture<ReorgBroker>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Request_DroppedByReorg_IsNeverAnswered_AndTheRequestReusingItsIdGetsItsOwnAnswer()
    {
        var audit = new BrokerAudit(broker);
        var snapshot = await broker.Chain.SnapshotAsync();
        var fork = await broker.Chain.Rpc.GetBlockNumberAsync(TestContext.Current.CancellationToken);
        // The watcher checkpoints blocks of the branch the revert drops, so it has a reorg to notice.
        var before = await WaitForWatcherAsync(c => c.Cursor > fork + 1);

        var dropped = await SubmitOneConfirmationShortAsync();
        Assert.Null(await audit.TryGetRequestAsync(dropped.Id));
        await broker.Chain.RevertAsync(snapshot);
        await SetMiningAsync(interval: true);
        var reused = (await broker.SubmitAsync(1))[0];
        Assert.Equal(dropped.Id, reused.Id);

        await audit.WaitAnsweredOnChainAsync([reused], Deadline);
        await audit.WaitSettledAsync([reused], Deadline);
        await WaitForWatcherAsync(c => c.Reorgs > before.Reorgs);
        await audit.AssertConsistentAsync();
        await AssertAnswerIsForAsync(reused);
    }

    // The request gets one confirmation, one short of the broker's two. The daemon is then restarted, so its
    // watcher catches up from getPendingRequests, a list that must not bring it unconfirmed requests.
    private async Task<SubmittedRequest> SubmitOneConfirmationShortAsync()
    {
        await SetMiningAsync(interval: false);
        var request = await broker.Submitter.SubmitValidAsync();
        await broker.Chain.MineAsync();
        await broker.Daemon.KillAsync();
        await broker.Daemon.StartAsync();
        // The head is known once the first poll, which begins with the catch-up, is done.
        await WaitForWatcherAsync(c => c.Head > request.Block);
        return request;
    }

    // The answer opens with the request's server key and carries the prefix allocated to its WireGuard key.
    private async Task AssertAnswerIsForAsync(SubmittedRequest request)
    {
        var onChain = await broker.Submitter.ReadAsync(request.Id);
        var response = PayloadOpener.OpenResponse(request.ServerKey, onChain.ResponsePayload);
        Assert.True(response.IsSuccess, $"the answer does not open with the request's server key: {response.Reason}");
        var allocation = Assert.Single(await broker.Daemon.GetAsync<List<AllocationView>>("api/allocations") ?? []);
        Assert.Equal(request.WgKey.PublicKey.ToBase64(), allocation.WgPubkey);
        Assert.Equal(allocation.Prefix, response.Value.Prefix.ToString());
    }

    // Interval mining off: blocks come only from transactions (automine) and evm_mine, so confirmations are exact.
    private async Task SetMiningAsync(bool interval)
    {
        if (interval)
        {
            await broker.Chain.Rpc.RequestAsync("evm_setAutomine", [false]);
            await broker.Chain.Rpc.RequestAsync("evm_setIntervalMining", [1]);
        }
        else
        {
            await broker.Chain.Rpc.RequestAsync("evm_setIntervalMining", [0]);
            await broker.Chain.Rpc.RequestAsync("evm_setAutomine", [true]);
        }
    }

    private async Task<ChainView> WaitForWatcherAsync(Func<ChainView, bool> condition)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var chain = (await broker.Daemon.GetAsync<StatusReport>("api/status"))?.Chain;
            if (chain is not null && condition(chain))
                return chain;
            if (DateTime.UtcNow > until)
                Assert.Fail($"the watcher never got there: {chain}\n{broker.Daemon.RecentOutput}");
            await Task.Delay(200);
        }
    }
}

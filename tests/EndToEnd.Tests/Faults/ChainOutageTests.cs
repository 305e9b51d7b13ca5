using System.Diagnostics;
using BlockhostBroker.Silo.Api;

namespace BlockhostBroker.EndToEnd.Tests.Faults;

/// <summary>
/// The node goes away for 30 s and comes back on the same chain (anvil's state file: blocks, nonces, contracts; its
/// mempool is lost, as on a node that restarts). The daemon must ride it out: stay up, say what is wrong, and
/// answer every request once the node is back.
/// </summary>
public sealed class ChainOutageTests(FaultBroker broker) : IClassFixture<FaultBroker>
{
    private const int Requests = 3;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StatusPoll = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Requests_SubmittedJustBeforeTheNodeStops_AreAnsweredExactlyOnceAfterItReturns()
    {
        var audit = new BrokerAudit(broker);
        var daemonPid = broker.Daemon.ProcessId;
        var submitted = await broker.SubmitAsync(Requests);

        await broker.Chain.StopAsync();
        var chainErrors = await WatchStatusAsync(Outage);
        Assert.True(broker.Daemon.IsRunning, $"the daemon exited while the node was down:\n{broker.Daemon.RecentOutput}");
        await broker.Chain.RestartAsync();

        var answered = await audit.WaitAnsweredOnChainAsync(submitted, SettleTimeout);
        await audit.WaitSettledAsync(submitted, SettleTimeout);
        TestContext.Current.TestOutputHelper?.WriteLine($"all answered on-chain {answered.TotalSeconds:F1} s after the node returned; status while down: {chainErrors[0]}");
        Assert.NotEmpty(chainErrors);
        Assert.Equal(daemonPid, broker.Daemon.ProcessId);
        await audit.AssertConsistentAsync();
    }

    // Reads /api/status through the outage; returns every chain problem it reported. The API must keep answering.
    private async Task<List<string>> WatchStatusAsync(TimeSpan duration)
    {
        var errors = new List<string>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var status = await broker.Daemon.GetAsync<StatusReport>("api/status");
            if (status?.Chain?.LastError is { } watcherError)
                errors.Add($"chain.lastError: {watcherError}; problems: {string.Join(" | ", status.Problems)}");
            await Task.Delay(StatusPoll);
        }
        return errors;
    }
}

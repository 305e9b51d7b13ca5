using System.Diagnostics;
using BlockhostBroker.Grains.Faults;
using BlockhostBroker.Silo.Cli;
using BlockhostBroker.TestSupport.Chain;

namespace BlockhostBroker.EndToEnd.Tests.Faults;

/// <summary>
/// kill -9 of the daemon at chosen points of a request's life (<see cref="FaultInjection"/>), then a restart
/// without the fault: the broker must finish every request exactly once on the same files. All points share one
/// chain and one daemon, so each run also re-checks every request of the runs before it.
/// </summary>
public sealed class KillPointTests(FaultBroker broker) : IClassFixture<FaultBroker>
{
    private const int RunsPerPoint = 2;
    private const int RequestsPerRun = 3;
    private const int SigKillExitCode = 128 + 9;
    private static readonly TimeSpan DeathTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData("after-decrypt")]
    [InlineData("after-allocate")]
    [InlineData("after-peer-applied")]
    [InlineData("after-broadcast")]
    [InlineData("before-receipt")]
    public async Task Requests_AfterSiloKilledAtPoint_AreAnsweredExactlyOnce(string point)
    {
        var audit = new BrokerAudit(broker);
        for (var run = 1; run <= RunsPerPoint; run++)
        {
            var clock = Stopwatch.StartNew();
            var submitted = await SubmitToDaemonArmedAtAsync(point);
            var diedAt = clock.Elapsed;

            broker.Daemon.Environment.Remove(FaultInjection.EnvironmentVariable);
            await broker.Daemon.StartAsync();
            var servingAt = clock.Elapsed;
            var answered = await audit.WaitAnsweredOnChainAsync(submitted, SettleTimeout);
            await audit.WaitSettledAsync(submitted, SettleTimeout);
            await audit.AssertConsistentAsync();

            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{point} run {run}: died {diedAt.TotalSeconds:F1} s after the armed launch, restarted and serving at {servingAt.TotalSeconds:F1} s, " +
                $"every request answered on-chain {answered.TotalSeconds:F1} s later, audited at {clock.Elapsed.TotalSeconds:F1} s");
        }
    }

    [Fact]
    public async Task Start_WithAMistypedKillPoint_RefusesToStartWithAConfigError()
    {
        await broker.Daemon.KillAsync();
        broker.Daemon.Environment[FaultInjection.EnvironmentVariable] = "after-decript";

        broker.Daemon.Launch();

        Assert.True(await broker.Daemon.WaitForExitAsync(DeathTimeout), "the daemon started with an unknown kill point");
        Assert.Equal((int)ExitCode.Config, broker.Daemon.ExitCode);
        Assert.Contains("unknown point 'after-decript'", broker.Daemon.RecentOutput, StringComparison.Ordinal);
        broker.Daemon.Environment.Remove(FaultInjection.EnvironmentVariable); // the theory's runs launch their own daemons
    }

    // SIGKILLs the previous (idle) daemon, boots one armed at the point while the requests are mined, and waits
    // until it has killed itself there.
    private async Task<IReadOnlyList<SubmittedRequest>> SubmitToDaemonArmedAtAsync(string point)
    {
        await broker.Daemon.KillAsync();
        broker.Daemon.Environment[FaultInjection.EnvironmentVariable] = point;
        broker.Daemon.Launch();
        var submitted = await broker.SubmitAsync(RequestsPerRun);

        Assert.True(await broker.Daemon.WaitForExitAsync(DeathTimeout), $"the daemon did not die at {point}:\n{broker.Daemon.RecentOutput}");
        Assert.Equal(SigKillExitCode, broker.Daemon.ExitCode);
        Assert.Contains($"reached {point}", broker.Daemon.RecentOutput, StringComparison.Ordinal);
        return submitted;
    }
}

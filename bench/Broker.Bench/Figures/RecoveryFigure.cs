using System.Diagnostics;
using BlockhostBroker.Bench.Report;

namespace BlockhostBroker.Bench.Figures;

/// <summary>
/// (e) Recovery after kill -9: a burst of requests to the daemon; as soon as the first answer is on chain (the rest
/// are then in the daemon's workflow or not yet seen), SIGKILL; then start it again on the same files.
/// Figure = seconds from the kill until every request is answered, and the number of ResponseSubmitted logs per
/// request id (exactly one each).
/// </summary>
public static class RecoveryFigure
{
    private const double GoalSeconds = 60;
    private static readonly TimeSpan SeenTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Kills the daemon with <paramref name="count"/> requests in flight and measures the recovery.</summary>
    public static async Task<IReadOnlyList<FigureRow>> RunAsync(ChainRig rig, int count)
    {
        var prepared = await rig.BrokerServers.PrepareAsync(count);
        var sent = await rig.BrokerServers.SubmitAllAsync(prepared);
        var first = sent.Min(s => s.Block);
        await WaitForFirstAnswerAsync(rig, [.. sent.Select(s => s.Id)], first);
        await rig.Broker.Daemon.KillAsync();
        var clock = Stopwatch.StartNew();
        var answeredBeforeKill = (await rig.BrokerAnswers.ReadAsync(first)).Select(a => a.RequestId).Distinct().Count();

        await rig.Broker.Daemon.StartAsync(TimeSpan.FromMinutes(2));
        var restarted = clock.Elapsed.TotalSeconds;
        await rig.BrokerAnswers.WaitForAllAsync([.. sent.Select(s => s.Id)], first, AnswerTimeout);
        var recovered = clock.Elapsed.TotalSeconds;

        // Let a few more blocks pass: a duplicate answer would show up now, not never.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var perRequest = (await rig.BrokerAnswers.ReadAsync(first)).GroupBy(a => a.RequestId).ToDictionary(g => g.Key, g => g.Count());
        var exactlyOnce = sent.Count(s => perRequest.GetValueOrDefault(s.Id) == 1);
        var met = recovered <= GoalSeconds && exactlyOnce == count;
        return
        [
            new FigureRow("e", $"kill -9 during a burst of {count}, daemon on {rig.Store}, {answeredBeforeKill} answered on chain at the kill: kill → all answered",
                $"{Units.Seconds(recovered)} (restart took {Units.Seconds(restarted)})", "", "",
                $"≤ {GoalSeconds:0} s, exactly once", met),
            new FigureRow("e", "requests with exactly one ResponseSubmitted log",
                $"{exactlyOnce} of {count} (max {perRequest.Values.DefaultIfEmpty(0).Max()} per request)"),
        ];
    }

    // The first answer on chain shows the daemon mid-burst: requests in every step of the workflow, transactions in
    // flight. Polled straight from the chain (50 ms), not through the daemon's API, which is slow to answer under a burst.
    private static async Task WaitForFirstAnswerAsync(ChainRig rig, IReadOnlyList<long> requestIds, long fromBlock)
    {
        var deadline = DateTime.UtcNow + SeenTimeout;
        var ids = requestIds.ToHashSet();
        while (DateTime.UtcNow < deadline)
        {
            if ((await rig.BrokerAnswers.ReadAsync(fromBlock)).Any(a => ids.Contains(a.RequestId)))
                return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"the daemon answered none of the burst within {SeenTimeout}");
    }
}

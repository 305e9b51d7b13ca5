using System.Diagnostics;
using BlockhostBroker.Bench.Report;

namespace BlockhostBroker.Bench.Figures;

/// <summary>
/// (e) Recovery after kill -9: a burst of requests to the daemon; as soon as the daemon has seen the last of them
/// (its API knows the request), SIGKILL; then start it again on the same files. Figure = seconds from the kill until
/// every request is answered, and the number of ResponseSubmitted logs per request id (exactly one each).
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
        await WaitUntilSeenAsync(rig, sent.Max(s => s.Id));
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
            new FigureRow("e", $"kill -9 with {count} requests in flight, daemon on {rig.Store} ({answeredBeforeKill} answered before the kill): kill → all answered",
                $"{Units.Seconds(recovered)} (restart took {Units.Seconds(restarted)})", "", "",
                $"≤ {GoalSeconds:0} s, exactly once", met),
            new FigureRow("e", "requests with exactly one ResponseSubmitted log",
                $"{exactlyOnce} of {count} (max {perRequest.Values.DefaultIfEmpty(0).Max()} per request)"),
        ];
    }

    private static async Task WaitUntilSeenAsync(ChainRig rig, long requestId)
    {
        var deadline = DateTime.UtcNow + SeenTimeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var view = await rig.Broker.Daemon.GetJsonAsync($"api/requests/{requestId}");
                return;
            }
            catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"the daemon did not see request {requestId} within {SeenTimeout}");
    }
}

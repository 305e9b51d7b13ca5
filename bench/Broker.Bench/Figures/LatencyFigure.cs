using BlockhostBroker.Bench.Chain;
using BlockhostBroker.Bench.Report;

namespace BlockhostBroker.Bench.Figures;

/// <summary>
/// (a) Answer latency: requests sent one after another (the next only once the previous is answered), to the
/// daemon and to the baseline at the same time. Blocks = response block − request block; seconds = from seeing the
/// request's receipt to seeing the ResponseSubmitted log (both polled every 50 ms).
/// </summary>
public static class LatencyFigure
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Measures <paramref name="count"/> sequential requests on each side.</summary>
    public static async Task<IReadOnlyList<FigureRow>> RunAsync(ChainRig rig, int count)
    {
        var prepared = await Task.WhenAll(rig.BrokerServers.PrepareAsync(count), rig.BaselineServers.PrepareAsync(count));
        var sides = await Task.WhenAll(
            MeasureAsync(rig.BrokerServers, rig.BrokerAnswers, prepared[0]),
            MeasureAsync(rig.BaselineServers, rig.BaselineAnswers, prepared[1], rig.EnsureBaselineRuns));
        var (broker, baseline) = (sides[0], sides[1]);
        var rows = new List<FigureRow>();
        foreach (var (p, goal) in new[] { (50.0, (double?)2), (95.0, null) })
        {
            var (blocks, baseBlocks) = (Units.Percentile(broker.Blocks, p), Units.Percentile(baseline.Blocks, p));
            rows.Add(new FigureRow("a", $"answer latency p{p:0}, {count} sequential requests (daemon on {rig.Store})",
                $"{Units.Blocks(blocks)}, {Units.Seconds(Units.Percentile(broker.Seconds, p))}",
                $"{Units.Blocks(baseBlocks)}, {Units.Seconds(Units.Percentile(baseline.Seconds, p))}",
                Units.Ratio(blocks / baseBlocks),
                goal is { } g ? $"p50 ≤ {g} blocks" : "",
                goal is { } limit ? blocks <= limit : null));
        }
        return rows;
    }

    private sealed record Side(List<double> Blocks, List<double> Seconds);

    private static async Task<Side> MeasureAsync(ServerFleet servers, ResponseLog answers, IReadOnlyList<PreparedServer> prepared, Action? check = null)
    {
        var side = new Side([], []);
        foreach (var server in prepared)
        {
            check?.Invoke();
            var sent = await servers.SubmitAsync(server);
            var answer = (await answers.WaitForAllAsync([sent.Id], sent.Block, AnswerTimeout))[sent.Id];
            if (!answer.Approved)
                throw new InvalidOperationException($"request {sent.Id} was rejected; the latency figure needs approved answers");
            side.Blocks.Add(answer.Block - sent.Block);
            side.Seconds.Add((answer.SeenAtUtc - sent.SeenAtUtc).TotalSeconds);
        }
        return side;
    }
}

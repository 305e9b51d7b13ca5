using BlockhostBroker.Bench.Chain;
using BlockhostBroker.Bench.Report;

namespace BlockhostBroker.Bench.Figures;

/// <summary>
/// (b) A burst: <c>count</c> requests signed with explicit nonces from several servers and broadcast at once, first
/// to the daemon, then (when it is done) to the baseline, so neither burst competes with the other for block space.
/// Figure = last answer's block − first request's block.
/// </summary>
public static class BurstFigure
{
    private const int GoalBlocks = 10;

    /// <summary>Measures one burst on each side.</summary>
    public static async Task<IReadOnlyList<FigureRow>> RunAsync(ChainRig rig, int count)
    {
        var prepared = await Task.WhenAll(rig.BrokerServers.PrepareAsync(count), rig.BaselineServers.PrepareAsync(count));
        var broker = await MeasureAsync(rig.BrokerServers, rig.BrokerAnswers, prepared[0], TimeSpan.FromMinutes(5));
        rig.EnsureBaselineRuns();
        // The baseline answers about one request per block, plus its 5 s polls.
        var baseline = await MeasureAsync(rig.BaselineServers, rig.BaselineAnswers, prepared[1], TimeSpan.FromSeconds(count * 4 + 120));
        return
        [
            new FigureRow("b", $"burst of {count}: blocks from the first request to the last answer",
                $"{Units.Blocks(broker.Blocks)}, {Units.Seconds(broker.Seconds)}",
                $"{Units.Blocks(baseline.Blocks)}, {Units.Seconds(baseline.Seconds)}",
                Units.Ratio((double)broker.Blocks / baseline.Blocks),
                $"≤ {GoalBlocks} blocks", broker.Blocks <= GoalBlocks),
            new FigureRow("b", $"burst of {count}: blocks the requests themselves spanned; approved answers",
                $"{Units.Blocks(broker.RequestBlocks)}; {broker.Approved} of {count}",
                $"{Units.Blocks(baseline.RequestBlocks)}; {baseline.Approved} of {count}"),
        ];
    }

    private sealed record Side(long Blocks, double Seconds, long RequestBlocks, int Approved);

    private static async Task<Side> MeasureAsync(ServerFleet servers, ResponseLog answers, IReadOnlyList<PreparedServer> prepared, TimeSpan timeout)
    {
        var sent = await servers.SubmitAllAsync(prepared);
        var first = sent.Min(s => s.Block);
        var all = await answers.WaitForAllAsync([.. sent.Select(s => s.Id)], first, timeout);
        var last = all.Values.MaxBy(a => a.Block)!;
        var seconds = (all.Values.Max(a => a.SeenAtUtc) - sent.Min(s => s.SeenAtUtc)).TotalSeconds;
        return new Side(last.Block - first, seconds, sent.Max(s => s.Block) - first + 1, all.Values.Count(a => a.Approved));
    }
}

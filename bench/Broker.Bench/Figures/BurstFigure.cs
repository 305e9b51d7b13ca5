using BlockhostBroker.Bench.Chain;
using BlockhostBroker.Bench.Daemon;
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
        var cpuBefore = rig.Broker.CpuSeconds();
        var broker = await MeasureAsync(rig.BrokerServers, rig.BrokerAnswers, prepared[0], TimeSpan.FromMinutes(5));
        var cpu = rig.Broker.CpuSeconds() - cpuBefore;
        var steps = await StepTimeline.DescribeAsync(rig.Broker, broker.RequestIds);
        rig.EnsureBaselineRuns();
        // The baseline answers about one request per block, plus its 5 s polls.
        var baseline = await MeasureAsync(rig.BaselineServers, rig.BaselineAnswers, prepared[1], TimeSpan.FromSeconds(count * 4 + 120));
        return
        [
            new FigureRow("b", $"burst of {count}: blocks from the first request to the last answer (daemon on {rig.Store})",
                $"{Units.Blocks(broker.Blocks)}, {Units.Seconds(broker.Seconds)}",
                $"{Units.Blocks(baseline.Blocks)}, {Units.Seconds(baseline.Seconds)}",
                Units.Ratio((double)broker.Blocks / baseline.Blocks),
                $"≤ {GoalBlocks} blocks", broker.Blocks <= GoalBlocks),
            new FigureRow("b", $"burst of {count}: blocks the requests themselves spanned; approved answers",
                $"{Units.Blocks(broker.RequestBlocks)}; {broker.Approved} of {count}",
                $"{Units.Blocks(baseline.RequestBlocks)}; {baseline.Approved} of {count}"),
            new FigureRow("b", $"burst of {count}: answers per block, counted from the first request's block", broker.PerBlock, baseline.PerBlock),
            new FigureRow("b", $"burst of {count} in the daemon: the last request reached each step, after the first was seen", steps),
            new FigureRow("b", $"burst of {count}: CPU time the daemon used (share of one core over the burst)",
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Units.Seconds(cpu)} ({cpu / broker.Seconds:P0})")),
        ];
    }

    private sealed record Side(long Blocks, double Seconds, long RequestBlocks, int Approved, string PerBlock, IReadOnlyList<long> RequestIds);

    private static async Task<Side> MeasureAsync(ServerFleet servers, ResponseLog answers, IReadOnlyList<PreparedServer> prepared, TimeSpan timeout)
    {
        var sent = await servers.SubmitAllAsync(prepared);
        var first = sent.Min(s => s.Block);
        var all = await answers.WaitForAllAsync([.. sent.Select(s => s.Id)], first, timeout);
        var last = all.Values.MaxBy(a => a.Block)!;
        var seconds = (all.Values.Max(a => a.SeenAtUtc) - sent.Min(s => s.SeenAtUtc)).TotalSeconds;
        var perBlock = all.Values.GroupBy(a => a.Block - first).OrderBy(g => g.Key).Select(g => $"+{g.Key}:{g.Count()}");
        return new Side(last.Block - first, seconds, sent.Max(s => s.Block) - first + 1, all.Values.Count(a => a.Approved),
            Abbreviate(perBlock), [.. sent.Select(s => s.Id)]);
    }

    // Long lists (the baseline's one answer per block) show their first and last few entries.
    private static string Abbreviate(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 12 ? string.Join(" ", list) : $"{string.Join(" ", list.Take(5))} … {string.Join(" ", list.TakeLast(3))}";
    }
}

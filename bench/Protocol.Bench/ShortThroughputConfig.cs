using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace BlockhostBroker.Protocol.Bench;

/// <summary>
/// A short in-process job (3 warm-ups, 5 measured iterations) so the whole suite finishes in a minute or two,
/// with an operations-per-second column: the figure that matters for "responses per block".
/// </summary>
public sealed class ShortThroughputConfig : ManualConfig
{
    /// <summary>Builds the configuration on top of BenchmarkDotNet's defaults (console logger, markdown exporter).</summary>
    public ShortThroughputConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(5)
            .WithId("Short"));
        AddColumn(StatisticColumn.OperationsPerSecond);
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}

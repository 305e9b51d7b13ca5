using System.Globalization;
using BlockhostBroker.Bench.Figures;
using BlockhostBroker.Bench.Report;
using BlockhostBroker.TestSupport.Network;

namespace BlockhostBroker.Bench;

/// <summary>Parses the options, runs the chosen figures in order and prints one table (optionally also as Markdown).</summary>
public static class BenchProgram
{
    private const string AllFigures = "abcdef";
    private const string ChainFigures = "abe"; // share one chain and daemon; run first, then that rig stops
    private const string RunOrder = "abecdf";
    private const string Usage = "usage: Broker.Bench [--only LETTERS (of abcdef)] [--markdown FILE] [--quick (small counts, a smoke run)] [--broker-store sqlite|postgresql (the daemon store in a, b, e)]";

    /// <summary>Runs; exit code 0 when every figure was measured (met or not), 1 when one failed, 2 on bad arguments.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParse(args, out var only, out var markdown, out var quick, out var onPostgreSql))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        var rows = new List<FigureRow>();
        var failed = false;
        await using var lab = await NetworkLab.CreateAsync();
        ChainRig? rig = null;
        try
        {
            var order = RunOrder.Where(only.Contains).ToList();
            foreach (var figure in order)
            {
                Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] figure ({figure}) …");
                try
                {
                    if (ChainFigures.Contains(figure))
                        rig ??= await ChainRig.StartAsync(lab, onPostgreSql);
                    else if (rig is not null)
                    {
                        await rig.DisposeAsync(); // its anvil and daemon would load the machine under the other figures
                        rig = null;
                    }
                    var measured = await RunFigureAsync(figure, rig, lab, quick ? Counts.Quick : Counts.Full);
                    var load = LoadAverage();
                    rows.AddRange(measured.Select(r => r with { Load = load }));
                    Console.Error.Write(FigureTable.Text(measured));
                }
                catch (Exception e)
                {
                    failed = true;
                    Console.Error.WriteLine($"figure ({figure}) failed: {e}");
                    rows.Add(new FigureRow(figure.ToString(), "not measured: " + e.GetType().Name, e.Message.Split('\n')[0]) { Load = LoadAverage() });
                }
            }
        }
        finally
        {
            if (rig is not null) await rig.DisposeAsync();
        }
        rows = [.. rows.OrderBy(r => r.Figure, StringComparer.Ordinal)];
        Console.Write(FigureTable.Text(rows));
        if (markdown is not null)
            await File.WriteAllTextAsync(markdown, FigureTable.Markdown(rows));
        return failed ? 1 : 0;
    }

    private static Task<IReadOnlyList<FigureRow>> RunFigureAsync(char figure, ChainRig? rig, NetworkLab lab, Counts counts) => figure switch
    {
        'a' => LatencyFigure.RunAsync(rig!, counts.Sequential),
        'b' => BurstFigure.RunAsync(rig!, counts.Burst),
        'c' => IpamFigure.RunAsync(counts.PoolSizes, counts.Allocations),
        'd' => PeersFigure.RunAsync(lab, counts.Peers),
        'e' => RecoveryFigure.RunAsync(rig!, counts.InFlight),
        'f' => MemoryFigure.RunAsync(lab, counts.MemoryAllocations),
        _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, "unknown figure"),
    };

    private static bool TryParse(string[] args, out string only, out string? markdown, out bool quick, out bool onPostgreSql)
    {
        (only, markdown, quick, onPostgreSql) = (AllFigures, null, false, false);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--only" when i + 1 < args.Length && args[i + 1].Length > 0 && args[i + 1].All(AllFigures.Contains):
                    only = new string([.. AllFigures.Where(args[++i].Contains)]);
                    break;
                case "--markdown" when i + 1 < args.Length:
                    markdown = args[++i];
                    break;
                case "--broker-store" when i + 1 < args.Length && args[i + 1] is "sqlite" or "postgresql":
                    onPostgreSql = args[++i] == "postgresql";
                    break;
                case "--quick":
                    quick = true;
                    break;
                default:
                    return false;
            }
        }
        return true;
    }

    /// <summary>How many of each: the figures, or a quick smoke run of the same code.</summary>
    private sealed record Counts(int Sequential, int Burst, int InFlight, int Peers, int[] PoolSizes, int Allocations, int MemoryAllocations)
    {
        public static readonly Counts Full = new(50, 200, 100, 1_000, [1_000, 100_000], 300, 10_000);
        public static readonly Counts Quick = new(5, 20, 10, 100, [100, 1_000], 50, 500);
    }

    // The first field of /proc/loadavg: the 1-minute load average.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "";
}

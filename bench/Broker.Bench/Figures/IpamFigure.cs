using System.Diagnostics;
using BlockhostBroker.Bench.Ipam;
using BlockhostBroker.Bench.Report;
using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Grains.Storage;
using BlockhostBroker.Protocol.Addressing;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.TestSupport;

namespace BlockhostBroker.Bench.Figures;

/// <summary>
/// (c) IPAM allocation cost: a store seeded with N existing allocations, a silo with the broker's storage wiring
/// and PrefixPoolGrain started on it, then <c>measured</c> sequential Allocate calls for new NFT contracts (after a
/// short warm-up), each timed from call to answer (the grain writes the row and its history before answering).
/// Figure = median per allocation at the large N over the small N, per store.
/// </summary>
public static class IpamFigure
{
    private const string Upstream = "2001:db8:c000::/96"; // 16.7 million /120s: room for any N
    private const int WarmUp = 20;
    private const double GoalRatio = 1.5;

    /// <summary>Measures both stores at each pool size (two sizes: small, large).</summary>
    public static async Task<IReadOnlyList<FigureRow>> RunAsync(int[] sizes, int measured)
    {
        var rows = new List<FigureRow>();
        rows.AddRange(await MeasureStoreAsync("SQLite", sizes, measured, async n =>
        {
            var dir = new TempDirectory("bhb-bench-ipam-");
            var path = dir.File("broker.db");
            await AllocationSeeder.SeedSqliteAsync(path, Plan, n);
            return (new BrokerStorageOptions { Provider = BrokerStorageOptions.SqliteProvider, SqlitePath = path }, dir);
        }));
        var server = new PostgresServer();
        await server.InitializeAsync();
        try
        {
            rows.AddRange(await MeasureStoreAsync("PostgreSQL", sizes, measured, async n =>
            {
                var connection = await server.CreateDatabaseAsync("ipam");
                await AllocationSeeder.SeedPostgreSqlAsync(connection, Plan, n);
                return (new BrokerStorageOptions { Provider = BrokerStorageOptions.PostgreSqlProvider, PostgreSqlConnection = connection }, null);
            }));
        }
        finally
        {
            await server.DisposeAsync();
        }
        return rows;
    }

    private static AllocationPlan Plan => new(Ipv6Prefix.Parse(Upstream), AllocationPlan.DefaultAllocationLength);

    private sealed record Run(int Existing, double MedianMs, double MeanMs, double LoadSeconds);

    // Both pools run at once and take turns, so load from other work on the machine falls on both alike.
    private static async Task<IReadOnlyList<FigureRow>> MeasureStoreAsync(
        string store, int[] sizes, int measured, Func<int, Task<(BrokerStorageOptions Options, IDisposable? Cleanup)>> seed)
    {
        var seeded = new List<(BrokerStorageOptions Options, IDisposable? Cleanup)>();
        var silos = new List<PoolSilo>();
        try
        {
            foreach (var n in sizes)
                seeded.Add(await seed(n));
            foreach (var (options, _) in seeded)
                silos.Add(await PoolSilo.StartAsync(options, Upstream));
            var runs = await MeasureAsync(silos, sizes, measured);
            return Rows(store, measured, runs[0], runs[^1]);
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
            foreach (var (_, cleanup) in seeded) cleanup?.Dispose();
        }
    }

    private static IReadOnlyList<FigureRow> Rows(string store, int measured, Run small, Run large)
    {
        var ratio = large.MedianMs / small.MedianMs;
        return
        [
            new FigureRow("c", $"IPAM allocation on {store}, median of {measured} (mean) at {small.Existing:N0} / {large.Existing:N0} existing",
                $"{Units.Millis(small.MedianMs)} ({Units.Millis(small.MeanMs)}) / {Units.Millis(large.MedianMs)} ({Units.Millis(large.MeanMs)})",
                "in-memory counter, nothing stored", Units.Ratio(ratio), $"ratio ≤ {GoalRatio}", ratio <= GoalRatio),
            new FigureRow("c", $"pool activation on {store} (loads every allocation) at {small.Existing:N0} / {large.Existing:N0}",
                $"{Units.Seconds(small.LoadSeconds)} / {Units.Seconds(large.LoadSeconds)}"),
        ];
    }

    private static async Task<List<Run>> MeasureAsync(List<PoolSilo> silos, int[] existing, int measured)
    {
        var clock = new Stopwatch();
        var loads = new List<double>();
        for (var s = 0; s < silos.Count; s++)
        {
            clock.Restart();
            var usage = await silos[s].Pool.GetUsage(); // activation: the grain loads every stored allocation
            loads.Add(clock.Elapsed.TotalSeconds);
            if (usage.Allocated != existing[s])
                throw new InvalidOperationException($"the pool loaded {usage.Allocated} allocations, {existing[s]} were seeded");
        }
        var times = silos.Select(_ => new List<double>(measured)).ToList();
        for (var i = 0; i < WarmUp + measured; i++)
        {
            // Alternate which pool goes first, so neither always follows the other.
            foreach (var s in i % 2 == 0 ? Enumerable.Range(0, silos.Count) : Enumerable.Range(0, silos.Count).Reverse())
            {
                var contract = AllocationSeeder.Contract(existing[s] + 1 + i);
                var key = WireGuardKeyPair.Generate().PublicKey.ToBase64();
                clock.Restart();
                var result = await silos[s].Pool.Allocate(contract, key);
                var elapsed = clock.Elapsed.TotalMilliseconds;
                if (result is not AllocationResult.Allocated)
                    throw new InvalidOperationException($"allocation {i} returned {result}");
                if (i >= WarmUp) times[s].Add(elapsed);
            }
        }
        return [.. times.Select((t, s) => new Run(existing[s], Units.Percentile(t, 50), t.Average(), loads[s]))];
    }
}

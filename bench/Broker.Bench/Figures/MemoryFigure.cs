using System.Diagnostics;
using System.Text.Json;
using BlockhostBroker.Bench.Daemon;
using BlockhostBroker.Bench.Ipam;
using BlockhostBroker.Bench.Report;
using BlockhostBroker.Protocol.Addressing;
using BlockhostBroker.TestSupport.Chain;
using BlockhostBroker.TestSupport.Network;

namespace BlockhostBroker.Bench.Figures;

/// <summary>
/// (f) The daemon's resident memory while it holds N allocations: its SQLite file is seeded with N allocations
/// before it starts (on its own automining anvil, so it shares no operator account); at start the pool loads them and
/// the WireGuard grain reconciles its wireguard-go interface to N peers. Once GET /api/peers lists N peers, each
/// owned by an allocation, and GET /api/allocations lists N, VmRSS is read from /proc/PID/status.
/// </summary>
public static class MemoryFigure
{
    private const long GoalBytes = 300_000_000;
    private const string Upstream = "2001:db8:f000::/104";
    private static readonly TimeSpan ReconcileTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Starts a daemon on <paramref name="count"/> seeded allocations and reads its memory; then the same with none.</summary>
    public static async Task<IReadOnlyList<FigureRow>> RunAsync(NetworkLab lab, int count)
    {
        var full = await MeasureAsync(lab, count, "memory");
        var empty = await MeasureAsync(lab, 0, "memory0");
        var served = full.Allocations == count && full.Peers == count;
        return
        [
            new FigureRow("f", $"daemon VmRSS holding {count:N0} allocations ({full.Allocations:N0} via /api/allocations, {full.Peers:N0} peers on its interface)",
                Units.Megabytes(full.Rss), "", "", $"≤ {GoalBytes / 1_000_000} MB", full.Rss <= GoalBytes && served),
            new FigureRow("f", "of which RssAnon (heaps, stacks) / RssFile (mapped assemblies) / RssShmem (double-mapped JIT code)",
                $"{Units.Megabytes(full.Anon)} / {Units.Megabytes(full.File)} / {Units.Megabytes(full.Shmem)}"),
            new FigureRow("f", "the same daemon holding no allocations: VmRSS (RssAnon / RssFile / RssShmem)",
                $"{Units.Megabytes(empty.Rss)} ({Units.Megabytes(empty.Anon)} / {Units.Megabytes(empty.File)} / {Units.Megabytes(empty.Shmem)})"),
            new FigureRow("f", $"daemon start → {count:N0} peers on its wireguard-go interface (load + reconcile)", Units.Seconds(full.UntilPeers)),
        ];
    }

    private sealed record Memory(long Rss, long Anon, long File, long Shmem, int Allocations, int Peers, double UntilPeers);

    private static async Task<Memory> MeasureAsync(NetworkLab lab, int count, string role)
    {
        await using var chain = new BrokerChain();
        await chain.InitializeAsync();
        var plan = new AllocationPlan(Ipv6Prefix.Parse(Upstream), AllocationPlan.DefaultAllocationLength);
        var clock = new Stopwatch();
        await using var broker = await BrokerUnderTest.StartAsync(lab, chain, role, Upstream, async config =>
        {
            await AllocationSeeder.SeedSqliteAsync(Path.Combine(config.Directory, "broker.db"), plan, count);
            clock.Start();
        });
        var peers = await WaitForPeersAsync(broker, count);
        var untilPeers = clock.Elapsed.TotalSeconds;
        var allocations = await CountAsync(broker, "api/allocations", _ => true);
        await Task.Delay(TimeSpan.FromSeconds(5)); // the timers and chain polling run a few rounds first
        return new Memory(broker.MemoryBytes("VmRSS"), broker.MemoryBytes("RssAnon"), broker.MemoryBytes("RssFile"),
            broker.MemoryBytes("RssShmem"), allocations, peers, untilPeers);
    }

    private static async Task<int> WaitForPeersAsync(BrokerUnderTest broker, int count)
    {
        var deadline = DateTime.UtcNow + ReconcileTimeout;
        var peers = 0;
        while (DateTime.UtcNow < deadline)
        {
            peers = await CountAsync(broker, "api/peers", p => p.GetProperty("nftContract").ValueKind == JsonValueKind.String);
            if (peers >= count) return peers;
            await Task.Delay(250);
        }
        throw new TimeoutException($"the daemon's interface held {peers} of {count} peers after {ReconcileTimeout}");
    }

    private static async Task<int> CountAsync(BrokerUnderTest broker, string path, Func<JsonElement, bool> counts)
    {
        using var list = await broker.Daemon.GetJsonAsync(path);
        return list.RootElement.EnumerateArray().Count(counts);
    }
}

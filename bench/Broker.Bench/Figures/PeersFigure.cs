using System.Diagnostics;
using BlockhostBroker.Bench.Report;
using BlockhostBroker.Grains.WireGuard;
using BlockhostBroker.Protocol.Addressing;
using BlockhostBroker.TestSupport.Network;
using WireGuardKeyPair = BlockhostBroker.Protocol.Keys.WireGuardKeyPair;

namespace BlockhostBroker.Bench.Figures;

/// <summary>
/// (d) Peers applied to one wireguard-go interface in a namespace through the product's WireGuard backend
/// (<see cref="WgToolClient"/>): the whole set as one device change, as WireGuardGrain's reconcile and batches send
/// it. The baseline applies the same peers one `wg set` per peer, as a one-request-at-a-time broker does, on a
/// second interface. Both are read back (`wg show dump`) and must hold every peer with its prefix.
/// </summary>
public static class PeersFigure
{
    private const double GoalSeconds = 2;
    private static readonly AllocationPlan Plan = new(Ipv6Prefix.Parse("2001:db8:d000::/104"), AllocationPlan.DefaultAllocationLength);

    /// <summary>Applies <paramref name="count"/> peers both ways.</summary>
    public static async Task<IReadOnlyList<FigureRow>> RunAsync(NetworkLab lab, int count)
    {
        var ns = await lab.AddNamespaceAsync("peers");
        var (batched, oneByOne) = (await lab.StartWireGuardGoAsync(ns), await lab.StartWireGuardGoAsync(ns));
        var client = new WgToolClient(ns.Name);
        var peers = Enumerable.Range(1, count)
            .Select(i => PeerReconciler.Assign(WireGuardKeyPair.Generate().PublicKey.ToBase64(), Plan.PrefixAt(i).ToString()))
            .ToList();

        var clock = Stopwatch.StartNew();
        await client.ConfigureDevice(batched.Name, new DeviceConfig { Peers = peers });
        var batchedSeconds = clock.Elapsed.TotalSeconds;
        await EnsureAppliedAsync(client, batched.Name, peers);

        clock.Restart();
        foreach (var peer in peers)
            await client.ConfigureDevice(oneByOne.Name, new DeviceConfig { Peers = [peer] });
        var oneByOneSeconds = clock.Elapsed.TotalSeconds;
        await EnsureAppliedAsync(client, oneByOne.Name, peers);

        return
        [
            new FigureRow("d", $"{count:N0} peers applied to one wireguard-go interface (one `wg set`; baseline one per peer)",
                Units.Seconds(batchedSeconds), Units.Seconds(oneByOneSeconds), Units.Ratio(batchedSeconds / oneByOneSeconds),
                $"≤ {GoalSeconds} s", batchedSeconds <= GoalSeconds),
        ];
    }

    private static async Task EnsureAppliedAsync(WgToolClient client, string name, IReadOnlyList<PeerConfig> wanted)
    {
        var actual = (await client.GetDevice(name)).Peers.ToDictionary(p => p.PublicKey, p => string.Join(',', p.AllowedIps));
        var wrong = wanted.Count(p => actual.GetValueOrDefault(p.PublicKey) != p.AllowedIps[0]);
        if (actual.Count != wanted.Count || wrong > 0)
            throw new InvalidOperationException($"{name} holds {actual.Count} peers, {wrong} of the {wanted.Count} wanted are missing or wrong");
    }
}

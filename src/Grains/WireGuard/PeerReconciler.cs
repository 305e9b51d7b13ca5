using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Protocol.Addressing;

namespace BlockhostBroker.Grains.WireGuard;

/// <summary>The one change that brings an interface to the desired peers, and what it does.</summary>
public sealed record ReconcilePlan(DeviceConfig Config, ReconcileReport Report);

/// <summary>
/// Compares the desired peers (public key → its one prefix) with the interface's peers and plans a single
/// <see cref="DeviceConfig"/>: add missing peers, remove unknown ones, replace wrong allowed-ips. Correct peers
/// are left out of the config entirely, so their sessions and handshakes are not disturbed.
/// </summary>
public static class PeerReconciler
{
    /// <summary>Plans the change; removals come first so a prefix freed by a removed peer is free when re-added.</summary>
    public static ReconcilePlan Plan(IReadOnlyDictionary<string, string> desired, IReadOnlyList<WireGuardPeer> actual)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(actual);
        var actualByKey = actual.ToDictionary(p => p.PublicKey, StringComparer.Ordinal);
        var removals = actual
            .Where(p => !desired.ContainsKey(p.PublicKey))
            .OrderBy(p => p.PublicKey, StringComparer.Ordinal)
            .Select(p => new PeerConfig(p.PublicKey) { Remove = true })
            .ToList();
        var fixes = new List<PeerConfig>();
        var additions = new List<PeerConfig>();
        var unchanged = 0;
        foreach (var (key, prefix) in desired.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var wanted = AllowedIp.Normalize(prefix);
            if (!actualByKey.TryGetValue(key, out var peer))
                additions.Add(Assign(key, wanted));
            else if (!HasExactly(peer, wanted))
                fixes.Add(Assign(key, wanted));
            else
                unchanged++;
        }
        var config = new DeviceConfig { Peers = [.. removals, .. fixes, .. additions] };
        return new ReconcilePlan(config, new ReconcileReport(additions.Count, removals.Count, fixes.Count, unchanged));
    }

    /// <summary>
    /// The desired peers of a gateway: each allocation inside its upstream, key → normalized prefix. Allocations
    /// of another gateway's upstream, or with a malformed key or prefix, are returned as skipped.
    /// </summary>
    public static (Dictionary<string, string> Desired, List<Allocation> Skipped) DesiredFrom(IEnumerable<Allocation> allocations, Ipv6Prefix upstream)
    {
        var desired = new Dictionary<string, string>(StringComparer.Ordinal);
        var skipped = new List<Allocation>();
        foreach (var allocation in allocations)
        {
            if (WireGuardKey.IsValid(allocation.WgPubkey)
                && Ipv6Prefix.TryParse(allocation.Prefix, out var prefix, out _) && upstream.Contains(prefix))
                desired[allocation.WgPubkey] = AllowedIp.Normalize(allocation.Prefix);
            else
                skipped.Add(allocation);
        }
        return (desired, skipped);
    }

    /// <summary>The config that gives a peer exactly one prefix, whether it is new or had other allowed-ips.</summary>
    public static PeerConfig Assign(string publicKey, string prefix) =>
        new(publicKey) { ReplaceAllowedIps = true, AllowedIps = [AllowedIp.Normalize(prefix)] };

    private static bool HasExactly(WireGuardPeer peer, string normalizedPrefix) =>
        peer.AllowedIps.Count == 1 && AllowedIp.Normalize(peer.AllowedIps[0]) == normalizedPrefix;
}

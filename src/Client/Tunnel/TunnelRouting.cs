using System.Globalization;
using BlockhostBroker.Client.State;

namespace BlockhostBroker.Client.Tunnel;

/// <summary>
/// The routes and rule a tunnel needs, as `ip` argument lists; `configure` runs them and the wg-quick file carries
/// them as PostUp/PostDown hooks, so both ways of bringing the tunnel up route alike:
/// the gateway through the tunnel; an IPv6 default route through the tunnel that yields to a native one
/// (higher metric); and traffic from the allocated prefix (the VMs) always through the tunnel (source rule),
/// since the broker's upstream is the only path that accepts those source addresses.
/// </summary>
public static class TunnelRouting
{
    /// <summary>Metric of the tunnel's default route: above the 1024 kernel and RA default routes get, so a native route wins.</summary>
    public const int DefaultRouteMetric = 2048;

    /// <summary>The routing table holding the default route for traffic from the prefix (wg-quick uses 51820 for its own).</summary>
    public const int SourceTable = 51821;

    /// <summary>The priority of the source rule: before the main table's rule at 32766.</summary>
    public const int SourceRulePriority = 32000;

    /// <summary>The token wg-quick replaces with the interface name in hooks.</summary>
    public const string WgQuickInterfaceToken = "%i";

    /// <summary>`ip` arguments that route through the tunnel; idempotent when preceded by <see cref="RuleDeletion"/>.</summary>
    public static IReadOnlyList<string[]> Up(TunnelPeer peer, string device) =>
    [
        ["-6", "route", "replace", $"{peer.Gateway}/128", "dev", device],
        ["-6", "route", "replace", "default", "dev", device, "metric", Text(DefaultRouteMetric)],
        ["-6", "route", "replace", "default", "dev", device, "table", Text(SourceTable)],
        ["-6", "rule", "add", "from", peer.Prefix.ToString(), "lookup", Text(SourceTable), "priority", Text(SourceRulePriority)],
    ];

    /// <summary>`ip` arguments that remove the source rule (routes leave with the interface).</summary>
    public static string[] RuleDeletion(TunnelPeer peer) =>
        ["-6", "rule", "del", "from", peer.Prefix.ToString(), "lookup", Text(SourceTable), "priority", Text(SourceRulePriority)];

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

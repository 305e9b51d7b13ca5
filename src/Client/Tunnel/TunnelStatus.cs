using System.Globalization;

namespace BlockhostBroker.Client.Tunnel;

/// <summary>The state of the tunnel interface as `wg show &lt;iface&gt; dump` reports it.</summary>
/// <param name="Interface">The interface name.</param>
/// <param name="Present">True when a WireGuard interface of that name exists.</param>
/// <param name="PeerKey">The broker peer's public key, when one is configured.</param>
/// <param name="Endpoint">The peer's current endpoint.</param>
/// <param name="LatestHandshake">The last completed handshake, or null if none yet.</param>
/// <param name="ReceivedBytes">Bytes received from the peer.</param>
/// <param name="SentBytes">Bytes sent to the peer.</param>
public sealed record TunnelStatus(
    string Interface, bool Present, string? PeerKey, string? Endpoint, DateTimeOffset? LatestHandshake, long ReceivedBytes, long SentBytes)
{
    // `wg show dump` peer lines: public-key, preshared-key, endpoint, allowed-ips, latest-handshake, rx, tx, keepalive.
    private const int PeerFields = 8;

    /// <summary>Reads the dump; null dump (no such interface) gives an absent tunnel.</summary>
    public static TunnelStatus Parse(string device, string? dump)
    {
        if (dump is null)
            return new TunnelStatus(device, false, null, null, null, 0, 0);
        var peer = dump.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(line => line.Split('\t'))
            .FirstOrDefault(fields => fields.Length == PeerFields);
        if (peer is null)
            return new TunnelStatus(device, true, null, null, null, 0, 0);
        var handshake = long.Parse(peer[4], CultureInfo.InvariantCulture);
        return new TunnelStatus(device, true, peer[0], peer[2] == "(none)" ? null : peer[2],
            handshake == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(handshake),
            long.Parse(peer[5], CultureInfo.InvariantCulture), long.Parse(peer[6], CultureInfo.InvariantCulture));
    }
}

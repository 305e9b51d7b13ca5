using System.Globalization;
using System.Text;
using BlockhostBroker.Client.State;
using BlockhostBroker.Protocol.Keys;

namespace BlockhostBroker.Client.Tunnel;

/// <summary>Renders the tunnel as WireGuard configuration: plain (for `wg setconf`) or as a wg-quick file.</summary>
public static class WireGuardConfigText
{
    /// <summary>The tunnel's MTU: wg-quick's default for IPv6 underlay (1500 − 80).</summary>
    public const int Mtu = 1420;

    /// <summary>Keepalive interval in seconds, so the broker can reach a server behind NAT.</summary>
    public const int PersistentKeepalive = 25;

    /// <summary>Everything IPv6 may go through the tunnel; which traffic does is decided by the routes.</summary>
    public const string AllowedIps = "::/0";

    /// <summary>The `wg setconf` form: the private key and the broker as the only peer.</summary>
    public static string Plain(WireGuardKeyPair key, TunnelPeer peer)
    {
        var text = new StringBuilder();
        text.Append("[Interface]\n").Append("PrivateKey = ").Append(key.ExportPrivateKeyBase64()).Append('\n');
        AppendPeer(text, peer);
        return text.ToString();
    }

    /// <summary>The wg-quick form: address, MTU, our routes as hooks (Table = off, so wg-quick adds none of its own), the peer.</summary>
    public static string WgQuick(WireGuardKeyPair key, TunnelPeer peer, string header)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(header).Append('\n');
        text.Append("[Interface]\n");
        text.Append("PrivateKey = ").Append(key.ExportPrivateKeyBase64()).Append('\n');
        text.Append("Address = ").Append(peer.Address).Append('/').Append(Number(peer.Prefix.Length)).Append('\n');
        text.Append("MTU = ").Append(Number(Mtu)).Append('\n');
        text.Append("Table = off\n");
        // wg-quick runs hooks with `set -e`; a rule left by `configure` must not stop it, nor be added twice.
        text.Append("PostUp = ip ").AppendJoin(' ', TunnelRouting.RuleDeletion(peer)).Append(" 2>/dev/null || true\n");
        foreach (var route in TunnelRouting.Up(peer, TunnelRouting.WgQuickInterfaceToken))
            text.Append("PostUp = ip ").AppendJoin(' ', route).Append('\n');
        text.Append("PostDown = ip ").AppendJoin(' ', TunnelRouting.RuleDeletion(peer)).Append(" || true\n");
        AppendPeer(text, peer);
        return text.ToString();
    }

    private static void AppendPeer(StringBuilder text, TunnelPeer peer)
    {
        text.Append("\n[Peer]\n");
        text.Append("PublicKey = ").Append(peer.BrokerKey.ToBase64()).Append('\n');
        text.Append("Endpoint = ").Append(peer.Endpoint).Append('\n');
        text.Append("AllowedIPs = ").Append(AllowedIps).Append('\n');
        text.Append("PersistentKeepalive = ").Append(Number(PersistentKeepalive)).Append('\n');
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

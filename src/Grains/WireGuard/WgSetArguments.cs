using System.Globalization;

namespace BlockhostBroker.Grains.WireGuard;

/// <summary>
/// Turns a <see cref="DeviceConfig"/> into the arguments of one `wg set` call: one clause per peer, so a thousand
/// peers are one process and one configuration transaction. Keys go by file path only.
/// </summary>
public static class WgSetArguments
{
    private const int MaxPort = 65535;

    /// <summary>
    /// Builds "set IFACE …". `wg set … allowed-ips` always replaces, so an additive change is sent as the union
    /// with <paramref name="currentAllowedIps"/> (the peer's allowed-ips now, empty for a new peer).
    /// </summary>
    public static List<string> Build(string name, DeviceConfig config, Func<string, IReadOnlyList<string>> currentAllowedIps)
    {
        ArgumentNullException.ThrowIfNull(config);
        var args = new List<string> { "set", InterfaceName.Require(name) };
        if (config.ListenPort is { } port)
            args.AddRange(["listen-port", Number(port, 0, MaxPort, "listen port")]);
        if (config.PrivateKeyFile is { } keyFile)
            args.AddRange(["private-key", RequireFilePath(keyFile, "private key file")]);
        foreach (var peer in config.Peers)
            AddPeer(args, peer, currentAllowedIps);
        return args;
    }

    /// <summary>True when applying the config needs the peers' current allowed-ips (an additive change).</summary>
    public static bool NeedsCurrentAllowedIps(DeviceConfig config) =>
        config.Peers.Any(p => !p.Remove && !p.ReplaceAllowedIps && p.AllowedIps.Count > 0);

    private static void AddPeer(List<string> args, PeerConfig peer, Func<string, IReadOnlyList<string>> currentAllowedIps)
    {
        args.AddRange(["peer", WireGuardKey.Require(peer.PublicKey, "peer public key")]);
        if (peer.Remove)
        {
            args.Add("remove");
            return;
        }
        if (peer.PresharedKeyFile is { } psk)
            args.AddRange(["preshared-key", RequireFilePath(psk, "preshared key file")]);
        if (peer.Endpoint is { } endpoint)
            args.AddRange(["endpoint", RequireEndpoint(endpoint)]);
        if (peer.PersistentKeepaliveSeconds is { } keepalive)
            args.AddRange(["persistent-keepalive", Number(keepalive, 0, ushort.MaxValue, "persistent keepalive")]);
        if (peer.ReplaceAllowedIps || peer.AllowedIps.Count > 0)
            args.AddRange(["allowed-ips", string.Join(',', AllowedIpsToSend(peer, currentAllowedIps))]);
    }

    private static IEnumerable<string> AllowedIpsToSend(PeerConfig peer, Func<string, IReadOnlyList<string>> current)
    {
        var wanted = AllowedIp.NormalizeSet(peer.AllowedIps);
        if (!peer.ReplaceAllowedIps)
            wanted.UnionWith(AllowedIp.NormalizeSet(current(peer.PublicKey)));
        return wanted;
    }

    private static string Number(int value, int min, int max, string what) =>
        value >= min && value <= max
            ? value.ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{what} must be from {min} to {max}");

    private static string RequireFilePath(string path, string what) =>
        Path.IsPathFullyQualified(path)
            ? path
            : throw new ArgumentException($"{what} must be an absolute path, got '{path}'", nameof(path));

    private static string RequireEndpoint(string endpoint) =>
        endpoint.Length > 0 && endpoint.LastIndexOf(':') > 0 && !endpoint.Any(char.IsWhiteSpace)
            ? endpoint
            : throw new ArgumentException($"endpoint '{endpoint}' must be host:port (IPv6 in brackets)", nameof(endpoint));
}

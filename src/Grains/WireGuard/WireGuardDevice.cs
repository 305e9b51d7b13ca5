namespace BlockhostBroker.Grains.WireGuard;

/// <summary>A WireGuard interface as `wg show` reports it. The private key itself is never carried, only whether one is set.</summary>
public sealed record WireGuardDevice(
    string Name,
    bool HasPrivateKey,
    string? PublicKey,
    int ListenPort,
    uint? FirewallMark,
    IReadOnlyList<WireGuardPeer> Peers);

/// <summary>One peer of a WireGuard interface with its runtime counters.</summary>
public sealed record WireGuardPeer(
    string PublicKey,
    bool HasPresharedKey,
    string? Endpoint,
    IReadOnlyList<string> AllowedIps,
    DateTimeOffset? LatestHandshake,
    long ReceiveBytes,
    long TransmitBytes,
    int? PersistentKeepaliveSeconds);

/// <summary>
/// Changes to apply to a WireGuard interface, in wgctrl-go's style: a null field leaves that setting unchanged,
/// peers not listed are untouched, and removal or replacement of allowed-ips is explicit per peer.
/// </summary>
public sealed record DeviceConfig
{
    /// <summary>A file (mode 0600) holding the private key to set; the key never travels on a command line.</summary>
    public string? PrivateKeyFile { get; init; }

    /// <summary>The UDP port to listen on; 0 lets WireGuard pick one.</summary>
    public int? ListenPort { get; init; }

    /// <summary>Peers to add, change or remove.</summary>
    public IReadOnlyList<PeerConfig> Peers { get; init; } = [];

    /// <summary>True when applying this config would change nothing.</summary>
    public bool IsEmpty => PrivateKeyFile is null && ListenPort is null && Peers.Count == 0;
}

/// <summary>Changes to one peer, keyed by its public key.</summary>
public sealed record PeerConfig(string PublicKey)
{
    /// <summary>Remove the peer; every other field is then ignored.</summary>
    public bool Remove { get; init; }

    /// <summary>Set the allowed-ips to exactly <see cref="AllowedIps"/> instead of adding to the current ones.</summary>
    public bool ReplaceAllowedIps { get; init; }

    /// <summary>Allowed-ips to add, or with <see cref="ReplaceAllowedIps"/> the full new list (empty clears it).</summary>
    public IReadOnlyList<string> AllowedIps { get; init; } = [];

    /// <summary>The peer's "host:port" (IPv6 in brackets); null leaves it unchanged.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Keepalive interval in seconds (0 turns it off); null leaves it unchanged.</summary>
    public int? PersistentKeepaliveSeconds { get; init; }

    /// <summary>A file holding the preshared key; null leaves it unchanged.</summary>
    public string? PresharedKeyFile { get; init; }
}

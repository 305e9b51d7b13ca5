namespace BlockhostBroker.Grains.WireGuard;

/// <summary>What one reconciliation changed on the interface.</summary>
[GenerateSerializer, Immutable, Alias("ReconcileReport")]
public sealed record ReconcileReport(
    [property: Id(0)] int Added,
    [property: Id(1)] int Removed,
    [property: Id(2)] int Fixed,
    [property: Id(3)] int Unchanged);

/// <summary>One peer as the status API shows it.</summary>
[GenerateSerializer, Immutable, Alias("WireGuardPeerStatus")]
public sealed record WireGuardPeerStatus(
    [property: Id(0)] string PublicKey,
    [property: Id(1)] IReadOnlyList<string> AllowedIps,
    [property: Id(2)] string? Endpoint,
    [property: Id(3)] DateTimeOffset? LatestHandshake,
    [property: Id(4)] long ReceiveBytes,
    [property: Id(5)] long TransmitBytes);

/// <summary>What a server needs to reach this gateway: the response payload's brokerPubkey, brokerEndpoint and gateway.</summary>
[GenerateSerializer, Immutable, Alias("WireGuardGatewayInfo")]
public sealed record WireGuardGatewayInfo(
    [property: Id(0)] string Interface,
    [property: Id(1)] string PublicKey,
    [property: Id(2)] string PublicEndpoint,
    [property: Id(3)] string GatewayAddress,
    [property: Id(4)] string UpstreamPrefix);

/// <summary>
/// One WireGuard gateway interface (key: the interface name). Runs only on the silo that holds the interface
/// (<see cref="InterfaceHostPlacementAttribute"/>) and keeps it equal to the prefix pool's allocations.
/// </summary>
[Alias("IWireGuardGrain")]
public interface IWireGuardGrain : IGrainWithStringKey
{
    /// <summary>Adds the peer, or gives it exactly this prefix as allowed-ips; concurrent calls share one `wg` call.</summary>
    [Alias("ApplyPeer")]
    Task ApplyPeer(string wgPubkey, string prefix);

    /// <summary>Removes the peer; removing an absent peer is not an error.</summary>
    [Alias("RemovePeer")]
    Task RemovePeer(string wgPubkey);

    /// <summary>Brings the interface to the prefix pool's allocations now and reports what changed.</summary>
    [Alias("Reconcile")]
    Task<ReconcileReport> Reconcile();

    /// <summary>The interface's peers with endpoint, last handshake and traffic counters.</summary>
    [Alias("GetPeers")]
    Task<IReadOnlyList<WireGuardPeerStatus>> GetPeers();

    /// <summary>The gateway's public key, public endpoint and address, for responses to servers.</summary>
    [Alias("GetGatewayInfo")]
    Task<WireGuardGatewayInfo> GetGatewayInfo();
}

namespace BlockhostBroker.Grains.WireGuard;

/// <summary>No active silo holds the interface, so its grain cannot be placed (placing it elsewhere would configure nothing).</summary>
[GenerateSerializer, Alias("InterfaceHostUnavailableException")]
public sealed class InterfaceHostUnavailableException(string iface, string configuredHost, IReadOnlyList<string> activeSilos)
    : Exception(
        $"No active silo holds WireGuard interface '{iface}' " +
        $"(configured host silo: {(configuredHost.Length == 0 ? "none on this silo" : $"'{configuredHost}'")}; " +
        $"active silos: {(activeSilos.Count == 0 ? "none" : string.Join(", ", activeSilos))}). " +
        $"Start that silo, or set {WireGuardOptions.HostSiloKey} (or the holder's silo metadata '{InterfaceHostPlacementDirector.MetadataKey}').");

/// <summary>A WireGuard grain activated on a silo whose configuration does not hold its interface.</summary>
[GenerateSerializer, Alias("InterfaceNotHostedHereException")]
public sealed class InterfaceNotHostedHereException(string iface, string siloName)
    : Exception($"Silo '{siloName}' does not hold WireGuard interface '{iface}': it has no AddWireGuard for it with {WireGuardOptions.HostSiloKey} naming this silo (or empty).");

/// <summary>A peer prefix outside the gateway's upstream prefix: it would never be routed to the interface.</summary>
[GenerateSerializer, Alias("PeerPrefixOutsideUpstreamException")]
public sealed class PeerPrefixOutsideUpstreamException(string prefix, string upstream)
    : ArgumentException($"Peer prefix '{prefix}' is not inside the gateway's upstream prefix {upstream}.");

/// <summary>The interface exists but is not configured far enough to answer (e.g. no private key is set yet).</summary>
[GenerateSerializer, Alias("WireGuardInterfaceNotReadyException")]
public sealed class WireGuardInterfaceNotReadyException(string iface, string reason)
    : InvalidOperationException($"WireGuard interface '{iface}' is not ready: {reason}.");

using System.Net;
using BlockhostBroker.Protocol.Addressing;

namespace BlockhostBroker.Grains.WireGuard;

/// <summary>
/// One WireGuard gateway: the interface, its key and port, the upstream prefix its peers' prefixes come from,
/// and the silo that holds it. Bound from the [wireguard] section (and [broker] upstream_prefix); named options
/// keyed by <see cref="Interface"/>, so a silo may hold several gateways.
/// </summary>
public sealed class WireGuardOptions
{
    /// <summary>Config key of <see cref="Interface"/>.</summary>
    public const string InterfaceKey = "[wireguard] interface";

    /// <summary>Config key of <see cref="ListenPort"/>.</summary>
    public const string ListenPortKey = "[wireguard] listen_port";

    /// <summary>Config key of <see cref="PublicEndpoint"/>.</summary>
    public const string PublicEndpointKey = "[wireguard] public_endpoint";

    /// <summary>Config key of <see cref="PrivateKeyFile"/>.</summary>
    public const string PrivateKeyFileKey = "[wireguard] private_key_file";

    /// <summary>Config key of <see cref="UpstreamPrefix"/>.</summary>
    public const string UpstreamPrefixKey = "[broker] upstream_prefix";

    /// <summary>Config key of <see cref="GatewayAddress"/>.</summary>
    public const string GatewayAddressKey = "[wireguard] gateway_address";

    /// <summary>Config key of <see cref="NetworkNamespace"/>.</summary>
    public const string NetworkNamespaceKey = "[wireguard] network_namespace";

    /// <summary>Config key of <see cref="ConfigDirectory"/>.</summary>
    public const string ConfigDirectoryKey = "[wireguard] config_directory";

    /// <summary>Config key of <see cref="ReconcileInterval"/>.</summary>
    public const string ReconcileIntervalKey = "[wireguard] reconcile_interval_seconds";

    /// <summary>Config key of <see cref="HostSilo"/>.</summary>
    public const string HostSiloKey = "[wireguard] host_silo";

    /// <summary>The interface name, 1–15 characters.</summary>
    public string Interface { get; set; } = "wg-broker";

    /// <summary>UDP port the interface listens on.</summary>
    public int ListenPort { get; set; } = 51820;

    /// <summary>"host:port" servers dial; sent in responses.</summary>
    public string PublicEndpoint { get; set; } = "";

    /// <summary>The private key file, one base64 line, mode 0600.</summary>
    public string PrivateKeyFile { get; set; } = "/etc/blockhost-broker/wg.key";

    /// <summary>The broker's upstream IPv6 prefix; every peer prefix lies inside it.</summary>
    public string UpstreamPrefix { get; set; } = "";

    /// <summary>The broker's own address on the interface; empty means the upstream's first host, "…::1".</summary>
    public string GatewayAddress { get; set; } = "";

    /// <summary>Network namespace holding the interface; empty means the silo's own.</summary>
    public string NetworkNamespace { get; set; } = "";

    /// <summary>Where "&lt;interface&gt;.conf" is kept for wg-quick; empty turns the file off.</summary>
    public string ConfigDirectory { get; set; } = "/etc/wireguard";

    /// <summary>How often the interface is reconciled with the allocations.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Name of the silo holding the interface; empty means the silo this is configured on.</summary>
    public string HostSilo { get; set; } = "";

    /// <summary>Create and configure the interface (key, port, address, link up) when the grain activates.</summary>
    public bool ProvisionInterface { get; set; } = true;

    /// <summary>The parsed upstream prefix; valid only after validation.</summary>
    public Ipv6Prefix Upstream => Ipv6Prefix.Parse(UpstreamPrefix);

    /// <summary>The gateway address: <see cref="GatewayAddress"/> or the upstream's first host.</summary>
    public IPAddress Gateway => GatewayAddress.Length > 0 ? IPAddress.Parse(GatewayAddress) : Upstream.AddressAt(1);

    /// <summary>
    /// The gateway with the upstream's length, e.g. "2001:db8:f04::1/48": set on the interface, it gives one
    /// connected route for the whole upstream through the interface, and WireGuard's allowed-ips pick the peer.
    /// </summary>
    public string GatewayCidr => $"{Gateway}/{Upstream.Length}";

    /// <summary>Copies every setting (named options are filled from a template this way).</summary>
    public void CopyTo(WireGuardOptions target)
    {
        target.Interface = Interface;
        target.ListenPort = ListenPort;
        target.PublicEndpoint = PublicEndpoint;
        target.PrivateKeyFile = PrivateKeyFile;
        target.UpstreamPrefix = UpstreamPrefix;
        target.GatewayAddress = GatewayAddress;
        target.NetworkNamespace = NetworkNamespace;
        target.ConfigDirectory = ConfigDirectory;
        target.ReconcileInterval = ReconcileInterval;
        target.HostSilo = HostSilo;
        target.ProvisionInterface = ProvisionInterface;
    }
}

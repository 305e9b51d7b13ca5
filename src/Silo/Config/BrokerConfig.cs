using BlockhostBroker.Grains.Chain;
using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Grains.Requests;
using BlockhostBroker.Grains.Storage;
using BlockhostBroker.Grains.WireGuard;

namespace BlockhostBroker.Silo.Config;

/// <summary>
/// The whole config.toml, read into the options classes of the features it configures. One TOML key may feed
/// several of them (e.g. [onchain] rpc_url feeds the wallet and the request workflow); <see cref="ConfigSchema"/>
/// says which.
/// </summary>
public sealed class BrokerConfig
{
    /// <summary>Where the daemon looks for its config when -c is not given.</summary>
    public const string DefaultPath = "/etc/blockhost-broker/config.toml";

    /// <summary>The SQLite file used when [storage] sqlite_path is not set.</summary>
    public const string DefaultSqlitePath = "/var/lib/blockhost-broker/broker.db";

    /// <summary>The file the config was read from ("" when read from text).</summary>
    public string SourcePath { get; init; } = "";

    /// <summary>[broker]: the upstream prefix and allocation size.</summary>
    public PrefixPoolOptions Pool { get; } = new();

    /// <summary>[wireguard] (plus [broker] upstream_prefix).</summary>
    public WireGuardOptions WireGuard { get; } = new();

    /// <summary>The [onchain] settings that belong to no grain: enabled, registry_contract, load updates.</summary>
    public OnChainSettings OnChain { get; } = new();

    /// <summary>[onchain]: the operator wallet.</summary>
    public WalletOptions Wallet { get; } = new();

    /// <summary>[onchain] and [wireguard] interface: the request workflow.</summary>
    public RequestWorkflowOptions Workflow { get; } = new();

    /// <summary>[storage].</summary>
    public BrokerStorageOptions Storage { get; } = new() { SqlitePath = DefaultSqlitePath };

    /// <summary>[silo].</summary>
    public SiloSettings Silo { get; } = new();

    /// <summary>[dashboard].</summary>
    public HttpListenSettings Dashboard { get; } = new() { Listen = HttpListenSettings.DefaultDashboardListen, Enabled = true };

    /// <summary>[api].</summary>
    public HttpListenSettings Api { get; } = new() { Listen = HttpListenSettings.DefaultApiListen, Enabled = true };
}

/// <summary>The [onchain] settings the host itself uses.</summary>
public sealed class OnChainSettings
{
    /// <summary>Serve on-chain requests; false runs the admin surfaces only.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The global BrokerRegistry ("" = none: no `register`, no load updates).</summary>
    public string RegistryContract { get; set; } = "";

    /// <summary>How often the allocation count is compared with the registry's currentLoad, in seconds (the debounce window).</summary>
    public int LoadUpdateIntervalSeconds { get; set; } = 30;
}

/// <summary>The [silo] section: this silo's identity and Orleans ports.</summary>
public sealed class SiloSettings
{
    /// <summary>This silo's name, unique in the fleet.</summary>
    public string Name { get; set; } = "broker-1";

    /// <summary>The cluster every silo of one broker shares.</summary>
    public string ClusterId { get; set; } = "blockhost-broker";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Address other silos reach this one on (fleet only).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";
}

/// <summary>An HTTP surface of the silo ([dashboard] or [api]): where it listens and whether it may leave loopback.</summary>
public sealed class HttpListenSettings
{
    /// <summary>Default [dashboard] listen.</summary>
    public const string DefaultDashboardListen = "127.0.0.1:8080";

    /// <summary>Default [api] listen.</summary>
    public const string DefaultApiListen = "127.0.0.1:8081";

    /// <summary>Serve it at all ([api] is always on).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>"address:port"; loopback unless <see cref="AllowRemote"/>.</summary>
    public string Listen { get; set; } = "";

    /// <summary>The explicit choice to listen on a non-loopback address (neither surface has authentication).</summary>
    public bool AllowRemote { get; set; }

    /// <summary>The parsed address; valid after validation.</summary>
    public ListenAddress Endpoint => ListenAddress.Parse(Listen);
}

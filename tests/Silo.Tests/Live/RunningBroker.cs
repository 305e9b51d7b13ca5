using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Silo.Tests.Support;
using BlockhostBroker.TestSupport;
using BlockhostBroker.TestSupport.Broker;
using BlockhostBroker.TestSupport.Chain;
using BlockhostBroker.TestSupport.Network;

namespace BlockhostBroker.Silo.Tests.Live;

/// <summary>
/// The real daemon as its own process (<see cref="BrokerDaemon"/>): anvil with forge-deployed contracts, a SQLite
/// file in a temp folder, its WireGuard interface (wireguard-go) in a namespace of a network lab, and free loopback
/// ports for its API and dashboard. Shared by the <see cref="RunningBrokerCollection"/>; everything is stopped on dispose.
/// </summary>
public sealed class RunningBroker : IAsyncLifetime
{
    /// <summary>The upstream prefix: a /112 leaves 255 allocatable /120s.</summary>
    public const string UpstreamPrefix = "2001:db8:5110::/112";

    private readonly TempDirectory _dir = new("bhb-silo-live-");
    private NetworkLab? _lab;
    private BrokerDaemon? _daemon;

    /// <summary>The chain with BrokerRegistry and BrokerRequests.</summary>
    public BrokerChain Chain { get; } = new OneSecondBlockChain();

    /// <summary>The broker's ECIES key.</summary>
    public Secp256k1KeyPair EciesKey { get; } = Secp256k1KeyPair.Generate();

    /// <summary>The running daemon.</summary>
    public BrokerDaemon Daemon => _daemon ?? throw new InvalidOperationException("the daemon is not started");

    /// <summary>The config file the daemon runs with.</summary>
    public string ConfigPath => Daemon.Config.ConfigPath;

    /// <summary>The API port (127.0.0.1).</summary>
    public int ApiPort => Daemon.Config.ApiPort;

    /// <summary>The dashboard port (127.0.0.1).</summary>
    public int DashboardPort => Daemon.Config.DashboardPort;

    /// <summary>The API's base URL.</summary>
    public Uri ApiUrl => Daemon.ApiUrl;

    /// <summary>The gateway interface's name.</summary>
    public string Interface { get; } = NetworkLab.NewInterfaceName("wgs");

    /// <summary>The namespace holding the interface.</summary>
    public NetworkNamespace Namespace { get; private set; } = null!;

    /// <summary>The last lines the daemon printed, for failure messages.</summary>
    public string RecentOutput => _daemon?.RecentOutput ?? "";

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        await Chain.InitializeAsync();
        _lab = await NetworkLab.CreateAsync();
        Namespace = await _lab.AddNamespaceAsync("silo");
        _daemon = new BrokerDaemon(
            new BrokerDaemonConfig
            {
                Directory = _dir.Path,
                Chain = Chain,
                UpstreamPrefix = UpstreamPrefix,
                Interface = Interface,
                Namespace = Namespace.Name,
            },
            EciesKey);
        await _daemon.StartAsync();
    }

    /// <summary>Runs an admin command in-process against this daemon (adds --api-url).</summary>
    public Task<CliRun> CliAsync(params string[] args) => Support.Cli.RunAsync([.. args, "--api-url", ApiUrl.ToString()]);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_daemon is not null)
            await _daemon.DisposeAsync();
        if (_lab is not null)
            await _lab.DisposeAsync();
        await Chain.DisposeAsync();
        _dir.Dispose();
    }
}

/// <summary>The tests that share one running daemon.</summary>
[CollectionDefinition(Name)]
public sealed class RunningBrokerCollection : ICollectionFixture<RunningBroker>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "running broker";
}

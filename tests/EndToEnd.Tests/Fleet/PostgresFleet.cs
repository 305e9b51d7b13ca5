using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.TestSupport;
using BlockhostBroker.TestSupport.Broker;
using BlockhostBroker.TestSupport.Chain;
using BlockhostBroker.TestSupport.Network;

namespace BlockhostBroker.EndToEnd.Tests.Fleet;

/// <summary>
/// Three blockhost-broker processes in one Orleans cluster sharing a PostgreSQL server this fixture starts, on a chain
/// with 1 s blocks. The first silo holds the WireGuard interface (wireguard-go in a namespace); all share one folder
/// for keys and the wg-quick file. Everything is stopped on dispose.
/// </summary>
public sealed class PostgresFleet : IAsyncLifetime
{
    /// <summary>The silo whose namespace holds the interface.</summary>
    public const string HostSilo = "silo-a";

    private static readonly string[] SiloNames = [HostSilo, "silo-b", "silo-c"];
    private readonly TempDirectory _dir = new("bhb-fleet-");
    private readonly List<BrokerDaemon> _silos = [];
    private NetworkLab? _lab;

    /// <summary>The fleet's database server.</summary>
    public PostgresServer Postgres { get; } = new();

    /// <summary>The chain with BrokerRegistry and BrokerRequests.</summary>
    public BrokerChain Chain { get; } = new OneSecondBlockChain();

    /// <summary>The broker's ECIES key, shared by every silo.</summary>
    public Secp256k1KeyPair EciesKey { get; } = Secp256k1KeyPair.Generate();

    /// <summary>The gateway interface.</summary>
    public string Interface { get; } = NetworkLab.NewInterfaceName("wgf");

    /// <summary>The namespace holding the interface.</summary>
    public NetworkNamespace Namespace { get; private set; } = null!;

    /// <summary>The silos, the interface's holder first.</summary>
    public IReadOnlyList<BrokerDaemon> Silos => _silos;

    /// <summary>The simulated Blockhost servers' side.</summary>
    public RequestSubmitter Server { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        await Postgres.InitializeAsync();
        await Chain.InitializeAsync();
        _lab = await NetworkLab.CreateAsync();
        Namespace = await _lab.AddNamespaceAsync("fleet");
        var connection = await Postgres.CreateDatabaseAsync("fleet");
        var clusterId = $"fleet-{Guid.NewGuid():N}"[..16];
        foreach (var name in SiloNames)
        {
            _silos.Add(new BrokerDaemon(new BrokerDaemonConfig
            {
                Directory = _dir.Path,
                Chain = Chain,
                Interface = Interface,
                Namespace = Namespace.Name,
                PostgresConnection = connection,
                SiloName = name,
                HostSilo = HostSilo,
                ClusterId = clusterId,
            }, EciesKey));
        }
        Server = new RequestSubmitter(Chain, EciesKey.PublicKey);
        await EnsureAllRunningAsync();
    }

    /// <summary>Starts every silo that is not running (the holder of the interface first, the others together).</summary>
    public async Task EnsureAllRunningAsync()
    {
        if (!_silos[0].IsRunning)
            await _silos[0].StartAsync();
        await Task.WhenAll(_silos.Skip(1).Where(s => !s.IsRunning).Select(s => s.StartAsync()));
    }

    /// <summary>The daemons' recent output, for failure messages.</summary>
    public string RecentOutput() =>
        string.Join("\n", _silos.Select(s => $"==== {s.Config.SiloName} ====\n{s.RecentOutput}"));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
            await silo.DisposeAsync();
        if (_lab is not null)
            await _lab.DisposeAsync();
        await Chain.DisposeAsync();
        await Postgres.DisposeAsync();
        _dir.Dispose();
    }
}

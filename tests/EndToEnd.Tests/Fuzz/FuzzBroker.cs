using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.TestSupport;
using BlockhostBroker.TestSupport.Broker;
using BlockhostBroker.TestSupport.Chain;
using BlockhostBroker.TestSupport.Network;

namespace BlockhostBroker.EndToEnd.Tests.Fuzz;

/// <summary>
/// The real daemon on an automining anvil (a block per transaction, so a burst of submissions is not paced by a
/// block time), its WireGuard interface in a namespace, with no rejection limits so every bad request is answered.
/// </summary>
public sealed class FuzzBroker : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("bhb-e2e-fuzz-");
    private NetworkLab? _lab;
    private BrokerDaemon? _daemon;

    /// <summary>The chain.</summary>
    public BrokerChain Chain { get; } = new();

    /// <summary>The daemon.</summary>
    public BrokerDaemon Daemon => _daemon ?? throw new InvalidOperationException("not started");

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        try
        {
            await Chain.InitializeAsync();
            _lab = await NetworkLab.CreateAsync();
            var ns = await _lab.AddNamespaceAsync("fuzz");
            _daemon = new BrokerDaemon(
                new BrokerDaemonConfig
                {
                    Directory = _dir.Path,
                    Chain = Chain,
                    UpstreamPrefix = "2001:db8:f22::/112",
                    Interface = NetworkLab.NewInterfaceName("wgf"),
                    Namespace = ns.Name,
                    RejectionsPerRequesterPerHour = 0,
                    RejectionGasBudgetPerHour = 0,
                },
                Secp256k1KeyPair.Generate());
            await _daemon.StartAsync();
        }
        catch
        {
            await DisposeAsync(); // a fixture that failed to start is not disposed by the runner
            throw;
        }
    }

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

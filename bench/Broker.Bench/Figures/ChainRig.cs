using BlockhostBroker.Bench.Baseline;
using BlockhostBroker.Bench.Chain;
using BlockhostBroker.Bench.Daemon;
using BlockhostBroker.Protocol.Addressing;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Payloads;
using BlockhostBroker.TestSupport;
using BlockhostBroker.TestSupport.Network;
using WireGuardKeyPair = BlockhostBroker.Protocol.Keys.WireGuardKeyPair;

namespace BlockhostBroker.Bench.Figures;

/// <summary>
/// What figures (a), (b) and (e) share: one anvil with one-second blocks, the real daemon answering its
/// BrokerRequests, the baseline responder answering its own BrokerRequests on the same chain, and a fleet of
/// simulated servers for each. Disposing stops all of it.
/// </summary>
public sealed class ChainRig : IAsyncDisposable
{
    /// <summary>Room for every request of one run (a /104 holds 65,535 /120s).</summary>
    public const string UpstreamPrefix = "2001:db8:5110::/104";

    private readonly CancellationTokenSource _stopBaseline = new();
    private Task _baselineLoop = Task.CompletedTask;

    private PostgresServer? _postgres;

    private ChainRig(BenchChain chain, BrokerUnderTest broker) => (Chain, Broker) = (chain, broker);

    /// <summary>The chain.</summary>
    public BenchChain Chain { get; }

    /// <summary>The daemon under test.</summary>
    public BrokerUnderTest Broker { get; }

    /// <summary>Servers asking the daemon.</summary>
    public ServerFleet BrokerServers { get; private set; } = null!;

    /// <summary>Servers asking the baseline.</summary>
    public ServerFleet BaselineServers { get; private set; } = null!;

    /// <summary>Answers on the daemon's contract.</summary>
    public ResponseLog BrokerAnswers => new(Chain.Rpc, Chain.Contracts.BrokerRequests);

    /// <summary>Answers on the baseline's contract.</summary>
    public ResponseLog BaselineAnswers => new(Chain.Rpc, Chain.BaselineRequests);

    /// <summary>What the daemon stores in: "sqlite" (the embedded default) or "postgresql" (the fleet store).</summary>
    public string Store { get; private init; } = "sqlite";

    /// <summary>
    /// Starts the chain, the daemon (its interface in a namespace of <paramref name="lab"/>; on a PostgreSQL server
    /// started for the run when <paramref name="onPostgreSql"/>) and the baseline.
    /// </summary>
    public static async Task<ChainRig> StartAsync(NetworkLab lab, bool onPostgreSql)
    {
        var chain = new BenchChain();
        await chain.InitializeAsync();
        PostgresServer? postgres = null;
        BrokerUnderTest broker;
        try
        {
            string? connection = null;
            if (onPostgreSql)
            {
                postgres = new PostgresServer();
                await postgres.InitializeAsync();
                connection = await postgres.CreateDatabaseAsync("broker");
            }
            broker = await BrokerUnderTest.StartAsync(lab, chain, "broker", UpstreamPrefix, postgresConnection: connection);
        }
        catch
        {
            if (postgres is not null) await postgres.DisposeAsync();
            await chain.DisposeAsync();
            throw;
        }
        var rig = new ChainRig(chain, broker) { _postgres = postgres, Store = onPostgreSql ? "postgresql" : "sqlite" };
        var baselineKey = Secp256k1KeyPair.Generate();
        rig.BrokerServers = new ServerFleet(chain, chain.Contracts.BrokerRequests, broker.EciesPublicKey, chain.BrokerRequesters);
        rig.BaselineServers = new ServerFleet(chain, chain.BaselineRequests, baselineKey.PublicKey, chain.BaselineRequesters);
        var baseline = new BaselineResponder(new BaselineSetup(chain.Rpc, chain.ChainId, chain.BaselineRequests,
            chain.BaselineOperator.Signer, baselineKey, new AllocationPlan(Ipv6Prefix.Parse(UpstreamPrefix), 120),
            WireGuardKeyPair.Generate().PublicKey, BrokerEndpoint.Parse("[fd00:5110::2]:51820")));
        rig._baselineLoop = Task.Run(() => baseline.RunAsync(rig._stopBaseline.Token));
        return rig;
    }

    /// <summary>Throws the baseline's error if its loop died (a figure must not wait for an answer that will not come).</summary>
    public void EnsureBaselineRuns()
    {
        if (_baselineLoop.IsFaulted) throw new InvalidOperationException("the baseline responder stopped", _baselineLoop.Exception);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopBaseline.CancelAsync();
        try { await _baselineLoop; }
        catch (OperationCanceledException) { }
        await Broker.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        await Chain.DisposeAsync();
        _stopBaseline.Dispose();
    }
}

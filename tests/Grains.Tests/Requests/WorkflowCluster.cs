using BlockhostBroker.Grains.Chain;
using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Grains.Requests;
using BlockhostBroker.Grains.Storage;
using BlockhostBroker.Grains.Tests.WireGuard;
using BlockhostBroker.Grains.WireGuard;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.TestSupport.Chain;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace BlockhostBroker.Grains.Tests.Requests;

/// <summary>
/// The whole request workflow on real parts: anvil with a forge-built BrokerRequests owned by the operator, a
/// wireguard-go gateway in its own namespace, and one silo (or several sharing one SQLite file, the first holding
/// the interface) with the real prefix pool, WireGuard grain, operator wallet and request workflow. Everything is
/// torn down on dispose, also after a failed start.
/// </summary>
public sealed class WorkflowCluster : IAsyncDisposable
{
    private static readonly TimeSpan FastPoll = TimeSpan.FromMilliseconds(200);
    private InProcessTestCluster? _cluster;

    private WorkflowCluster(BrokerChain chain, LiveGateway gateway) => (Chain, Gateway) = (chain, gateway);

    /// <summary>The chain with the deployed contracts.</summary>
    public BrokerChain Chain { get; }

    /// <summary>The real WireGuard interface the gateway grain manages.</summary>
    internal LiveGateway Gateway { get; }

    /// <summary>The broker's ECIES key (requests are sealed to its public half).</summary>
    public Secp256k1KeyPair BrokerKey { get; } = Secp256k1KeyPair.Generate();

    /// <summary>The workflow's options as the silo got them.</summary>
    public RequestWorkflowOptions Options { get; private set; } = null!;

    /// <summary>The gateway's options.</summary>
    public WireGuardOptions WireGuard { get; private set; } = null!;

    /// <summary>The cluster's grain factory.</summary>
    public IGrainFactory Grains => TestCluster.Client;

    /// <summary>The in-process cluster, to kill and add silos.</summary>
    public InProcessTestCluster TestCluster => _cluster ?? throw new InvalidOperationException("the silo is not started");

    /// <summary>The RequestGrain of a request id of the deployed contract.</summary>
    public IRequestGrain Request(long requestId) =>
        Grains.GetGrain<IRequestGrain>(new RequestKey(Options.WatcherKey, requestId).ToString());

    /// <summary>The watcher of the deployed contract.</summary>
    public IChainWatcherGrain Watcher => Grains.GetGrain<IChainWatcherGrain>(Options.WatcherKey.ToString());

    /// <summary>The operator wallet grain.</summary>
    public IOperatorWalletGrain Wallet => Grains.GetGrain<IOperatorWalletGrain>(Options.WalletKey);

    /// <summary>
    /// Starts chain and gateway, runs <paramref name="beforeSilo"/> (which may still change <see cref="Options"/>), then
    /// <paramref name="silos"/> silos, each also configured by <paramref name="configureSilo"/>; with <paramref name="watch"/>
    /// the watcher starts too.
    /// </summary>
    public static async Task<WorkflowCluster> StartAsync(
        bool watch, Func<WorkflowCluster, Task>? beforeSilo = null, short silos = 1, Action<ISiloBuilder>? configureSilo = null)
    {
        var chain = new BrokerChain();
        LiveGateway? gateway = null;
        try
        {
            await chain.InitializeAsync();
            gateway = await LiveGateway.StartAsync();
            var cluster = new WorkflowCluster(chain, gateway);
            try
            {
                await cluster.ConfigureAsync();
                if (beforeSilo is not null)
                    await beforeSilo(cluster);
                await cluster.StartSilosAsync(watch, silos, configureSilo);
                return cluster;
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }
        catch when (gateway is null)
        {
            await chain.DisposeAsync();
            throw;
        }
    }

    /// <summary>Polls a request until it is final; fails with its history after the deadline.</summary>
    public async Task<RequestSnapshot> WaitFinalAsync(long requestId, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(45));
        while (true)
        {
            var snapshot = await Request(requestId).GetSnapshot();
            if (snapshot.Status.IsFinal())
                return snapshot;
            if (DateTime.UtcNow > until)
                Assert.Fail($"request {requestId} still {snapshot.Status}: {string.Join(", ", snapshot.History.Select(h => $"{h.Status} {h.Note}"))}");
            await Task.Delay(FastPoll);
        }
    }

    /// <summary>Polls the watcher's status until it matches; fails with the last status after the deadline.</summary>
    public async Task<WatcherStatus> WaitForWatcherAsync(Func<WatcherStatus, bool> condition, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var status = await Watcher.GetStatus();
            if (condition(status))
                return status;
            if (DateTime.UtcNow > until)
                Assert.Fail($"watcher status never matched: {status}");
            await Task.Delay(100);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
            await _cluster.DisposeAsync();
        await Gateway.DisposeAsync();
        await Chain.DisposeAsync();
    }

    private async Task ConfigureAsync()
    {
        var eciesFile = Path.Combine(Gateway.Lab.TempDirectory, "ecies.key");
        KeyFile.WriteEciesKey(eciesFile, BrokerKey);
        WireGuard = await Gateway.OptionsAsync();
        Options = new RequestWorkflowOptions
        {
            RpcUrl = Chain.RpcUrl.ToString(),
            ChainId = Chain.ChainId,
            RequestsContract = Chain.Contracts.BrokerRequests,
            EciesKeyFile = eciesFile,
            OperatorAddress = Chain.Operator.Address,
            Confirmations = 0,
            PollInterval = FastPoll,
            WireGuardInterface = WireGuard.Interface,
        };
    }

    private async Task StartSilosAsync(bool watch, short silos, Action<ISiloBuilder>? configureSilo)
    {
        var database = Path.Combine(Gateway.Lab.TempDirectory, "broker.db");
        var operatorKeyFile = Path.Combine(Gateway.Lab.TempDirectory, "operator.key");
        KeyFile.WriteEciesKey(operatorKeyFile, Secp256k1KeyPair.FromSecretHex(Chain.Operator.PrivateKeyHex));
        var wallet = new WalletOptions
        {
            RpcUrl = Options.RpcUrl,
            ChainId = Options.ChainId,
            OperatorKeyFile = operatorKeyFile,
            PollInterval = FastPoll,
            RejectionsPerRequesterPerHour = 0,
        };
        // With several silos the first holds the interface and the others place its grain there.
        var gateway = silos == 1 ? WireGuard : WireGuard.WithHost(WireGuardTestCluster.PrimarySilo);
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddBrokerStorage(new BrokerStorageOptions { SqlitePath = database });
            silo.Services.AddPrefixPool(pool => pool.UpstreamPrefix = WireGuard.UpstreamPrefix);
            silo.AddWireGuard(gateway);
            silo.AddOperatorWallet(wallet);
            if (watch) silo.AddRequestWorkflow(Options);
            else silo.AddRequestWorkflowServices(Options);
            configureSilo?.Invoke(silo);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }
}

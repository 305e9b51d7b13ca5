using BlockhostBroker.Grains.Chain;
using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Grains.Requests;
using BlockhostBroker.Grains.WireGuard;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Silo.Config;

namespace BlockhostBroker.Silo.Api;

/// <summary>The grains and contracts this broker's admin surfaces talk to, resolved once from the config.</summary>
public sealed class BrokerTargets(BrokerConfig config, IGrainFactory grains)
{
    private readonly Lazy<Secp256k1PublicKey?> _eciesPublicKey = new(() =>
        config.OnChain.Enabled ? KeyFile.ReadEciesKey(config.Workflow.EciesKeyFile).PublicKey : null);

    /// <summary>The config the silo runs with.</summary>
    public BrokerConfig Config => config;

    /// <summary>True when on-chain serving is on (wallet and workflow exist).</summary>
    public bool OnChain => config.OnChain.Enabled;

    /// <summary>True when a registry is configured (and on-chain serving is on).</summary>
    public bool HasRegistry => OnChain && config.OnChain.RegistryContract.Length > 0;

    /// <summary>The chain id.</summary>
    public long ChainId => config.Workflow.ChainId;

    /// <summary>The requests contract.</summary>
    public string RequestsContract => config.Workflow.RequestsContract;

    /// <summary>The registry contract ("" when none).</summary>
    public string RegistryContract => config.OnChain.RegistryContract;

    /// <summary>The operator's address.</summary>
    public string OperatorAddress => config.Workflow.OperatorAddress;

    /// <summary>The broker's ECIES public key (null when on-chain serving is off).</summary>
    public Secp256k1PublicKey? EciesPublicKey => _eciesPublicKey.Value;

    /// <summary>The IPAM singleton.</summary>
    public IPrefixPoolGrain Pool => grains.GetGrain<IPrefixPoolGrain>(PrefixPoolGrain.SingletonKey);

    /// <summary>The WireGuard gateway grain.</summary>
    public IWireGuardGrain Gateway => grains.GetGrain<IWireGuardGrain>(config.WireGuard.Interface);

    /// <summary>The operator wallet grain; only when <see cref="OnChain"/>.</summary>
    public IOperatorWalletGrain Wallet => grains.GetGrain<IOperatorWalletGrain>(config.Workflow.WalletKey);

    /// <summary>The chain watcher grain; only when <see cref="OnChain"/>.</summary>
    public IChainWatcherGrain Watcher => grains.GetGrain<IChainWatcherGrain>(config.Workflow.WatcherKey.ToString());

    /// <summary>The grain of one request of this broker's contract.</summary>
    public IRequestGrain Request(long requestId) =>
        grains.GetGrain<IRequestGrain>(new RequestKey(config.Workflow.WatcherKey, requestId).ToString());
}

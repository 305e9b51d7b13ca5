using BlockhostBroker.Grains.Chain;
using BlockhostBroker.TestSupport.Chain;
using Orleans.Storage;

namespace BlockhostBroker.Grains.Tests.Chain;

/// <summary>
/// A real anvil with BrokerRegistry and BrokerRequests deployed by forge script (account 0 deploys, account 1 owns
/// BrokerRequests), and a wallet cluster with one operator wallet per dev account from index 1. Each test uses its
/// own account, so tests never share a nonce space.
/// </summary>
public abstract class WalletChainFixture(AnvilOptions anvil, int wallets) : IAsyncLifetime
{
    private WalletCluster? cluster;

    /// <summary>The chain.</summary>
    public BrokerChain Chain { get; } = new WalletChain(anvil);

    /// <summary>The deployed registry's address.</summary>
    public string Registry => Chain.Contracts.BrokerRegistry;

    /// <summary>The BrokerRequests contract owned by account 1.</summary>
    public string Requests => Chain.Contracts.BrokerRequests;

    internal WalletCluster Cluster => cluster ?? throw new InvalidOperationException("fixture not started");

    /// <summary>The dev account of wallet <paramref name="index"/> (1-based: account 0 deployed the contracts).</summary>
    public DevAccount Operator(int index) => Chain.Accounts[index];

    /// <summary>The wallet grain of <paramref name="index"/>.</summary>
    public IOperatorWalletGrain Wallet(int index) => Cluster.Wallet(Operator(index));

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        await Chain.InitializeAsync();
        try
        {
            await Prepare();
            cluster = await WalletCluster.StartAsync(Chain, Enumerable.Range(1, wallets).Select(Operator), Configure, WrapStorage);
        }
        catch
        {
            await Chain.DisposeAsync(); // a failed fixture is not disposed by the runner
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (cluster is not null) await cluster.DisposeAsync();
        await Chain.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Adjusts the options of the wallet of <paramref name="account"/>.</summary>
    protected virtual void Configure(DevAccount account, WalletOptions options) { }

    /// <summary>Puts a probe in front of the wallets' storage; null keeps plain memory storage.</summary>
    protected virtual Func<IGrainStorage, IGrainStorage>? WrapStorage => null;

    /// <summary>Runs after the contracts are deployed and before the cluster starts.</summary>
    protected virtual Task Prepare() => Task.CompletedTask;

    private sealed class WalletChain(AnvilOptions options) : BrokerChain(options);
}

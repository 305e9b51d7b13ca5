using BlockhostBroker.Grains.Chain;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.TestSupport.Chain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Orleans.TestingHost;

namespace BlockhostBroker.Grains.Tests.Chain;

/// <summary>
/// A one-silo in-process cluster with one operator wallet per given dev account, all on a real anvil. Grain state
/// lives in memory storage named <see cref="StorageNames.Broker"/>, which outlives a grain's deactivation; the
/// operator keys are written as 0600 key files in a private temporary folder, as the host would read them, and the
/// folder is deleted once the silo has loaded them.
/// </summary>
internal sealed class WalletCluster : IAsyncDisposable
{
    /// <summary>A short poll so tests see the timer's work quickly.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private const string InnerStorage = "broker-memory";

    private WalletCluster(InProcessTestCluster cluster, AnvilChain chain)
    {
        Cluster = cluster;
        Chain = chain;
    }

    /// <summary>The running cluster.</summary>
    public InProcessTestCluster Cluster { get; }

    /// <summary>The chain the wallets send on.</summary>
    public AnvilChain Chain { get; }

    /// <summary>
    /// Starts the cluster with a wallet for each account; <paramref name="configure"/> adjusts each wallet's options and
    /// <paramref name="wrapStorage"/>, when given, is put in front of the memory storage.
    /// </summary>
    public static async Task<WalletCluster> StartAsync(
        AnvilChain chain, IEnumerable<DevAccount> accounts, Action<DevAccount, WalletOptions>? configure = null,
        Func<IGrainStorage, IGrainStorage>? wrapStorage = null)
    {
        var directory = Directory.CreateTempSubdirectory("bhb-wallet-").FullName;
        var options = accounts.Select(a => (Account: a, Options: OptionsFor(chain, a, directory, configure))).ToList();
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            AddStorage(silo, wrapStorage);
            silo.UseInMemoryReminderService();
            silo.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            foreach (var (_, o) in options) silo.AddOperatorWallet(o);
        });
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
            return new WalletCluster(cluster, chain);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The wallet grain of <paramref name="account"/>.</summary>
    public IOperatorWalletGrain Wallet(DevAccount account) =>
        Cluster.Client.GetGrain<IOperatorWalletGrain>(WalletKey.For(Chain.ChainId, account.Address).ToString());

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private static void AddStorage(ISiloBuilder silo, Func<IGrainStorage, IGrainStorage>? wrap)
    {
        if (wrap is null)
        {
            silo.AddMemoryGrainStorage(StorageNames.Broker);
            return;
        }
        silo.AddMemoryGrainStorage(InnerStorage);
        silo.Services.AddKeyedSingleton(StorageNames.Broker, (sp, _) => wrap(sp.GetRequiredKeyedService<IGrainStorage>(InnerStorage)));
    }

    private static WalletOptions OptionsFor(AnvilChain chain, DevAccount account, string directory, Action<DevAccount, WalletOptions>? configure)
    {
        var keyFile = Path.Combine(directory, $"{account.Address.ToLowerInvariant()}.key");
        KeyFile.WriteEciesKey(keyFile, Secp256k1KeyPair.FromSecretHex(account.PrivateKeyHex));
        var options = new WalletOptions
        {
            RpcUrl = chain.RpcUrl.ToString(),
            ChainId = chain.ChainId,
            OperatorKeyFile = keyFile,
            PollInterval = PollInterval,
        };
        configure?.Invoke(account, options);
        return options;
    }
}

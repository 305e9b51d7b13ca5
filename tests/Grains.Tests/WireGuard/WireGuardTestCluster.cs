using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Grains.Storage;
using BlockhostBroker.Grains.WireGuard;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace BlockhostBroker.Grains.Tests.WireGuard;

/// <summary>In-process Orleans clusters for the WireGuard grain: real silos, the real prefix pool on a SQLite file.</summary>
internal static class WireGuardTestCluster
{
    /// <summary>Name of the first silo of an in-process test cluster.</summary>
    public const string PrimarySilo = "Silo_0";

    /// <summary>Name of the second silo.</summary>
    public const string SecondarySilo = "Silo_1";

    /// <summary>Starts a cluster; <paramref name="configure"/> runs for every silo with its name.</summary>
    public static async Task<InProcessTestCluster> StartAsync(short silos, Action<string, ISiloBuilder> configure)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((silo, siloBuilder) => configure(silo.SiloName, siloBuilder));
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>One silo holding the gateway, with the prefix pool on a SQLite file in the lab's folder.</summary>
    public static Task<InProcessTestCluster> StartGatewayAsync(LiveGateway gateway, WireGuardOptions options, IWireGuardClient? client = null) =>
        StartAsync(1, (_, silo) =>
        {
            silo.AddBrokerStorage(new BrokerStorageOptions { SqlitePath = Path.Combine(gateway.Lab.TempDirectory, "broker.db") });
            silo.Services.AddPrefixPool(pool => pool.UpstreamPrefix = options.UpstreamPrefix);
            if (client is not null)
                silo.Services.AddKeyedSingleton(options.Interface, client);
            silo.AddWireGuard(options);
        });

    /// <summary>A copy of the options with another host silo.</summary>
    public static WireGuardOptions WithHost(this WireGuardOptions options, string hostSilo)
    {
        var copy = new WireGuardOptions();
        options.CopyTo(copy);
        copy.HostSilo = hostSilo;
        return copy;
    }
}

/// <summary>Counts the calls that reach the real client, to see batching; everything is passed through.</summary>
internal sealed class CountingWireGuardClient(IWireGuardClient inner) : IWireGuardClient
{
    private int _configureCalls;

    /// <summary>How many ConfigureDevice calls reached the device.</summary>
    public int ConfigureCalls => Volatile.Read(ref _configureCalls);

    /// <summary>Starts counting from zero.</summary>
    public void Reset() => Interlocked.Exchange(ref _configureCalls, 0);

    public Task<WireGuardDevice> GetDevice(string name, CancellationToken cancellationToken = default) =>
        inner.GetDevice(name, cancellationToken);

    public Task ConfigureDevice(string name, DeviceConfig config, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _configureCalls);
        return inner.ConfigureDevice(name, config, cancellationToken);
    }
}

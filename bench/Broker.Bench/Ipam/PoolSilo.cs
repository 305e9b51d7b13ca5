using System.Net;
using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Grains.Storage;
using BlockhostBroker.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace BlockhostBroker.Bench.Ipam;

/// <summary>
/// A one-silo Orleans host wired with the broker's own storage (<see cref="BrokerStorageSiloBuilderExtensions.AddBrokerStorage"/>)
/// and prefix pool, as the daemon wires them: SQLite with localhost clustering, PostgreSQL with ADO.NET clustering.
/// </summary>
public sealed class PoolSilo : IAsyncDisposable
{
    private const string ClusterId = "blockhost-broker-bench";
    private readonly IHost _host;

    private PoolSilo(IHost host) => _host = host;

    /// <summary>The pool grain, called from inside the silo as the request workflow calls it.</summary>
    public IPrefixPoolGrain Pool => _host.Services.GetRequiredService<IGrainFactory>().GetGrain<IPrefixPoolGrain>(PrefixPoolGrain.SingletonKey);

    /// <summary>Starts a silo on free loopback ports over the given store and upstream prefix.</summary>
    public static async Task<PoolSilo> StartAsync(BrokerStorageOptions storage, string upstreamPrefix)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var (siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next());
        builder.UseOrleans(silo =>
        {
            if (storage.Kind == StoreKind.Sqlite)
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: ClusterId, clusterId: ClusterId);
            else
                silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId))
                    .ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            silo.AddBrokerStorage(storage);
            silo.Services.AddPrefixPool(o => o.UpstreamPrefix = upstreamPrefix);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new PoolSilo(host);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

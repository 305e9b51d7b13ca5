using System.Net;
using System.Net.Sockets;
using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace BlockhostBroker.Grains.Tests.Storage;

/// <summary>
/// A real silo host (TCP on loopback, real clustering) wired with <see cref="BrokerStorageSiloBuilderExtensions.AddBrokerStorage"/>
/// the way the broker's daemon wires it: SQLite with localhost clustering, or PostgreSQL with ADO.NET clustering.
/// </summary>
public sealed class BrokerSiloHost : IAsyncDisposable
{
    private const string ClusterId = "blockhost-broker-test";
    private const string ServiceId = "blockhost-broker-test";
    private readonly IHost host;

    private BrokerSiloHost(IHost host) => this.host = host;

    /// <summary>The silo's grain factory (calls made from inside the silo).</summary>
    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The pool grain.</summary>
    public IPrefixPoolGrain Pool => Grains.GetGrain<IPrefixPoolGrain>(PrefixPoolGrain.SingletonKey);

    /// <summary>Builds and starts a silo on free loopback ports; <paramref name="configure"/> adds to the wiring.</summary>
    public static async Task<BrokerSiloHost> StartAsync(BrokerStorageOptions storage, CancellationToken cancellationToken, Action<ISiloBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var (siloPort, gatewayPort) = (FreePort(), FreePort());
        builder.UseOrleans(silo =>
        {
            if (storage.Kind == StoreKind.Sqlite)
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: ServiceId, clusterId: ClusterId);
            else
                silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ServiceId))
                    .ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            configure?.Invoke(silo);
            silo.AddBrokerStorage(storage);
            silo.Services.AddPrefixPool(o => o.UpstreamPrefix = "2001:db8:f04::/48");
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new BrokerSiloHost(host);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await host.StopAsync(CancellationToken.None);
        host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

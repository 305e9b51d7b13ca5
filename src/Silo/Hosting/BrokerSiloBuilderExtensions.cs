using System.Net;
using BlockhostBroker.Grains.Chain;
using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Grains.Requests;
using BlockhostBroker.Grains.Storage;
using BlockhostBroker.Grains.WireGuard;
using BlockhostBroker.Silo.Config;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace BlockhostBroker.Silo.Hosting;

/// <summary>Wires every feature of the broker into one silo from a validated <see cref="BrokerConfig"/>.</summary>
public static class BrokerSiloBuilderExtensions
{
    /// <summary>
    /// Clustering (localhost for SQLite, ADO.NET for PostgreSQL, by the storage wiring), the silo's name and ports,
    /// storage, the prefix pool, the WireGuard gateway, and — when [onchain] enabled — the operator wallet and the
    /// request workflow; the dashboard when [dashboard] enabled.
    /// </summary>
    public static ISiloBuilder AddBroker(this ISiloBuilder silo, BrokerConfig config)
    {
        var settings = config.Silo;
        silo.Configure<SiloOptions>(o => o.SiloName = settings.Name);
        if (config.Storage.Kind == StoreKind.Sqlite)
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ClusterId, clusterId: settings.ClusterId);
        else
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ClusterId))
                .ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedAddress), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
        silo.AddBrokerStorage(config.Storage);
        silo.Services.AddPrefixPool(o => (o.UpstreamPrefix, o.AllocationSize) = (config.Pool.UpstreamPrefix, config.Pool.AllocationSize));
        silo.AddWireGuard(config.WireGuard);
        if (HoldsInterface(config))
            silo.AddStartupTask((services, _) => ProvisionGatewayAsync(services, config.WireGuard.Interface));
        if (config.OnChain.Enabled)
        {
            silo.AddOperatorWallet(config.Wallet);
            silo.AddRequestWorkflow(config.Workflow);
        }
        if (config.Dashboard.Enabled)
            silo.AddDashboard();
        return silo;
    }

    /// <summary>True when this silo holds the WireGuard interface ([wireguard] host_silo empty or this silo's name).</summary>
    public static bool HoldsInterface(BrokerConfig config) =>
        config.WireGuard.HostSilo.Length == 0 || config.WireGuard.HostSilo == config.Silo.Name;

    // Activating the gateway grain creates and configures the interface at start, before any request needs it,
    // and reconciles it with the stored allocations. A failure is logged and retried by the grain, not fatal:
    // the admin surfaces stay up to show what is wrong.
    private static async Task ProvisionGatewayAsync(IServiceProvider services, string iface)
    {
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BrokerSiloBuilderExtensions).FullName!);
        try
        {
            var gateway = services.GetRequiredService<IGrainFactory>().GetGrain<IWireGuardGrain>(iface);
            var report = await gateway.Reconcile();
            var info = await gateway.GetGatewayInfo();
            HostLog.GatewayReady(log, iface, info.PublicKey, info.PublicEndpoint, info.GatewayAddress, report.Added, report.Removed);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            HostLog.GatewayFailed(log, error, iface);
        }
    }
}

using System.Reflection;
using BlockhostBroker.Grains.Faults;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Silo.Api;
using BlockhostBroker.Silo.Config;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;

namespace BlockhostBroker.Silo.Hosting;

/// <summary>The chain's node serves another chain than [onchain] chain_id says.</summary>
public sealed class ChainMismatchException(string message) : InvalidOperationException(message);

/// <summary>The daemon: one process holding the silo, the status API, /metrics and the dashboard.</summary>
public static class BrokerHost
{
    private static readonly TimeSpan ChainCheckTimeout = TimeSpan.FromSeconds(5);

    private static readonly Dictionary<string, string?> QuietFrameworkLogging = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",
    };

    /// <summary>The program's version.</summary>
    public static string Version =>
        (typeof(BrokerHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>Builds the host from a validated config; keys missing on first start (WireGuard) are generated here.</summary>
    public static async Task<WebApplication> BuildAsync(BrokerConfig config, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSystemd();
        // Quiet defaults for the frameworks; Logging__LogLevel__<Category> in the environment still overrides them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = QuietFrameworkLogging });
        builder.Logging.AddSimpleConsole(o => (o.SingleLine, o.TimestampFormat) = (true, "HH:mm:ss "));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var api = config.Api.Endpoint;
            kestrel.Listen(api.Address, api.Port);
            if (config.Dashboard.Enabled)
                kestrel.Listen(config.Dashboard.Endpoint.Address, config.Dashboard.Endpoint.Port);
        });
        builder.UseOrleans(silo => silo.AddBroker(config));
        builder.Services.AddBrokerApi(config);
        var app = builder.Build();
        // Measurements made before a listener exists are dropped, so the collector listens from the start.
        app.Services.GetRequiredService<Metrics.MeterCollector>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("BlockhostBroker.Host");
        HostLog.Starting(log, Version, config.Silo.Name, config.Storage.Provider, config.SourcePath);
        if (FaultInjection.Armed != FaultPoint.None)
            HostLog.FaultInjectionArmed(log, FaultInjection.EnvironmentVariable, FaultPoints.Format(FaultInjection.Armed));
        PrepareWireGuardKey(config, log);
        if (config.OnChain.Enabled)
            await CheckChainAsync(config, log, cancellationToken);
        else
            HostLog.OnChainDisabled(log);
        MapSurfaces(app, config, log);
        return app;
    }

    private static void MapSurfaces(WebApplication app, BrokerConfig config, ILogger log)
    {
        var api = config.Api.Endpoint;
        app.MapBrokerApi(api.Port);
        AnnounceListen(log, "api", api, config.Api.AllowRemote);
        if (config.Dashboard.Enabled)
        {
            var dashboard = config.Dashboard.Endpoint;
            app.MapOrleansDashboard().AddEndpointFilter(ApiEndpoints.OnlyOnPort(dashboard.Port));
            AnnounceListen(log, "dashboard", dashboard, config.Dashboard.AllowRemote);
        }
    }

    private static void AnnounceListen(ILogger log, string surface, ListenAddress endpoint, bool allowRemote)
    {
        HostLog.Listening(log, surface, endpoint.ToString());
        if (!endpoint.IsLoopback && allowRemote)
            HostLog.RemoteListen(log, surface, endpoint.ToString());
    }

    private static void PrepareWireGuardKey(BrokerConfig config, ILogger log)
    {
        if (!BrokerSiloBuilderExtensions.HoldsInterface(config) || File.Exists(config.WireGuard.PrivateKeyFile))
            return;
        var key = KeyFile.LoadOrCreateWireGuardKey(config.WireGuard.PrivateKeyFile);
        HostLog.WireGuardKeyGenerated(log, config.WireGuard.PrivateKeyFile, key.PublicKey.ToBase64());
    }

    // A node on the wrong chain would have the broker sign for the wrong network: refuse to start. A node that is
    // down is not fatal; the watcher keeps trying and `status` shows it.
    private static async Task CheckChainAsync(BrokerConfig config, ILogger log, CancellationToken cancellationToken)
    {
        var eciesKey = KeyFile.ReadEciesKey(config.Workflow.EciesKeyFile).PublicKey.ToHex(with0x: true);
        HostLog.OnChain(log, config.Workflow.ChainId, config.Workflow.RpcUrl, config.Workflow.RequestsContract, config.Workflow.OperatorAddress, eciesKey);
        using var rpc = new EthereumRpc(new Uri(config.Workflow.RpcUrl), ChainCheckTimeout);
        long chainId;
        try
        {
            chainId = await rpc.GetChainIdAsync(cancellationToken);
        }
        catch (EthereumRpcException error)
        {
            HostLog.ChainUnreachable(log, config.Workflow.RpcUrl, error.Message);
            return;
        }
        if (chainId != config.Workflow.ChainId)
            throw new ChainMismatchException(
                $"[onchain] chain_id = {config.Workflow.ChainId}, but the node at {config.Workflow.RpcUrl} serves chain {chainId}; fix one of them");
    }
}

using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Silo.Config;
using BlockhostBroker.Silo.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlockhostBroker.Silo.Api;

/// <summary>Registers the services behind the status API, /metrics and the background reporters.</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>Adds the API's services, the request-outcome follower and the registry load reporter.</summary>
    public static IServiceCollection AddBrokerApi(this IServiceCollection services, BrokerConfig config)
    {
        services.AddSingleton(config);
        services.TryAddSingleton(TimeProvider.System);
        // Shared with the request workflow when it registered one first (TryAdd): one node connection per silo.
        services.TryAddSingleton<IEthereumRpc>(_ => new EthereumRpc(new Uri(config.Workflow.RpcUrl), config.Workflow.RpcTimeout));
        services.AddSingleton<BrokerTargets>();
        services.AddSingleton<WalletCalls>();
        services.AddSingleton<RegistryAdmin>();
        services.AddSingleton<AllocationAdmin>();
        services.AddSingleton<StatusService>();
        services.AddSingleton<RequestOutcomes>();
        services.AddSingleton<MeterCollector>();
        services.AddSingleton<MetricsReport>();
        services.AddHostedService<RequestOutcomeFollower>();
        services.AddHostedService<LoadReporter>();
        return services;
    }
}

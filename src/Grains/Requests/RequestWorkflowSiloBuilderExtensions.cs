using BlockhostBroker.Grains.Chain;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BlockhostBroker.Grains.Requests;

/// <summary>Service keys of the request workflow.</summary>
public static class RequestWorkflowServices
{
    /// <summary>The keyed <see cref="Secp256k1KeyPair"/> requests are encrypted to (the broker's ECIES key).</summary>
    public const string EciesKey = "broker-ecies";
}

/// <summary>Wires the request workflow into a silo: options, chain access, the broker's ECIES key, and the watcher's start.</summary>
public static class RequestWorkflowSiloBuilderExtensions
{
    /// <summary>
    /// Registers the RequestGrain and ChainWatcherGrain services, a start-up task that starts the configured
    /// contract's watcher once the silo is active (every silo calls Start; it is idempotent), and the
    /// <see cref="WatcherKeeper"/> that brings the watcher back within seconds when its silo dies. Options are validated
    /// now and at start-up; errors name the config key. Needs the "broker" grain storage, reminders, the prefix
    /// pool, the WireGuard gateway and the operator wallet to be registered too.
    /// </summary>
    public static ISiloBuilder AddRequestWorkflow(this ISiloBuilder builder, RequestWorkflowOptions options)
    {
        builder.AddRequestWorkflowServices(options);
        var watcher = options.WatcherKey.ToString();
        builder.AddStartupTask((sp, _) => sp.GetRequiredService<IGrainFactory>().GetGrain<IChainWatcherGrain>(watcher).Start());
        builder.Services.AddHostedService<WatcherKeeper>();
        return builder;
    }

    /// <summary>Everything <see cref="AddRequestWorkflow"/> registers except the watcher's start (tests drive RequestGrains themselves).</summary>
    internal static ISiloBuilder AddRequestWorkflowServices(this ISiloBuilder builder, RequestWorkflowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequestWorkflowOptionsValidator.EnsureValid(options);
        var services = builder.Services;
        services.AddOptions<RequestWorkflowOptions>().Configure(o => CopyTo(options, o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RequestWorkflowOptions>, RequestWorkflowOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // One node connection per silo, shared with whoever registered one first.
        services.TryAddSingleton<IEthereumRpc>(_ => new EthereumRpc(new Uri(options.RpcUrl), options.RpcTimeout));
        services.TryAddSingleton<RequestChainReader>();
        services.AddKeyedSingleton(RequestWorkflowServices.EciesKey, (_, _) => KeyFile.ReadEciesKey(options.EciesKeyFile));
        return builder;
    }

    private static void CopyTo(RequestWorkflowOptions from, RequestWorkflowOptions to)
    {
        to.RpcUrl = from.RpcUrl;
        to.ChainId = from.ChainId;
        to.RequestsContract = from.RequestsContract;
        to.EciesKeyFile = from.EciesKeyFile;
        to.OperatorAddress = from.OperatorAddress;
        to.Confirmations = from.Confirmations;
        to.PollInterval = from.PollInterval;
        to.MaxBlockRange = from.MaxBlockRange;
        to.StartBlock = from.StartBlock;
        to.RpcTimeout = from.RpcTimeout;
        to.WireGuardInterface = from.WireGuardInterface;
    }
}

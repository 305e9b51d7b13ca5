using Microsoft.Extensions.Logging;

namespace BlockhostBroker.Silo.Hosting;

/// <summary>The host's log messages. None carries a private key: key files are named by path, keys by their public half.</summary>
internal static partial class HostLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "blockhost-broker {Version} starting: silo {Silo}, storage {Storage}, config {ConfigPath}")]
    public static partial void Starting(ILogger logger, string version, string silo, string storage, string configPath);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Surface} listening on http://{Endpoint}/")]
    public static partial void Listening(ILogger logger, string surface, string endpoint);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "!!! {Surface} listens on NON-LOOPBACK {Endpoint} ([{Surface}] allow_remote = true). It has NO AUTHENTICATION: anyone who can reach this address can read grain state and run admin actions. Put a firewall or an authenticating proxy in front of it. !!!")]
    public static partial void RemoteListen(ILogger logger, string surface, string endpoint);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "WireGuard key file {Path} was missing; generated a new key (public {PublicKey})")]
    public static partial void WireGuardKeyGenerated(ILogger logger, string path, string publicKey);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Gateway {Interface} ready: public key {PublicKey}, endpoint {Endpoint}, address {Gateway}; reconcile added {Added}, removed {Removed}")]
    public static partial void GatewayReady(ILogger logger, string @interface, string publicKey, string endpoint, string gateway, int added, int removed);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "Gateway {Interface} could not be provisioned at start-up; requests will retry it")]
    public static partial void GatewayFailed(ILogger logger, Exception error, string @interface);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "On-chain: chain {ChainId} via {RpcUrl}, requests contract {Requests}, operator {Operator}, ECIES public key {EciesPublicKey}")]
    public static partial void OnChain(ILogger logger, long chainId, string rpcUrl, string requests, string @operator, string eciesPublicKey);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "On-chain serving is disabled ([onchain] enabled = false): only the admin surfaces run")]
    public static partial void OnChainDisabled(ILogger logger);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "The node at {RpcUrl} did not answer eth_chainId at start-up ({Reason}); the watcher will keep trying")]
    public static partial void ChainUnreachable(ILogger logger, string rpcUrl, string reason);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Load update: {Load} allocations reported to the registry for broker {BrokerId} (was {Previous}); transaction {Status}")]
    public static partial void LoadUpdated(ILogger logger, long load, long brokerId, long previous, string status);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Load update failed; retrying in the next interval")]
    public static partial void LoadUpdateFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Request metrics: reading logs failed; retrying")]
    public static partial void OutcomeFollowFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Admin: {Action} {Target}: {Outcome}")]
    public static partial void AdminAction(ILogger logger, string action, string target, string outcome);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "!!! FAULT INJECTION ARMED: {Variable} = {Points}. This process will SIGKILL itself when the workflow reaches these points. For crash tests only; never set it on a production broker. !!!")]
    public static partial void FaultInjectionArmed(ILogger logger, string variable, string points);
}

using Microsoft.Extensions.Logging;

namespace BlockhostBroker.Grains.WireGuard;

// The grain's log messages. Public keys and prefixes may be logged; private keys never are.
public sealed partial class WireGuardGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "WireGuard {Interface} reconciled: {Added} added, {Removed} removed, {Fixed} fixed, {Unchanged} unchanged")]
    private partial void LogReconciled(string @interface, int added, int removed, int @fixed, int unchanged);

    [LoggerMessage(Level = LogLevel.Debug, Message = "WireGuard {Interface} is in sync with the pool: {Unchanged} peers")]
    private partial void LogInSync(string @interface, int unchanged);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WireGuard {Interface} is missing; creating it again")]
    private partial void LogRecreating(string @interface);

    [LoggerMessage(Level = LogLevel.Debug, Message = "WireGuard {Interface}: applied {Count} peer changes in one call")]
    private partial void LogBatchApplied(string @interface, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WireGuard {Interface}: reconciliation failed; the timer retries")]
    private partial void LogReconcileFailed(Exception exception, string @interface);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WireGuard {Interface}: allocation of {NftContract} ({Prefix}) is not a peer of this gateway; skipped")]
    private partial void LogAllocationSkipped(string @interface, string nftContract, string prefix);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the wg-quick file {Path}; a reboot would not restore the latest peers until reconciliation")]
    private partial void LogConfigWriteFailed(Exception exception, string path);
}

using System.Numerics;
using BlockhostBroker.Grains.Chain;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Silo.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlockhostBroker.Silo.Api;

/// <summary>
/// Keeps the registry's currentLoad equal to the number of allocations. Once per [onchain]
/// load_update_interval_seconds it compares the two and, when they differ and no earlier update is still in flight,
/// sends updateLoad through the operator wallet: changes within one interval are coalesced into one transaction.
/// </summary>
public sealed class LoadReporter(BrokerTargets targets, IEthereumRpc rpc, TimeProvider clock, ILogger<LoadReporter> logger) : BackgroundService
{
    private string? _lastIntent;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!targets.HasRegistry)
            return;
        var interval = TimeSpan.FromSeconds(targets.Config.OnChain.LoadUpdateIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(interval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested)
                break;
            try
            {
                await ReportOnceAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                HostLog.LoadUpdateFailed(logger, error);
            }
        }
    }

    /// <summary>One comparison; returns the intent key when an update was sent.</summary>
    public async Task<string?> ReportOnceAsync(CancellationToken cancellationToken)
    {
        if (_lastIntent is not null && await targets.Wallet.GetStatus(_lastIntent) is TxStatus.Pending)
            return null;
        var registry = new BrokerRegistryService(rpc, targets.RegistryContract);
        var brokerId = await registry.GetBrokerIdOfOperatorAsync(targets.OperatorAddress, cancellationToken: cancellationToken);
        if (brokerId.IsZero)
            return null; // not registered yet: nothing to update
        var broker = await registry.GetBrokerAsync(brokerId, cancellationToken: cancellationToken);
        var load = (await targets.Pool.GetUsage()).Allocated;
        if (broker.CurrentLoad == load)
            return null;
        var head = await rpc.GetBlockNumberAsync(cancellationToken);
        // Deterministic per observation: silos of a fleet that saw the same chain state submit one intent, not two.
        var key = $"updateLoad:{brokerId}:{broker.CurrentLoad}->{load}@{head}";
        var status = await targets.Wallet.Submit(new TxIntent(key, targets.RegistryContract,
            BrokerRegistryService.UpdateLoadCalldata(new BigInteger(load)), TxPurpose.Admin, null));
        _lastIntent = key;
        HostLog.LoadUpdated(logger, load, (long)brokerId, (long)broker.CurrentLoad, WalletCalls.ToOutcome("updateLoad", status).Status);
        return key;
    }
}

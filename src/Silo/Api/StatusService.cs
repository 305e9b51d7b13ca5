using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Silo.Metrics;

namespace BlockhostBroker.Silo.Api;

/// <summary>
/// Builds the status report from the grains' snapshots and the chain. Each part is read on its own: a part that
/// fails (the node is down, the interface is missing) is left out and named in <see cref="StatusReport.Problems"/>.
/// </summary>
public sealed class StatusService(BrokerTargets targets, IEthereumRpc rpc, RegistryAdmin registry, RequestOutcomes outcomes, TimeProvider clock)
{
    /// <summary>A peer whose last handshake is older than this counts as inactive (WireGuard rekeys every 2 minutes).</summary>
    public static readonly TimeSpan ActivePeerWindow = TimeSpan.FromMinutes(3);

    /// <summary>The whole report.</summary>
    public async Task<StatusReport> GetAsync(string siloName, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        async Task<T?> Part<T>(string name, Func<Task<T>> read) where T : class
        {
            try { return await read(); }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                problems.Add($"{name}: {error.Message}");
                return null;
            }
        }
        var pool = await Part("pool", PoolAsync);
        var peers = await Part("peers", PeersAsync);
        ChainView? chain = null;
        WalletView? wallet = null;
        RequestCountsView? requests = null;
        RegistryView? registryView = null;
        if (targets.OnChain)
        {
            chain = await Part("chain", ChainAsync);
            wallet = await Part("wallet", WalletAsync);
            requests = await Part("requests", () => RequestsAsync(wallet, cancellationToken));
            if (targets.HasRegistry)
                registryView = await Part("registry", () => registry.GetAsync(cancellationToken));
        }
        return new StatusReport(siloName, clock.GetUtcNow(), chain, requests, pool, peers, wallet, registryView, problems);
    }

    /// <summary>The pool part.</summary>
    public async Task<PoolView> PoolAsync()
    {
        var usage = await targets.Pool.GetUsage();
        return new PoolView(usage.UpstreamPrefix, usage.AllocationSize, usage.Capacity, usage.Allocated);
    }

    /// <summary>The peers part.</summary>
    public async Task<PeerCountsView> PeersAsync()
    {
        var peers = await targets.Gateway.GetPeers();
        var since = clock.GetUtcNow() - ActivePeerWindow;
        return new PeerCountsView(targets.Config.WireGuard.Interface, peers.Count, peers.Count(p => p.LatestHandshake >= since));
    }

    /// <summary>The watcher part.</summary>
    public async Task<ChainView> ChainAsync()
    {
        var status = await targets.Watcher.GetStatus();
        return new ChainView(targets.ChainId, targets.RequestsContract, status.ChainHead, status.Cursor, status.LastPollAt, status.RequestsSeen,
            status.Reorgs, status.LastError);
    }

    /// <summary>The wallet part.</summary>
    public async Task<WalletView> WalletAsync()
    {
        var snapshot = await targets.Wallet.GetSnapshot();
        return new WalletView(snapshot.Address, snapshot.NextNonce, snapshot.InFlight, snapshot.GasSpentLastHour, snapshot.TransactionsMined);
    }

    private async Task<RequestCountsView> RequestsAsync(WalletView? wallet, CancellationToken cancellationToken)
    {
        var pending = await new BrokerRequestsService(rpc, targets.RequestsContract).GetPendingRequestsAsync(cancellationToken: cancellationToken);
        var counts = outcomes.Counts;
        return new RequestCountsView(pending.Ids.Count, wallet?.InFlight ?? 0, counts.Approved, counts.Rejected, counts.Expired);
    }
}

using BlockhostBroker.Silo.Api;

namespace BlockhostBroker.Silo.Metrics;

/// <summary>
/// The /metrics page: the instruments' counters and histograms, plus gauges read from the grains' snapshots at
/// scrape time (pool size and use, peers, transactions in flight, gas, chain head and cursor). A part that cannot be
/// read is left out and counted in blockhost_broker_scrape_errors.
/// </summary>
public sealed class MetricsReport(MeterCollector collector, StatusService status, BrokerTargets targets)
{
    /// <summary>The page text.</summary>
    public async Task<string> RenderAsync()
    {
        var writer = new PrometheusWriter();
        collector.WriteTo(writer);
        var errors = 0;
        async Task Try(Func<Task> part)
        {
            try { await part(); }
            catch (Exception error) when (error is not OperationCanceledException) { errors++; }
        }
        await Try(async () => WritePool(writer, await status.PoolAsync()));
        await Try(async () => WritePeers(writer, await status.PeersAsync()));
        if (targets.OnChain)
        {
            await Try(async () => WriteWallet(writer, await status.WalletAsync()));
            await Try(async () => WriteChain(writer, await status.ChainAsync()));
        }
        writer.Gauge("blockhost_broker_scrape_errors", "Parts of this page that could not be read (see GET /api/status for why)", errors);
        return writer.ToString();
    }

    private static void WritePool(PrometheusWriter w, PoolView pool)
    {
        w.Gauge("blockhost_broker_pool_capacity", "Prefixes the upstream prefix holds at the allocation size (index 0 reserved)", pool.Capacity);
        w.Gauge("blockhost_broker_pool_allocated", "Prefixes allocated to NFT contracts", pool.Allocated);
    }

    private static void WritePeers(PrometheusWriter w, PeerCountsView peers)
    {
        w.Gauge("blockhost_broker_peers", "WireGuard peers on the gateway interface", peers.Total);
        w.Gauge("blockhost_broker_peers_active", "Peers with a handshake in the last 3 minutes", peers.Active);
    }

    private static void WriteWallet(PrometheusWriter w, WalletView wallet)
    {
        w.Gauge("blockhost_broker_transactions_in_flight", "Operator transactions sent and not yet mined", wallet.InFlight);
        w.Gauge("blockhost_broker_gas_spent_last_hour", "Gas the operator's mined transactions used in the last hour", wallet.GasSpentLastHour);
        w.Counter("blockhost_broker_transactions_mined", "Operator transactions mined", [("", wallet.TransactionsMined)]);
    }

    private static void WriteChain(PrometheusWriter w, ChainView chain)
    {
        w.Gauge("blockhost_broker_chain_head", "The chain's latest block as the watcher last saw it", chain.Head);
        w.Gauge("blockhost_broker_chain_cursor", "The last block whose requests the watcher handed on", chain.Cursor);
        w.Counter("blockhost_broker_requests_seen", "RequestSubmitted logs the watcher handed on (re-deliveries included)", [("", chain.RequestsSeen)]);
        w.Counter("blockhost_broker_chain_reorgs", "Reorgs the watcher detected", [("", chain.Reorgs)]);
    }
}

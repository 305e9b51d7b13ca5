using System.Diagnostics;
using System.Globalization;
using BlockhostBroker.Silo.Api;
using BlockhostBroker.TestSupport.Chain;
using OnChainStatus = BlockhostBroker.Protocol.Contracts.BrokerRequests.RequestStatus;

namespace BlockhostBroker.EndToEnd.Tests.Faults;

/// <summary>
/// What must hold after any fault once the broker has settled: every request answered exactly once and approved,
/// no prefix held twice, no operator transaction reverted, and the WireGuard peers (as the API reports them and as
/// `wg show` sees the interface) equal to the allocations.
/// </summary>
public sealed class BrokerAudit(FaultBroker broker)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Waits until every request has its ResponseSubmitted on-chain, looking only at the chain (reading the broker's
    /// API would wake its grains and hide a broker that waits for a reminder); returns how long that took.
    /// </summary>
    public async Task<TimeSpan> WaitAnsweredOnChainAsync(IEnumerable<SubmittedRequest> requests, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var open = requests.Select(r => r.Id).ToHashSet();
        while (clock.Elapsed < timeout)
        {
            foreach (var id in open.ToList())
            {
                if (await broker.Submitter.CountResponsesAsync(id) > 0)
                    open.Remove(id);
            }
            if (open.Count == 0)
                return clock.Elapsed;
            await Task.Delay(PollInterval);
        }
        throw new TimeoutException($"requests {string.Join(' ', open)} were not answered on-chain within {timeout}:\n{broker.Daemon.RecentOutput}");
    }

    /// <summary>
    /// Waits until the broker calls every request final and has no transaction in flight; returns how long that took.
    /// Fails with the daemon's output after <paramref name="timeout"/>.
    /// </summary>
    public async Task<TimeSpan> WaitSettledAsync(IEnumerable<SubmittedRequest> requests, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var open = requests.Select(r => r.Id).ToHashSet();
        string last = "";
        while (clock.Elapsed < timeout)
        {
            foreach (var id in open.ToList())
            {
                if (await TryGetRequestAsync(id) is { Final: true })
                    open.Remove(id);
            }
            var inFlight = open.Count == 0 ? await InFlightAsync() : -1;
            if (inFlight == 0)
                return clock.Elapsed;
            last = $"open requests: {string.Join(' ', open)}; transactions in flight: {inFlight}";
            await Task.Delay(PollInterval);
        }
        throw new TimeoutException($"the broker did not settle within {timeout} ({last}):\n{broker.Daemon.RecentOutput}");
    }

    /// <summary>Every check at once, over every request the fixture submitted.</summary>
    public async Task AssertConsistentAsync()
    {
        await AssertAnsweredOnceAsync();
        var allocations = await AssertAllocationsAsync();
        await AssertPeersMatchAsync(allocations);
        await AssertNoRevertedOperatorTransactionAsync();
    }

    /// <summary>One ResponseSubmitted per request, approved on-chain and Confirmed in the broker.</summary>
    public async Task AssertAnsweredOnceAsync()
    {
        foreach (var request in broker.Requests)
        {
            Assert.Equal(1, await broker.Submitter.CountResponsesAsync(request.Id));
            Assert.Equal(OnChainStatus.Approved, (await broker.Submitter.ReadAsync(request.Id)).Status);
            var view = await TryGetRequestAsync(request.Id);
            Assert.True(view is { Status: "Confirmed" }, $"request {request.Id} is {view?.Status ?? "unseen"} in the broker");
        }
    }

    /// <summary>One allocation per request's NFT contract with its WireGuard key, and no prefix twice.</summary>
    public async Task<IReadOnlyList<AllocationView>> AssertAllocationsAsync()
    {
        var allocations = await broker.Daemon.GetAsync<List<AllocationView>>("api/allocations") ?? [];
        Assert.Equal(allocations.Count, allocations.Select(a => a.Prefix).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(allocations.Count, allocations.Select(a => a.NftContract.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(
            broker.Requests.Select(r => (r.NftContract.ToLowerInvariant(), r.WgKey.PublicKey.ToBase64())).Order(),
            allocations.Select(a => (a.NftContract.ToLowerInvariant(), a.WgPubkey)).Order());
        return allocations;
    }

    /// <summary>/api/peers and `wg show &lt;interface&gt; allowed-ips` in the namespace both list exactly the allocations.</summary>
    public async Task AssertPeersMatchAsync(IReadOnlyList<AllocationView> allocations)
    {
        var expected = allocations.Select(a => $"{a.WgPubkey} {a.Prefix}").Order(StringComparer.Ordinal).ToList();
        var peers = await broker.Daemon.GetAsync<List<PeerView>>("api/peers") ?? [];
        Assert.Equal(expected, peers.Select(p => $"{p.PublicKey} {string.Join(',', p.AllowedIps)}").Order(StringComparer.Ordinal));
        var wg = await broker.Namespace.ExecAsync("wg", "show", broker.Daemon.Config.Interface, "allowed-ips");
        var onInterface = wg.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', 2))
            .Select(parts => $"{parts[0]} {string.Join(',', parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries))}");
        Assert.Equal(expected, onInterface.Order(StringComparer.Ordinal));
    }

    /// <summary>Every transaction the operator sent since the daemon first started succeeded, and there is one per request.</summary>
    public async Task AssertNoRevertedOperatorTransactionAsync()
    {
        var receipts = await OperatorReceiptsAsync();
        var reverted = receipts.Where(r => !r.Succeeded).Select(r => $"{r.TransactionHash} in block {r.BlockNumber}").ToList();
        Assert.True(reverted.Count == 0, $"reverted operator transactions: {string.Join(", ", reverted)}");
        Assert.Equal(broker.Requests.Count, receipts.Count);
    }

    private async Task<List<Protocol.Rpc.TransactionReceiptInfo>> OperatorReceiptsAsync()
    {
        var rpc = broker.Chain.Rpc;
        var head = await rpc.GetBlockNumberAsync();
        var receipts = new List<Protocol.Rpc.TransactionReceiptInfo>();
        for (var number = broker.FirstBlock + 1; number <= head; number++)
        {
            var block = await rpc.RequestAsync("eth_getBlockByNumber", ["0x" + number.ToString("x", CultureInfo.InvariantCulture), true]);
            foreach (var tx in block["transactions"]!)
            {
                if (!string.Equals((string?)tx["from"], broker.Chain.Operator.Address, StringComparison.OrdinalIgnoreCase))
                    continue;
                receipts.Add(await rpc.GetTransactionReceiptAsync((string)tx["hash"]!)
                    ?? throw new InvalidOperationException($"no receipt for mined transaction {tx["hash"]}"));
            }
        }
        return receipts;
    }

    /// <summary>The broker's view of a request, or null when it has not seen it (404) or does not answer.</summary>
    public async Task<RequestView?> TryGetRequestAsync(long id)
    {
        try
        {
            return await broker.Daemon.GetAsync<RequestView>($"api/requests/{id}");
        }
        catch (HttpRequestException)
        {
            return null; // not seen yet (404) or the daemon is between runs
        }
    }

    private async Task<int> InFlightAsync()
    {
        try
        {
            return (await broker.Daemon.GetAsync<StatusReport>("api/status"))?.Wallet?.InFlight ?? -1;
        }
        catch (HttpRequestException)
        {
            return -1;
        }
    }
}

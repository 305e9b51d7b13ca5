using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Grains.Requests;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;

namespace BlockhostBroker.Silo.Api;

/// <summary>Allocations, peers and requests as the admin surfaces show them, and the release of an allocation.</summary>
public sealed class AllocationAdmin(BrokerTargets targets, IEthereumRpc rpc, WalletCalls wallet)
{
    /// <summary>Every allocation, by prefix index.</summary>
    public async Task<IReadOnlyList<AllocationView>> ListAllocationsAsync() =>
        (await targets.Pool.List()).Select(a => new AllocationView(a.Index, a.Prefix, a.NftContract, a.WgPubkey, a.AllocatedAt)).ToList();

    /// <summary>The gateway's peers, each with the NFT contract whose allocation it serves (null for a stray peer).</summary>
    public async Task<IReadOnlyList<PeerView>> ListPeersAsync()
    {
        var owners = (await targets.Pool.List()).ToDictionary(a => a.WgPubkey, a => a.NftContract, StringComparer.Ordinal);
        return (await targets.Gateway.GetPeers())
            .Select(p => new PeerView(p.PublicKey, p.AllowedIps, p.Endpoint, p.LatestHandshake, p.ReceiveBytes, p.TransmitBytes,
                owners.GetValueOrDefault(p.PublicKey)))
            .ToList();
    }

    /// <summary>A request's state and history; throws <see cref="AdminRequestException"/> (404) when the broker has not seen it.</summary>
    public async Task<RequestView> GetRequestAsync(long requestId)
    {
        if (!targets.OnChain)
            throw new AdminRequestException(409, "on-chain serving is off ([onchain] enabled = false); there are no requests");
        if (requestId <= 0)
            throw new AdminRequestException(400, $"{requestId} is not a request id", "request ids start at 1");
        var snapshot = await targets.Request(requestId).GetSnapshot();
        if (snapshot.Status == RequestStatus.None)
            throw new AdminRequestException(404, $"request {requestId} has not been seen by this broker",
                "it may not exist yet, or the watcher has not reached its block; `blockhost-broker status` shows the cursor");
        return new RequestView(snapshot.RequestId, snapshot.Status.ToString(), snapshot.Status.IsFinal(), snapshot.Requester, snapshot.NftContract,
            snapshot.Prefix, snapshot.RejectionReason, snapshot.TxHash, snapshot.Nonce,
            snapshot.History.Select(h => new RequestHistoryView(h.Status.ToString(), h.At, h.Note)).ToList(), snapshot.LastError);
    }

    /// <summary>
    /// Frees an NFT contract's allocation everywhere: the prefix goes back to the pool, the peer leaves the interface,
    /// and releaseAllocation clears the contract's request on-chain so its owner may ask again.
    /// </summary>
    public async Task<ReleaseReport> ReleaseAsync(string nftContract, CancellationToken cancellationToken)
    {
        string nft;
        try { nft = AllocationRequest.NormalizeContract(nftContract); }
        catch (InvalidAllocationRequestException e) { throw new AdminRequestException(400, e.Message, "pass the NFT contract's 0x address"); }
        var allocation = await targets.Pool.Get(nft);
        // The pool first: once it no longer holds the prefix, any reconcile removes the peer too, even if the
        // removal below fails.
        var released = allocation is not null && await targets.Pool.Release(nft);
        if (allocation is not null)
            await targets.Gateway.RemovePeer(allocation.WgPubkey);
        var chain = targets.OnChain ? await ReleaseOnChainAsync(nft, cancellationToken) : null;
        if (allocation is null && chain is null)
            throw new AdminRequestException(404, $"{nft} holds no allocation here or on-chain", "`blockhost-broker allocations` lists them");
        return new ReleaseReport(nft, allocation?.Prefix, released, allocation is not null, chain);
    }

    private async Task<TxOutcome?> ReleaseOnChainAsync(string nft, CancellationToken cancellationToken)
    {
        var requests = new BrokerRequestsService(rpc, targets.RequestsContract);
        var requestId = await requests.GetRequestIdOfNftContractAsync(nft, cancellationToken: cancellationToken);
        if (requestId.IsZero)
            return null;
        return await wallet.SendAsync("releaseAllocation", targets.RequestsContract, BrokerRequestsService.ReleaseAllocationCalldata(nft), cancellationToken);
    }
}

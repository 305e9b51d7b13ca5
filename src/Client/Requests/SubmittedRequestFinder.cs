using System.Numerics;
using BlockhostBroker.Client.State;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Payloads;
using BlockhostBroker.Protocol.Rpc;

namespace BlockhostBroker.Client.Requests;

/// <summary>
/// Finds the request this wallet already submitted for an NFT contract when request.json does not know it: a run
/// interrupted between broadcasting submitRequest and saving its receipt leaves the request on-chain (and, under V1,
/// the NFT contract taken) with nothing saved locally. The contract's <c>nftContractToRequestId</c> names it; its block
/// is found by the submission time, and its RequestSubmitted log gives the transaction.
/// </summary>
public sealed class SubmittedRequestFinder(IEthereumRpc rpc, long chainId)
{
    /// <summary>The request the wallet holds for <paramref name="nftContract"/> at <paramref name="broker"/>, or null when none.</summary>
    public async Task<RequestRecord?> FindAsync(
        BrokerTarget broker, string nftContract, string wallet, WireGuardKeyPair wireGuard, Secp256k1KeyPair ecies,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var contract = new ContractReader(rpc, broker.RequestsContract);
        var id = await contract.QueryAsync<BrokerRequests.NftContractToRequestIdFunction, BigInteger>(
            new BrokerRequests.NftContractToRequestIdFunction { NftContract = nftContract }, cancellationToken: cancellationToken);
        if (id.IsZero)
            return null;
        var request = (await contract.QueryDtoAsync<BrokerRequests.GetRequestFunction, BrokerRequests.GetRequestOutput>(
            new BrokerRequests.GetRequestFunction { RequestId = id }, cancellationToken: cancellationToken)).Request;
        // Another wallet's request for the contract is not ours to wait for; submitting explains the refusal.
        if (!EthereumAddressText.SameAddress(request.Requester, wallet))
            return null;
        var (block, transaction) = await LocateAsync(broker.RequestsContract, id, (long)request.SubmittedAt, cancellationToken);
        return new RequestRecord(chainId, broker.RequestsContract, broker.BrokerId, broker.Pubkey.ToHex(),
            EthereumAddressText.ToChecksum(request.NftContract), EthereumAddressText.ToChecksum(wallet), (ulong)id, transaction,
            (ulong)block, now, wireGuard.PublicKey.ToBase64(), ecies.PublicKey.ToHex());
    }

    // The blocks stamped with the submission second hold the log; a binary search over timestamps finds the first.
    private async Task<(long Block, string Transaction)> LocateAsync(string requestsContract, BigInteger id, long submittedAt, CancellationToken cancellationToken)
    {
        var head = await rpc.GetBlockNumberAsync(cancellationToken);
        long low = 0, high = head;
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (await TimestampAsync(middle, cancellationToken) < submittedAt)
                low = middle + 1;
            else
                high = middle;
        }
        for (var from = low; from <= head; from += ResponseWatcher.MaxLogRange)
        {
            var to = Math.Min(head, from + ResponseWatcher.MaxLogRange - 1);
            var logs = await rpc.GetLogsAsync(
                EventLogs.Filter<BrokerRequests.RequestSubmittedEvent>(requestsContract, from, to, id), cancellationToken);
            if (logs.Count > 0)
                return (logs[0].BlockNumber, logs[0].TransactionHash);
            if (await TimestampAsync(to, cancellationToken) > submittedAt)
                break;
        }
        throw new RpcMalformedResponseException("eth_getLogs", $"no RequestSubmitted log for request {id} near its submission time {submittedAt}");
    }

    private async Task<long> TimestampAsync(long block, CancellationToken cancellationToken) =>
        (await rpc.GetBlockAsync(block, cancellationToken) ?? throw new RpcMalformedResponseException("eth_getBlockByNumber", $"the node has no block {block}"))
            .Timestamp.ToUnixTimeSeconds();
}

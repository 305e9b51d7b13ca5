using BlockhostBroker.Grains.Requests;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;
using static BlockhostBroker.Protocol.Contracts.BrokerRequests;

namespace BlockhostBroker.Grains.Chain;

/// <summary>The chain reads of the watcher for one requests contract: block hashes, RequestSubmitted logs and the pending list.</summary>
/// <remarks><paramref name="onUndecodable"/> is told about every RequestSubmitted log that does not decode.</remarks>
public sealed class ChainWatcherReader(IEthereumRpc rpc, string requestsContract, Action<EventDecodingException> onUndecodable)
{
    /// <summary>The hash of a block, or null when the chain has no such block (yet, or any more).</summary>
    public async Task<string?> HashAt(long block) => (await rpc.GetBlockAsync(BlockTag.Number(block)))?.Hash;

    /// <summary>
    /// The requests submitted in an inclusive block range, in log order. Logs of removed (reorged) blocks are
    /// skipped, and so is a log that does not decode: no retry would make it decode.
    /// </summary>
    public async Task<IReadOnlyList<SeenRequest>> Read(BlockRange range)
    {
        var logs = await rpc.GetLogsAsync(EventLogs.Filter<RequestSubmittedEvent>(requestsContract, range.From, range.To));
        var requests = new List<SeenRequest>(logs.Count);
        foreach (var log in logs.Where(l => !l.Removed && EventLogs.Is<RequestSubmittedEvent>(l)))
        {
            try
            {
                var e = EventLogs.Decode<RequestSubmittedEvent>(log);
                // The log carries no submittedAt; 0 means "not known yet" and the RequestGrain reads it from getRequest.
                requests.Add(new SeenRequest((long)e.RequestId, e.Requester, e.NftContract, e.EncryptedPayload, SubmittedAt: 0, log.BlockNumber));
            }
            catch (EventDecodingException error)
            {
                onUndecodable(error);
            }
        }
        return requests;
    }

    /// <summary>Every request pending and not yet past expiry at <paramref name="block"/>, as getPendingRequests() lists them there.</summary>
    public async Task<IReadOnlyList<SeenRequest>> ReadPending(long block)
    {
        var output = await new ContractReader(rpc, requestsContract)
            .QueryDtoAsync<GetPendingRequestsFunction, GetPendingRequestsOutput>(new GetPendingRequestsFunction(), BlockTag.Number(block));
        // The pending list carries no block number; 0 marks a request not read from a log.
        return [.. output.Pending.Select(r => new SeenRequest(
            (long)r.Id, r.Requester, r.NftContract, r.EncryptedPayload, (long)r.SubmittedAt, BlockNumber: 0))];
    }
}

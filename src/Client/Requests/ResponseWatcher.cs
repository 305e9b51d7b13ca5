using System.Numerics;
using BlockhostBroker.Client.Cli;
using BlockhostBroker.Client.State;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;
using RequestStatus = BlockhostBroker.Protocol.Contracts.BrokerRequests.RequestStatus;

namespace BlockhostBroker.Client.Requests;

/// <summary>
/// Waits for the broker's answer to a request by reading ResponseSubmitted and RequestExpired logs from the block
/// the request was included in, in bounded ranges. Returns the encrypted response of an approval; a rejection,
/// an expiry or the client's own timeout end in their typed errors. Transient RPC failures are retried until the timeout.
/// </summary>
public sealed class ResponseWatcher(IEthereumRpc rpc, TimeProvider time)
{
    /// <summary>The widest block range one eth_getLogs call covers.</summary>
    public const long MaxLogRange = 2_000;

    /// <summary>Waits for the answer to <paramref name="request"/>.</summary>
    public async Task<byte[]> WaitAsync(
        RequestRecord request, TimeSpan timeout, TimeSpan pollInterval, IProgress<RequestProgress> progress, CancellationToken cancellationToken)
    {
        var contract = new ContractReader(rpc, request.RequestsContract);
        var onChain = await ReadRequestAsync(contract, request.RequestId, cancellationToken);
        if (onChain.Status != RequestStatus.Pending)
            return Conclude(request.RequestId, onChain);
        var expiration = await contract.QueryAsync<BrokerRequests.RequestExpirationTimeFunction, BigInteger>(
            new BrokerRequests.RequestExpirationTimeFunction(), cancellationToken: cancellationToken);
        var wait = new Wait(request, contract, DateTimeOffset.FromUnixTimeSeconds((long)(onChain.SubmittedAt + expiration)), time.GetTimestamp());
        while (true)
        {
            if (await PollAsync(wait, progress, cancellationToken) is { } answer)
                return answer;
            var remaining = timeout - time.GetElapsedTime(wait.Started);
            if (remaining <= TimeSpan.Zero)
                throw new TimedOutException(request.RequestId, timeout);
            await Task.Delay(remaining < pollInterval ? remaining : pollInterval, time, cancellationToken);
        }
    }

    // Reads the blocks mined since the last poll: the answer when there is one, otherwise null after reporting progress.
    private async Task<byte[]?> PollAsync(Wait wait, IProgress<RequestProgress> progress, CancellationToken cancellationToken)
    {
        var request = wait.Request;
        try
        {
            var head = await rpc.GetBlockAsync(BlockTag.Latest, cancellationToken)
                ?? throw new RpcMalformedResponseException("eth_getBlockByNumber", "the node has no latest block");
            if (await AnsweredAsync(request, wait.Cursor, head.Number, cancellationToken))
                return Conclude(request.RequestId, await ReadRequestAsync(wait.Contract, request.RequestId, cancellationToken));
            wait.Cursor = head.Number + 1;
            // Past its expiry the contract refuses any answer, so the request is over even before someone marks it.
            if (head.Timestamp > wait.Deadline)
                throw new RequestExpiredException(request.RequestId);
            progress.Report(wait.Progress("pending", wait.Deadline - head.Timestamp, time));
        }
        catch (EthereumRpcException e) when (e is not ContractRevertException)
        {
            progress.Report(wait.Progress($"chain unreachable, retrying ({e.Method})", null, time));
        }
        return null;
    }

    /// <summary>Where one wait stands: the next block to read and the request's on-chain deadline.</summary>
    private sealed class Wait(RequestRecord request, ContractReader contract, DateTimeOffset deadline, long started)
    {
        public RequestRecord Request { get; } = request;

        public ContractReader Contract { get; } = contract;

        public DateTimeOffset Deadline { get; } = deadline;

        public long Started { get; } = started;

        public long Cursor { get; set; } = (long)request.SubmittedBlock;

        public RequestProgress Progress(string state, TimeSpan? expiresIn, TimeProvider time) =>
            new(Request.RequestId, Cursor - 1 - (long)Request.SubmittedBlock, time.GetElapsedTime(Started), state, expiresIn);
    }

    private async Task<bool> AnsweredAsync(RequestRecord request, long fromBlock, long toBlock, CancellationToken cancellationToken)
    {
        var id = new BigInteger(request.RequestId);
        foreach (var (from, to) in BlockRanges.Split(fromBlock, toBlock, MaxLogRange))
        {
            var responses = await rpc.GetLogsAsync(EventLogs.Filter<BrokerRequests.ResponseSubmittedEvent>(request.RequestsContract, from, to, id), cancellationToken);
            var expiries = await rpc.GetLogsAsync(EventLogs.Filter<BrokerRequests.RequestExpiredEvent>(request.RequestsContract, from, to, id), cancellationToken);
            if (responses.Count > 0 || expiries.Count > 0)
                return true;
        }
        return false;
    }

    private static byte[] Conclude(ulong requestId, BrokerRequests.Request onChain) => onChain.Status switch
    {
        RequestStatus.Approved => onChain.ResponsePayload,
        RequestStatus.Rejected => throw new RejectedException(requestId, onChain.RejectionReason),
        RequestStatus.Expired => throw new RequestExpiredException(requestId),
        _ => throw new ClientFailureException($"request #{requestId} has unknown status {onChain.StatusCode}"),
    };

    private static async Task<BrokerRequests.Request> ReadRequestAsync(ContractReader contract, ulong requestId, CancellationToken cancellationToken) =>
        (await contract.QueryDtoAsync<BrokerRequests.GetRequestFunction, BrokerRequests.GetRequestOutput>(
            new BrokerRequests.GetRequestFunction { RequestId = requestId }, cancellationToken: cancellationToken)).Request;
}

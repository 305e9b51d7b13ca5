using System.Numerics;
using BlockhostBroker.Protocol.Rpc;
using static BlockhostBroker.Protocol.Contracts.BrokerRequests;

namespace BlockhostBroker.Protocol.Contracts;

/// <summary>Typed reads of one BrokerRequests contract, plus the calldata of its transactions (sign and send them with Transactions/).</summary>
public sealed class BrokerRequestsService(IEthereumRpc rpc, string contractAddress)
{
    /// <summary>Encodes, calls and decodes against the contract.</summary>
    public ContractReader Reader { get; } = new(rpc, contractAddress);

    /// <summary>The contract's address.</summary>
    public string Address => Reader.Address;

    /// <summary>Calldata of <c>submitRequest(nftContract, encryptedPayload)</c>.</summary>
    public static byte[] SubmitRequestCalldata(string nftContract, byte[] encryptedPayload) =>
        ContractReader.Calldata(new SubmitRequestFunction { NftContract = nftContract, EncryptedPayload = encryptedPayload });

    /// <summary>Calldata of <c>submitResponse(requestId, approved, encryptedPayload, rejectionReason)</c>.</summary>
    public static byte[] SubmitResponseCalldata(BigInteger requestId, bool approved, byte[] encryptedPayload, string rejectionReason) =>
        ContractReader.Calldata(new SubmitResponseFunction
        {
            RequestId = requestId, Approved = approved, EncryptedPayload = encryptedPayload, RejectionReason = rejectionReason,
        });

    /// <summary>Calldata of <c>markExpired(requestIds)</c>.</summary>
    public static byte[] MarkExpiredCalldata(IEnumerable<BigInteger> requestIds) =>
        ContractReader.Calldata(new MarkExpiredFunction { RequestIds = [.. requestIds] });

    /// <summary>Calldata of <c>releaseAllocation(nftContract)</c>.</summary>
    public static byte[] ReleaseAllocationCalldata(string nftContract) =>
        ContractReader.Calldata(new ReleaseAllocationFunction { NftContract = nftContract });

    /// <summary>Calldata of <c>setRequestExpirationTime(seconds)</c>.</summary>
    public static byte[] SetRequestExpirationTimeCalldata(BigInteger seconds) =>
        ContractReader.Calldata(new SetRequestExpirationTimeFunction { ExpirationTime = seconds });

    /// <summary><c>getRequest(id)</c>; an unknown id throws <see cref="ContractRevertException"/> with reason "Invalid request ID".</summary>
    public async Task<Request> GetRequestAsync(BigInteger requestId, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await Reader.QueryDtoAsync<GetRequestFunction, GetRequestOutput>(new() { RequestId = requestId }, block, cancellationToken: cancellationToken)).Request;

    /// <summary><c>getPendingRequests()</c>: the ids and requests pending and not past expiry.</summary>
    public Task<GetPendingRequestsOutput> GetPendingRequestsAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        Reader.QueryDtoAsync<GetPendingRequestsFunction, GetPendingRequestsOutput>(new(), block, cancellationToken: cancellationToken);

    /// <summary><c>getRequestsByRequester(requester)</c>, oldest first.</summary>
    public async Task<IReadOnlyList<Request>> GetRequestsByRequesterAsync(string requester, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await Reader.QueryDtoAsync<GetRequestsByRequesterFunction, GetRequestsByRequesterOutput>(
            new() { Requester = requester }, block, cancellationToken: cancellationToken)).Requests;

    /// <summary><c>getRequestCount()</c>: the highest request id.</summary>
    public Task<BigInteger> GetRequestCountAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        Reader.QueryAsync<GetRequestCountFunction, BigInteger>(new(), block, cancellationToken: cancellationToken);

    /// <summary>The public getter <c>requests(id)</c> (all zero for an unknown id).</summary>
    public Task<RequestsOutput> GetRequestRecordAsync(BigInteger requestId, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        Reader.QueryDtoAsync<RequestsFunction, RequestsOutput>(new() { RequestId = requestId }, block, cancellationToken: cancellationToken);

    /// <summary><c>nftContractToRequestId(nftContract)</c>: the request holding it, or 0.</summary>
    public Task<BigInteger> GetRequestIdOfNftContractAsync(string nftContract, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        Reader.QueryAsync<NftContractToRequestIdFunction, BigInteger>(new() { NftContract = nftContract }, block, cancellationToken: cancellationToken);

    /// <summary><c>requesterToRequestIds(requester, index)</c>; an index past the end reverts without data (RevertKind.Empty).</summary>
    public Task<BigInteger> GetRequestIdOfRequesterAsync(string requester, BigInteger index, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        Reader.QueryAsync<RequesterToRequestIdsFunction, BigInteger>(new() { Requester = requester, Index = index }, block, cancellationToken: cancellationToken);

    /// <summary><c>requestExpirationTime()</c> in seconds.</summary>
    public Task<BigInteger> GetRequestExpirationTimeAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        Reader.QueryAsync<RequestExpirationTimeFunction, BigInteger>(new(), block, cancellationToken: cancellationToken);

    /// <summary>The bounds <c>MIN_REQUEST_EXPIRATION_TIME()</c> and <c>MAX_REQUEST_EXPIRATION_TIME()</c> in seconds.</summary>
    public async Task<(BigInteger Min, BigInteger Max)> GetExpirationBoundsAsync(CancellationToken cancellationToken = default) =>
        (await Reader.QueryAsync<MinRequestExpirationTimeFunction, BigInteger>(new(), cancellationToken: cancellationToken),
         await Reader.QueryAsync<MaxRequestExpirationTimeFunction, BigInteger>(new(), cancellationToken: cancellationToken));

    /// <summary><c>owner()</c>: the operator.</summary>
    public Task<string> GetOwnerAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        Reader.QueryAsync<Ownable.OwnerFunction, string>(new(), block, cancellationToken: cancellationToken);
}

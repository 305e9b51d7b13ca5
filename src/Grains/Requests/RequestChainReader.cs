using System.Numerics;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;
using static BlockhostBroker.Protocol.Contracts.BrokerRequests;
using OnChainStatus = BlockhostBroker.Protocol.Contracts.BrokerRequests.RequestStatus;

namespace BlockhostBroker.Grains.Requests;

/// <summary>Where a request stands on-chain, judged at one block.</summary>
public enum OnChainStanding
{
    /// <summary>Pending and still answerable.</summary>
    Open = 0,
    /// <summary>Approved or rejected already: never answer it again.</summary>
    Answered = 1,
    /// <summary>Marked expired, or past submittedAt + requestExpirationTime: a response would revert.</summary>
    Expired = 2,
}

/// <summary>A request's on-chain standing with the facts it was judged on.</summary>
public sealed record OnChainVerdict(OnChainStanding Standing, OnChainStatus Status, long SubmittedAt, long ExpiresAt, long BlockNumber)
{
    /// <summary>A short note for the request's history.</summary>
    public string Note => $"on-chain {Status} at block {BlockNumber}, expires at {ExpiresAt}";
}

/// <summary>What the NFT checks found; null reason means the requester owns an ERC721 contract.</summary>
public sealed record NftVerdict(string? RejectionReason);

/// <summary>The chain reads of the request workflow: a request's standing, and the checks on its NFT contract.</summary>
public sealed class RequestChainReader(IEthereumRpc rpc)
{
    /// <summary>Reads the request, the expiration setting and the latest block's time, all at one block.</summary>
    public async Task<OnChainVerdict> ReadAsync(string requestsContract, long requestId, CancellationToken cancellationToken = default)
    {
        var head = await rpc.GetBlockAsync(BlockTag.Latest, cancellationToken)
            ?? throw new RpcMalformedResponseException("eth_getBlockByNumber", "the node has no latest block");
        var at = BlockTag.Number(head.Number);
        var reader = new ContractReader(rpc, requestsContract);
        var request = (await reader.QueryDtoAsync<GetRequestFunction, GetRequestOutput>(
            new GetRequestFunction { RequestId = requestId }, at, cancellationToken: cancellationToken)).Request;
        var expiration = await reader.QueryAsync<RequestExpirationTimeFunction, BigInteger>(new(), at, cancellationToken: cancellationToken);
        var submittedAt = (long)request.SubmittedAt;
        var expiresAt = RequestTiming.ExpiresAt(submittedAt, (long)expiration);
        var standing = request.Status switch
        {
            OnChainStatus.Approved or OnChainStatus.Rejected => OnChainStanding.Answered,
            OnChainStatus.Expired => OnChainStanding.Expired,
            _ when RequestTiming.IsExpired(submittedAt, (long)expiration, head.Timestamp.ToUnixTimeSeconds()) => OnChainStanding.Expired,
            _ => OnChainStanding.Open,
        };
        return new OnChainVerdict(standing, request.Status, submittedAt, expiresAt, head.Number);
    }

    /// <summary>The checks BrokerRequests made at submission, again now: code, ERC721 through ERC165, owner() equal to the requester.</summary>
    public async Task<NftVerdict> VerifyNftAsync(string nftContract, string requester, CancellationToken cancellationToken = default)
    {
        var code = await rpc.GetCodeAsync(nftContract, BlockTag.Latest, cancellationToken);
        if (code.Length == 0) return new NftVerdict(RejectionReasons.NftNoCode);
        var checks = new NftChecks(rpc);
        if (!await checks.SupportsErc721Async(nftContract, cancellationToken)) return new NftVerdict(RejectionReasons.NftNotErc721);
        var owner = await checks.GetOwnerAsync(nftContract, cancellationToken);
        return owner is not null && string.Equals(owner, requester, StringComparison.OrdinalIgnoreCase)
            ? new NftVerdict(null)
            : new NftVerdict(RejectionReasons.NftOwnerMismatch);
    }

    /// <summary>The calldata of submitResponse(requestId, approved, payload, reason).</summary>
    public static byte[] SubmitResponseCalldata(long requestId, bool approved, byte[] payload, string? rejectionReason) =>
        ContractReader.Calldata(new SubmitResponseFunction
        {
            RequestId = requestId,
            Approved = approved,
            EncryptedPayload = payload,
            RejectionReason = rejectionReason ?? "",
        });
}

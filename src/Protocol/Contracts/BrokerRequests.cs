using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace BlockhostBroker.Protocol.Contracts;

/// <summary>
/// Typed messages of the <c>BrokerRequests</c> contract (one per broker; Ownable, the owner is the operator):
/// every function and view, the <see cref="Request"/> struct, and every event, in ABI order.
/// The inherited Ownable members are in <see cref="Ownable"/>.
/// </summary>
public static class BrokerRequests
{
    /// <summary>The lifecycle of a request; the numbers are the ABI's uint8 values.</summary>
    public enum RequestStatus : byte
    {
        /// <summary>Submitted, not answered.</summary>
        Pending = 0,
        /// <summary>Answered with an allocation.</summary>
        Approved = 1,
        /// <summary>Answered with a rejection reason.</summary>
        Rejected = 2,
        /// <summary>Marked expired after passing its expiry unanswered.</summary>
        Expired = 3,
    }

    /// <summary><c>struct Request</c>, fields in ABI order.</summary>
    public sealed class Request
    {
        /// <summary>The request id (from 1).</summary>
        [Parameter("uint256", "id", 1)] public BigInteger Id { get; set; }
        /// <summary>The account that submitted it (the NFT contract's owner).</summary>
        [Parameter("address", "requester", 2)] public string Requester { get; set; } = "";
        /// <summary>The NFT contract the request is for.</summary>
        [Parameter("address", "nftContract", 3)] public string NftContract { get; set; } = "";
        /// <summary>The ECIES-encrypted request payload.</summary>
        [Parameter("bytes", "encryptedPayload", 4)] public byte[] EncryptedPayload { get; set; } = [];
        /// <summary>The raw uint8 status; see <see cref="Status"/>.</summary>
        [Parameter("uint8", "status", 5)] public byte StatusCode { get; set; }
        /// <summary>The ECIES-encrypted response payload (empty until approved).</summary>
        [Parameter("bytes", "responsePayload", 6)] public byte[] ResponsePayload { get; set; } = [];
        /// <summary>Why the request was rejected (empty otherwise).</summary>
        [Parameter("string", "rejectionReason", 7)] public string RejectionReason { get; set; } = "";
        /// <summary>Block timestamp of submission (Unix seconds).</summary>
        [Parameter("uint256", "submittedAt", 8)] public BigInteger SubmittedAt { get; set; }
        /// <summary>Block timestamp of the response (0 until answered).</summary>
        [Parameter("uint256", "respondedAt", 9)] public BigInteger RespondedAt { get; set; }

        /// <summary>The status as an enum.</summary>
        public RequestStatus Status => (RequestStatus)StatusCode;
    }

    /// <summary><c>submitRequest(address nftContract, bytes encryptedPayload) returns (uint256 requestId)</c>.</summary>
    [Function("submitRequest", "uint256")]
    public sealed class SubmitRequestFunction : FunctionMessage
    {
        /// <summary>The ERC721 contract the sender owns.</summary>
        [Parameter("address", "nftContract", 1)] public string NftContract { get; set; } = "";
        /// <summary>The ECIES-encrypted request payload (non-empty).</summary>
        [Parameter("bytes", "encryptedPayload", 2)] public byte[] EncryptedPayload { get; set; } = [];
    }

    /// <summary><c>submitResponse(uint256 requestId, bool approved, bytes encryptedPayload, string rejectionReason)</c> (owner only).</summary>
    [Function("submitResponse")]
    public sealed class SubmitResponseFunction : FunctionMessage
    {
        /// <summary>The pending request answered.</summary>
        [Parameter("uint256", "requestId", 1)] public BigInteger RequestId { get; set; }
        /// <summary>True to approve (payload required), false to reject.</summary>
        [Parameter("bool", "approved", 2)] public bool Approved { get; set; }
        /// <summary>The ECIES-encrypted response payload.</summary>
        [Parameter("bytes", "encryptedPayload", 3)] public byte[] EncryptedPayload { get; set; } = [];
        /// <summary>A short readable reason when rejecting.</summary>
        [Parameter("string", "rejectionReason", 4)] public string RejectionReason { get; set; } = "";
    }

    /// <summary><c>markExpired(uint256[] requestIds)</c> (anyone): expires the pending ones past expiry.</summary>
    [Function("markExpired")]
    public sealed class MarkExpiredFunction : FunctionMessage
    {
        /// <summary>The request ids to check.</summary>
        [Parameter("uint256[]", "requestIds", 1)] public List<BigInteger> RequestIds { get; set; } = [];
    }

    /// <summary><c>releaseAllocation(address nftContract)</c> (owner only).</summary>
    [Function("releaseAllocation")]
    public sealed class ReleaseAllocationFunction : FunctionMessage
    {
        /// <summary>The NFT contract to free.</summary>
        [Parameter("address", "nftContract", 1)] public string NftContract { get; set; } = "";
    }

    /// <summary><c>setRequestExpirationTime(uint256 expirationTime)</c> (owner only, 1 hour to 7 days).</summary>
    [Function("setRequestExpirationTime")]
    public sealed class SetRequestExpirationTimeFunction : FunctionMessage
    {
        /// <summary>Seconds a request stays answerable.</summary>
        [Parameter("uint256", "expirationTime", 1)] public BigInteger ExpirationTime { get; set; }
    }

    /// <summary><c>getRequest(uint256 requestId) returns (Request)</c>.</summary>
    [Function("getRequest", typeof(GetRequestOutput))]
    public sealed class GetRequestFunction : FunctionMessage
    {
        /// <summary>The request id.</summary>
        [Parameter("uint256", "requestId", 1)] public BigInteger RequestId { get; set; }
    }

    /// <summary>Output of <see cref="GetRequestFunction"/>.</summary>
    [FunctionOutput]
    public sealed class GetRequestOutput : IFunctionOutputDTO
    {
        /// <summary>The request.</summary>
        [Parameter("tuple", "", 1)] public Request Request { get; set; } = new();
    }

    /// <summary><c>getPendingRequests() returns (uint256[] ids, Request[] pending)</c>: pending and not past expiry.</summary>
    [Function("getPendingRequests", typeof(GetPendingRequestsOutput))]
    public sealed class GetPendingRequestsFunction : FunctionMessage;

    /// <summary>Output of <see cref="GetPendingRequestsFunction"/>.</summary>
    [FunctionOutput]
    public sealed class GetPendingRequestsOutput : IFunctionOutputDTO
    {
        /// <summary>The pending request ids.</summary>
        [Parameter("uint256[]", "ids", 1)] public List<BigInteger> Ids { get; set; } = [];
        /// <summary>The pending requests, in the same order.</summary>
        [Parameter("tuple[]", "pending", 2)] public List<Request> Pending { get; set; } = [];
    }

    /// <summary><c>getRequestsByRequester(address requester) returns (Request[])</c>, oldest first.</summary>
    [Function("getRequestsByRequester", typeof(GetRequestsByRequesterOutput))]
    public sealed class GetRequestsByRequesterFunction : FunctionMessage
    {
        /// <summary>The requester.</summary>
        [Parameter("address", "requester", 1)] public string Requester { get; set; } = "";
    }

    /// <summary>Output of <see cref="GetRequestsByRequesterFunction"/>.</summary>
    [FunctionOutput]
    public sealed class GetRequestsByRequesterOutput : IFunctionOutputDTO
    {
        /// <summary>The requester's requests.</summary>
        [Parameter("tuple[]", "", 1)] public List<Request> Requests { get; set; } = [];
    }

    /// <summary><c>getRequestCount() returns (uint256)</c>: the highest id.</summary>
    [Function("getRequestCount", "uint256")]
    public sealed class GetRequestCountFunction : FunctionMessage;

    /// <summary>The public getter <c>requests(uint256) returns (id, requester, …, respondedAt)</c>.</summary>
    [Function("requests", typeof(RequestsOutput))]
    public sealed class RequestsFunction : FunctionMessage
    {
        /// <summary>The request id.</summary>
        [Parameter("uint256", "requestId", 1)] public BigInteger RequestId { get; set; }
    }

    /// <summary>Output of <see cref="RequestsFunction"/>: the struct's fields as separate outputs.</summary>
    [FunctionOutput]
    public sealed class RequestsOutput : IFunctionOutputDTO
    {
        /// <summary>The request id (0 for an unknown id).</summary>
        [Parameter("uint256", "id", 1)] public BigInteger Id { get; set; }
        /// <summary>The requester.</summary>
        [Parameter("address", "requester", 2)] public string Requester { get; set; } = "";
        /// <summary>The NFT contract.</summary>
        [Parameter("address", "nftContract", 3)] public string NftContract { get; set; } = "";
        /// <summary>The encrypted request payload.</summary>
        [Parameter("bytes", "encryptedPayload", 4)] public byte[] EncryptedPayload { get; set; } = [];
        /// <summary>The raw uint8 status.</summary>
        [Parameter("uint8", "status", 5)] public byte StatusCode { get; set; }
        /// <summary>The encrypted response payload.</summary>
        [Parameter("bytes", "responsePayload", 6)] public byte[] ResponsePayload { get; set; } = [];
        /// <summary>The rejection reason.</summary>
        [Parameter("string", "rejectionReason", 7)] public string RejectionReason { get; set; } = "";
        /// <summary>Submission time (Unix seconds).</summary>
        [Parameter("uint256", "submittedAt", 8)] public BigInteger SubmittedAt { get; set; }
        /// <summary>Response time (Unix seconds, 0 until answered).</summary>
        [Parameter("uint256", "respondedAt", 9)] public BigInteger RespondedAt { get; set; }
    }

    /// <summary><c>nftContractToRequestId(address) returns (uint256)</c>: the request holding the NFT contract, or 0.</summary>
    [Function("nftContractToRequestId", "uint256")]
    public sealed class NftContractToRequestIdFunction : FunctionMessage
    {
        /// <summary>The NFT contract.</summary>
        [Parameter("address", "nftContract", 1)] public string NftContract { get; set; } = "";
    }

    /// <summary><c>requesterToRequestIds(address, uint256) returns (uint256)</c>: the index-th id of a requester.</summary>
    [Function("requesterToRequestIds", "uint256")]
    public sealed class RequesterToRequestIdsFunction : FunctionMessage
    {
        /// <summary>The requester.</summary>
        [Parameter("address", "requester", 1)] public string Requester { get; set; } = "";
        /// <summary>The position in the requester's list.</summary>
        [Parameter("uint256", "index", 2)] public BigInteger Index { get; set; }
    }

    /// <summary><c>requestExpirationTime() returns (uint256)</c>: seconds a request stays answerable.</summary>
    [Function("requestExpirationTime", "uint256")]
    public sealed class RequestExpirationTimeFunction : FunctionMessage;

    /// <summary><c>MIN_REQUEST_EXPIRATION_TIME() returns (uint256)</c> (additive): 1 hour.</summary>
    [Function("MIN_REQUEST_EXPIRATION_TIME", "uint256")]
    public sealed class MinRequestExpirationTimeFunction : FunctionMessage;

    /// <summary><c>MAX_REQUEST_EXPIRATION_TIME() returns (uint256)</c> (additive): 7 days.</summary>
    [Function("MAX_REQUEST_EXPIRATION_TIME", "uint256")]
    public sealed class MaxRequestExpirationTimeFunction : FunctionMessage;

    /// <summary><c>RequestSubmitted(uint256 indexed requestId, address indexed requester, address indexed nftContract, bytes encryptedPayload)</c>.</summary>
    [Event("RequestSubmitted")]
    public sealed class RequestSubmittedEvent : IEventDTO
    {
        /// <summary>The new request's id.</summary>
        [Parameter("uint256", "requestId", 1, true)] public BigInteger RequestId { get; set; }
        /// <summary>The submitter.</summary>
        [Parameter("address", "requester", 2, true)] public string Requester { get; set; } = "";
        /// <summary>The NFT contract.</summary>
        [Parameter("address", "nftContract", 3, true)] public string NftContract { get; set; } = "";
        /// <summary>The encrypted request payload.</summary>
        [Parameter("bytes", "encryptedPayload", 4, false)] public byte[] EncryptedPayload { get; set; } = [];
    }

    /// <summary><c>ResponseSubmitted(uint256 indexed requestId, uint8 status, bytes encryptedPayload)</c>.</summary>
    [Event("ResponseSubmitted")]
    public sealed class ResponseSubmittedEvent : IEventDTO
    {
        /// <summary>The answered request.</summary>
        [Parameter("uint256", "requestId", 1, true)] public BigInteger RequestId { get; set; }
        /// <summary>The raw uint8 status (1 approved, 2 rejected).</summary>
        [Parameter("uint8", "status", 2, false)] public byte StatusCode { get; set; }
        /// <summary>The encrypted response payload.</summary>
        [Parameter("bytes", "encryptedPayload", 3, false)] public byte[] EncryptedPayload { get; set; } = [];

        /// <summary>The status as an enum.</summary>
        public RequestStatus Status => (RequestStatus)StatusCode;
    }

    /// <summary><c>RequestExpired(uint256 indexed requestId)</c>.</summary>
    [Event("RequestExpired")]
    public sealed class RequestExpiredEvent : IEventDTO
    {
        /// <summary>The expired request.</summary>
        [Parameter("uint256", "requestId", 1, true)] public BigInteger RequestId { get; set; }
    }

    /// <summary><c>AllocationReleased(address indexed nftContract, uint256 indexed requestId)</c> (additive).</summary>
    [Event("AllocationReleased")]
    public sealed class AllocationReleasedEvent : IEventDTO
    {
        /// <summary>The freed NFT contract.</summary>
        [Parameter("address", "nftContract", 1, true)] public string NftContract { get; set; } = "";
        /// <summary>The request that held it.</summary>
        [Parameter("uint256", "requestId", 2, true)] public BigInteger RequestId { get; set; }
    }

    /// <summary><c>RequestExpirationTimeUpdated(uint256 expirationTime)</c> (additive).</summary>
    [Event("RequestExpirationTimeUpdated")]
    public sealed class RequestExpirationTimeUpdatedEvent : IEventDTO
    {
        /// <summary>The new expiration time in seconds.</summary>
        [Parameter("uint256", "expirationTime", 1, false)] public BigInteger ExpirationTime { get; set; }
    }
}

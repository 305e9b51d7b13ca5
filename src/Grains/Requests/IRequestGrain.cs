using Orleans.Concurrency;

namespace BlockhostBroker.Grains.Requests;

/// <summary>A request as read from the chain.</summary>
[GenerateSerializer, Immutable, Alias("SeenRequest")]
public sealed record SeenRequest(
    [property: Id(0)] long RequestId,
    [property: Id(1)] string Requester,
    [property: Id(2)] string NftContract,
    [property: Id(3)] byte[] EncryptedPayload,
    [property: Id(4)] long SubmittedAt,
    [property: Id(5)] long BlockNumber);

/// <summary>One step of a request's history.</summary>
[GenerateSerializer, Immutable, Alias("RequestHistoryEntry")]
public sealed record RequestHistoryEntry(
    [property: Id(0)] RequestStatus Status,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string? Note);

/// <summary>A request's state and history, for the admin CLI and the status API; <c>LastError</c> is why the current step keeps failing (null once it succeeds).</summary>
[GenerateSerializer, Immutable, Alias("RequestSnapshot")]
public sealed record RequestSnapshot(
    [property: Id(0)] long RequestId,
    [property: Id(1)] RequestStatus Status,
    [property: Id(2)] string? Requester,
    [property: Id(3)] string? NftContract,
    [property: Id(4)] string? Prefix,
    [property: Id(5)] string? RejectionReason,
    [property: Id(6)] string? TxHash,
    [property: Id(7)] long? Nonce,
    [property: Id(8)] IReadOnlyList<RequestHistoryEntry> History,
    [property: Id(9)] string? LastError = null);

/// <summary>One on-chain request (key "chainId:contract:requestId"): a persisted state machine from Seen to Confirmed or Expired.</summary>
[Alias("IRequestGrain")]
public interface IRequestGrain : IGrainWithStringKey
{
    /// <summary>Records the request as read from the chain (idempotent) and starts working on it.</summary>
    [Alias("Seen")]
    Task Seen(SeenRequest request);

    /// <summary>Runs every step that can run now; called by the reminder and the retry timer.</summary>
    [Alias("Advance")]
    Task<RequestStatus> Advance();

    /// <summary>State and history.</summary>
    [Alias("GetSnapshot")]
    [AlwaysInterleave] // answers from memory between the awaits of a running step, so `requests show` never waits for a burst
    Task<RequestSnapshot> GetSnapshot();
}

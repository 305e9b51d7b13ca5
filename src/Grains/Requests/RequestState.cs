namespace BlockhostBroker.Grains.Requests;

/// <summary>
/// A RequestGrain's persisted state. Field ids are fixed and never renumbered; a field is only ever added.
/// Transitions produce a new value through <see cref="RequestMachine"/>.
/// </summary>
[GenerateSerializer, Alias("RequestState")]
public sealed record RequestState
{
    /// <summary>Where the request stands.</summary>
    [Id(0)] public RequestStatus Status { get; init; }

    /// <summary>The request as read from the chain.</summary>
    [Id(1)] public SeenRequest? Request { get; init; }

    /// <summary>The server's WireGuard key (base64), once decrypted.</summary>
    [Id(2)] public string? WgPubkey { get; init; }

    /// <summary>The server's secp256k1 key (hex), the response's recipient, once decrypted.</summary>
    [Id(3)] public string? ServerPubkey { get; init; }

    /// <summary>Why the request is rejected; null while it is on the approval path.</summary>
    [Id(4)] public string? RejectionReason { get; init; }

    /// <summary>The allocated prefix, e.g. "2001:db8::100/120".</summary>
    [Id(5)] public string? Prefix { get; init; }

    /// <summary>True when the built response approves the request.</summary>
    [Id(6)] public bool Approved { get; init; }

    /// <summary>The encrypted response payload (empty for a rejection); every retry submits exactly these bytes.</summary>
    [Id(7)] public byte[]? ResponsePayload { get; init; }

    /// <summary>How many times the response was handed to the wallet; part of the wallet's intent key.</summary>
    [Id(8)] public int SubmitAttempt { get; init; }

    /// <summary>The response transaction's latest hash.</summary>
    [Id(9)] public string? TxHash { get; init; }

    /// <summary>The response transaction's nonce.</summary>
    [Id(10)] public long? Nonce { get; init; }

    /// <summary>Every transition with its time and a note.</summary>
    [Id(11)] public RequestHistoryEntry[] History { get; init; } = [];

    /// <summary>The request's submittedAt (chain seconds) as read from getRequest; 0 until read.</summary>
    [Id(12)] public long SubmittedAt { get; init; }
}

namespace BlockhostBroker.Silo.Api;

// The JSON documents of the status API (camelCase on the wire). The admin CLI reads the same records, so the
// two ends cannot drift apart.

/// <summary>An error answer: what went wrong and what to do about it.</summary>
public sealed record ApiError(string Error, string? Hint = null);

/// <summary>GET /api/status.</summary>
public sealed record StatusReport(
    string Silo,
    DateTimeOffset At,
    ChainView? Chain,
    RequestCountsView? Requests,
    PoolView? Pool,
    PeerCountsView? Peers,
    WalletView? Wallet,
    RegistryView? Registry,
    IReadOnlyList<string> Problems);

/// <summary>Where the chain watcher stands.</summary>
public sealed record ChainView(long ChainId, string RequestsContract, long Head, long Cursor, DateTimeOffset? LastPollAt, long RequestsSeen, long Reorgs, string? LastError);

/// <summary>Requests waiting on-chain, transactions in flight and the outcomes seen since the silo started.</summary>
public sealed record RequestCountsView(int PendingOnChain, int TransactionsInFlight, long Approved, long Rejected, long Expired);

/// <summary>The prefix pool's size and use.</summary>
public sealed record PoolView(string UpstreamPrefix, int AllocationSize, long Capacity, long Allocated);

/// <summary>How many peers the gateway has and how many completed a handshake in the last 3 minutes.</summary>
public sealed record PeerCountsView(string Interface, int Total, int Active);

/// <summary>The operator wallet.</summary>
public sealed record WalletView(string Address, long NextNonce, int InFlight, long GasSpentLastHour, long TransactionsMined);

/// <summary>This broker's entry in the BrokerRegistry.</summary>
public sealed record RegistryView(
    string Contract, long BrokerId, bool Registered, bool Active, string Region, long Capacity, long CurrentLoad,
    string EncryptionPubkey, bool PubkeyMatches);

/// <summary>One allocation (GET /api/allocations).</summary>
public sealed record AllocationView(long Index, string Prefix, string NftContract, string WgPubkey, DateTimeOffset AllocatedAt);

/// <summary>One WireGuard peer (GET /api/peers).</summary>
public sealed record PeerView(
    string PublicKey, IReadOnlyList<string> AllowedIps, string? Endpoint, DateTimeOffset? LatestHandshake, long ReceiveBytes,
    long TransmitBytes, string? NftContract);

/// <summary>One request and its history (GET /api/requests/{id}).</summary>
public sealed record RequestView(
    long RequestId, string Status, bool Final, string? Requester, string? NftContract, string? Prefix, string? RejectionReason,
    string? TxHash, long? Nonce, IReadOnlyList<RequestHistoryView> History, string? LastError = null);

/// <summary>One step of a request's history.</summary>
public sealed record RequestHistoryView(string Status, DateTimeOffset At, string? Note);

/// <summary>What one operator transaction came to.</summary>
public sealed record TxOutcome(string Action, string Status, string? Hash, long? BlockNumber, string? Reason)
{
    /// <summary>True when it was mined and succeeded.</summary>
    public bool Succeeded => Status == TxOutcomeStatus.Mined;
}

/// <summary>Values of <see cref="TxOutcome.Status"/>.</summary>
public static class TxOutcomeStatus
{
    /// <summary>Mined and succeeded.</summary>
    public const string Mined = "mined";
    /// <summary>Mined but the call reverted on-chain.</summary>
    public const string Failed = "failed";
    /// <summary>Not sent: the call would revert (the reason says why).</summary>
    public const string Reverted = "reverted";
    /// <summary>Held back by the wallet's limits; retried later.</summary>
    public const string Deferred = "deferred";
    /// <summary>Sent but not mined before the API stopped waiting.</summary>
    public const string Pending = "pending";
}

/// <summary>POST /api/allocations/{nft}/release: what was freed.</summary>
public sealed record ReleaseReport(string NftContract, string? Prefix, bool PoolReleased, bool PeerRemoved, TxOutcome? Chain);

/// <summary>POST /api/registry/register: the region and capacity to register with or change to.</summary>
public sealed record RegisterBody(string? Region, long? Capacity);

/// <summary>The registry entry after an action, and the transactions the action sent.</summary>
public sealed record RegistryActionReport(RegistryView Registry, IReadOnlyList<TxOutcome> Transactions);

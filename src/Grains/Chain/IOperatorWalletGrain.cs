namespace BlockhostBroker.Grains.Chain;

/// <summary>Why the operator sends a transaction; rejections are the ones spam could make us pay for.</summary>
public enum TxPurpose
{
    /// <summary>An approved response carrying an allocation.</summary>
    Approval = 0,
    /// <summary>A rejection; counted against the hourly gas budget and the per-requester limit.</summary>
    Rejection = 1,
    /// <summary>An operator action (register, update load, release).</summary>
    Admin = 2,
}

/// <summary>One transaction the operator wants mined; the key makes repeated submissions of it idempotent.</summary>
[GenerateSerializer, Immutable, Alias("TxIntent")]
public sealed record TxIntent(
    [property: Id(0)] string Key,
    [property: Id(1)] string To,
    [property: Id(2)] byte[] Data,
    [property: Id(3)] TxPurpose Purpose,
    [property: Id(4)] string? Requester);

/// <summary>Where a transaction intent stands.</summary>
[GenerateSerializer, Immutable, Alias("TxStatus")]
public abstract record TxStatus
{
    /// <summary>The wallet has never seen this key.</summary>
    [GenerateSerializer, Immutable, Alias("TxStatus.Unknown")]
    public sealed record Unknown : TxStatus;

    /// <summary>Signed, stored and broadcast with this nonce; not mined yet. The hash changes when it is replaced.</summary>
    [GenerateSerializer, Immutable, Alias("TxStatus.Pending")]
    public sealed record Pending([property: Id(0)] long Nonce, [property: Id(1)] string Hash) : TxStatus;

    /// <summary>Mined in a block; Succeeded is the receipt's status.</summary>
    [GenerateSerializer, Immutable, Alias("TxStatus.Mined")]
    public sealed record Mined(
        [property: Id(0)] long Nonce,
        [property: Id(1)] string Hash,
        [property: Id(2)] long BlockNumber,
        [property: Id(3)] bool Succeeded,
        [property: Id(4)] long GasUsed) : TxStatus;

    /// <summary>Not sent now (gas budget or per-requester limit); ask again after RetryAfter.</summary>
    [GenerateSerializer, Immutable, Alias("TxStatus.Deferred")]
    public sealed record Deferred([property: Id(0)] string Reason, [property: Id(1)] DateTimeOffset RetryAfter) : TxStatus;

    /// <summary>
    /// Not sent: the call reverts (eth_estimateGas failed) with this reason, e.g. "Request expired". A fresh
    /// Submit that reverts stores nothing, so submitting again estimates again; an intent whose nonce was taken
    /// by another transaction and that now reverts keeps this status.
    /// </summary>
    [GenerateSerializer, Immutable, Alias("TxStatus.Reverted")]
    public sealed record Reverted([property: Id(0)] string Reason) : TxStatus;
}

/// <summary>What the wallet is doing, for the status API and metrics.</summary>
[GenerateSerializer, Immutable, Alias("WalletSnapshot")]
public sealed record WalletSnapshot(
    [property: Id(0)] string Address,
    [property: Id(1)] long NextNonce,
    [property: Id(2)] int InFlight,
    [property: Id(3)] long GasSpentLastHour,
    [property: Id(4)] long TransactionsMined);

/// <summary>The operator's wallet on one chain (key "chainId:operatorAddress"): the only assigner of nonces.</summary>
[Alias("IOperatorWalletGrain")]
public interface IOperatorWalletGrain : IGrainWithStringKey
{
    /// <summary>Signs, stores and broadcasts the intent once; a repeated key returns the existing transaction's status.</summary>
    [Alias("Submit")]
    Task<TxStatus> Submit(TxIntent intent);

    /// <summary>The status of the transaction for this intent key.</summary>
    [Alias("GetStatus")]
    Task<TxStatus> GetStatus(string key);

    /// <summary>Nonce, in-flight count and gas spent.</summary>
    [Alias("GetSnapshot")]
    Task<WalletSnapshot> GetSnapshot();
}

namespace BlockhostBroker.Grains.Chain;

/// <summary>
/// The persisted state of one operator wallet. Bounded: in-flight entries are limited by
/// <see cref="WalletOptions.MaxInFlight"/>, finished ones by <see cref="WalletOptions.HistoryRetention"/> and
/// <see cref="WalletOptions.HistoryMaxEntries"/> (a finished entry keeps no calldata or signed bytes, about 250 bytes,
/// so the default bound is a few MB), rejection spends by the one-hour window. No key material.
/// </summary>
[GenerateSerializer, Alias("WalletState")]
public sealed record WalletState
{
    /// <summary>The nonce the next new transaction gets.</summary>
    [Id(0)] public long NextNonce { get; set; }

    /// <summary>Every intent the wallet holds, in flight or finished, by intent key.</summary>
    [Id(1)] public Dictionary<string, WalletTx> Transactions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Rejections sent in the last hour, for the gas budget and the per-requester limit.</summary>
    [Id(2)] public List<RejectionSpend> RejectionSpends { get; set; } = [];

    /// <summary>Gas used by every transaction the wallet saw mined.</summary>
    [Id(3)] public long GasSpentTotal { get; set; }

    /// <summary>Transactions the wallet saw mined.</summary>
    [Id(4)] public long TransactionsMined { get; set; }
}

/// <summary>Where one intent stands inside the wallet.</summary>
public enum WalletTxPhase
{
    /// <summary>Signed and stored; broadcast at least once or waiting to be; not mined yet.</summary>
    InFlight = 0,
    /// <summary>One of its transactions was mined.</summary>
    Mined = 1,
    /// <summary>Its nonce was taken by another transaction and the call now reverts, so it was not sent again.</summary>
    Reverted = 2,
}

/// <summary>One intent and every transaction signed for it.</summary>
[GenerateSerializer, Alias("WalletTx")]
public sealed record WalletTx
{
    /// <summary>What the operator wants mined (its calldata is dropped once finished).</summary>
    [Id(0)] public required TxIntent Intent { get; set; }

    /// <summary>In flight, mined or reverted.</summary>
    [Id(1)] public WalletTxPhase Phase { get; set; }

    /// <summary>Every signed transaction, oldest first; the last one is the current. A receipt of any of them counts. Emptied once finished.</summary>
    [Id(2)] public List<TxAttempt> Attempts { get; set; } = [];

    /// <summary>The gas limit signed into every attempt.</summary>
    [Id(3)] public long GasLimit { get; set; }

    /// <summary>When the intent was first accepted.</summary>
    [Id(4)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The receipt, once mined.</summary>
    [Id(5)] public MinedReceipt? Receipt { get; set; }

    /// <summary>The revert reason, when <see cref="Phase"/> is <see cref="WalletTxPhase.Reverted"/>.</summary>
    [Id(6)] public string? RevertReason { get; set; }

    /// <summary>When it was mined or reverted; history is pruned by this time.</summary>
    [Id(7)] public DateTimeOffset? FinishedAt { get; set; }

    // Methods, not properties: grain storage may serialize state as JSON, which would write (and trip over) properties.

    /// <summary>The transaction signed last; only while in flight.</summary>
    public TxAttempt Current() => Attempts[^1];

    /// <summary>The attempts signed with the current nonce (earlier nonces were taken by other transactions).</summary>
    public IEnumerable<TxAttempt> CurrentNonceAttempts() => Attempts.Where(a => a.Nonce == Current().Nonce);

    /// <summary>The status callers see.</summary>
    public TxStatus ToStatus() => Phase switch
    {
        WalletTxPhase.Mined when Receipt is { } r => new TxStatus.Mined(r.Nonce, r.Hash, r.BlockNumber, r.Succeeded, r.GasUsed),
        WalletTxPhase.Reverted => new TxStatus.Reverted(RevertReason ?? ""),
        _ => new TxStatus.Pending(Current().Nonce, Current().Hash),
    };
}

/// <summary>One signed transaction: what was signed, its hash and raw bytes (to re-broadcast), and when it was last sent.</summary>
[GenerateSerializer, Immutable, Alias("TxAttempt")]
public sealed record TxAttempt(
    [property: Id(0)] long Nonce,
    [property: Id(1)] string Hash,
    [property: Id(2)] string RawTransaction,
    [property: Id(3)] TxFees Fees,
    [property: Id(4)] long SentAtBlock,
    [property: Id(5)] DateTimeOffset SignedAt);

/// <summary>The receipt of the attempt that was mined.</summary>
[GenerateSerializer, Immutable, Alias("MinedReceipt")]
public sealed record MinedReceipt(
    [property: Id(0)] long Nonce,
    [property: Id(1)] string Hash,
    [property: Id(2)] long BlockNumber,
    [property: Id(3)] bool Succeeded,
    [property: Id(4)] long GasUsed);

/// <summary>Gas reserved (when sent) or used (once mined) by one rejection, for the hourly budgets.</summary>
[GenerateSerializer, Immutable, Alias("RejectionSpend")]
public sealed record RejectionSpend(
    [property: Id(0)] string Key,
    [property: Id(1)] string? Requester,
    [property: Id(2)] DateTimeOffset SentAt,
    [property: Id(3)] long Gas);

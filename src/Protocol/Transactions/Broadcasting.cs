using BlockhostBroker.Protocol.Rpc;

namespace BlockhostBroker.Protocol.Transactions;

/// <summary>What the node said to eth_sendRawTransaction.</summary>
public enum BroadcastOutcome
{
    /// <summary>Accepted into the mempool now.</summary>
    Accepted = 0,

    /// <summary>The node already has this exact transaction (in its mempool or mined); treat as sent.</summary>
    AlreadyKnown = 1,

    /// <summary>The nonce is already used by a mined transaction: this one (or one replacing it) was mined, or the nonce was taken by another.</summary>
    NonceTooLow = 2,

    /// <summary>A different transaction with this nonce is pending and the new fees are not high enough to replace it (bump ≥ 10% both fees).</summary>
    ReplacementUnderpriced = 3,

    /// <summary>The account cannot pay gas × price + value.</summary>
    InsufficientFunds = 4,

    /// <summary>The fee cap is below the block's base fee or the node's minimum price.</summary>
    FeeTooLow = 5,

    /// <summary>The gas limit is below the transaction's intrinsic gas, or above the block gas limit.</summary>
    GasLimitOutOfRange = 6,

    /// <summary>Any other refusal (bad chain id, bad signature, node policy); see the node's message.</summary>
    Rejected = 7,
}

/// <summary>The node's answer to one broadcast; <see cref="TransactionHash"/> is always the signed transaction's own hash.</summary>
public sealed record BroadcastResult(BroadcastOutcome Outcome, string TransactionHash, int? ErrorCode = null, string? NodeMessage = null)
{
    /// <summary>True when the node holds the transaction (accepted now or already known).</summary>
    public bool IsSent => Outcome is BroadcastOutcome.Accepted or BroadcastOutcome.AlreadyKnown;
}

/// <summary>Maps the error messages of geth, anvil, reth, Erigon, Nethermind and Besu to <see cref="BroadcastOutcome"/>.</summary>
public static class SendErrorClassifier
{
    // Order matters: "replacement transaction underpriced" must win over "underpriced".
    private static readonly (string Fragment, BroadcastOutcome Outcome)[] Rules =
    [
        ("already known", BroadcastOutcome.AlreadyKnown),
        ("already imported", BroadcastOutcome.AlreadyKnown),
        ("known transaction", BroadcastOutcome.AlreadyKnown),
        ("alreadyknown", BroadcastOutcome.AlreadyKnown),
        ("nonce too low", BroadcastOutcome.NonceTooLow),
        ("nonce_too_low", BroadcastOutcome.NonceTooLow),
        ("oldnonce", BroadcastOutcome.NonceTooLow),
        ("replacement transaction underpriced", BroadcastOutcome.ReplacementUnderpriced),
        ("replacement_underpriced", BroadcastOutcome.ReplacementUnderpriced),
        ("replacementnotallowed", BroadcastOutcome.ReplacementUnderpriced),
        ("insufficient funds", BroadcastOutcome.InsufficientFunds),
        ("insufficientfunds", BroadcastOutcome.InsufficientFunds),
        ("upfront cost exceeds account balance", BroadcastOutcome.InsufficientFunds),
        ("less than block base fee", BroadcastOutcome.FeeTooLow),
        ("fee cap less than", BroadcastOutcome.FeeTooLow),
        ("transaction underpriced", BroadcastOutcome.FeeTooLow),
        ("feetoolow", BroadcastOutcome.FeeTooLow),
        ("intrinsic gas too low", BroadcastOutcome.GasLimitOutOfRange),
        ("exceeds block gas limit", BroadcastOutcome.GasLimitOutOfRange),
        ("gas limit reached", BroadcastOutcome.GasLimitOutOfRange),
    ];

    /// <summary>Classifies a node's refusal by its message (case-insensitive).</summary>
    public static BroadcastOutcome Classify(string nodeMessage)
    {
        ArgumentNullException.ThrowIfNull(nodeMessage);
        foreach (var (fragment, outcome) in Rules)
            if (nodeMessage.Contains(fragment, StringComparison.OrdinalIgnoreCase)) return outcome;
        return BroadcastOutcome.Rejected;
    }
}

/// <summary>Sends signed transactions and classifies the node's answer.</summary>
public static class TransactionBroadcaster
{
    /// <summary>
    /// Sends <paramref name="transaction"/> with eth_sendRawTransaction. A node that answers (yes or no) gives a
    /// <see cref="BroadcastResult"/>; transport failures (timeout, connection, malformed answer) throw an
    /// <see cref="EthereumRpcException"/> because whether the node took the transaction is then unknown.
    /// </summary>
    public static async Task<BroadcastResult> BroadcastAsync(IEthereumRpc rpc, SignedTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(transaction);
        try
        {
            var reported = await rpc.SendRawTransactionAsync(transaction.Raw, cancellationToken);
            if (!string.Equals(reported, transaction.Hash, StringComparison.OrdinalIgnoreCase))
                throw new RpcMalformedResponseException("eth_sendRawTransaction",
                    $"node reported hash {reported} for transaction {transaction.Hash}");
            return new BroadcastResult(BroadcastOutcome.Accepted, transaction.Hash);
        }
        catch (JsonRpcErrorException e)
        {
            return new BroadcastResult(SendErrorClassifier.Classify(e.RpcMessage), transaction.Hash, e.Code, e.RpcMessage);
        }
    }
}

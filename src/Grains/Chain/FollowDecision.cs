namespace BlockhostBroker.Grains.Chain;

/// <summary>What the wallet's timer does with one in-flight intent.</summary>
public enum FollowAction
{
    /// <summary>Nothing yet: the node holds it and it has not waited long enough to replace.</summary>
    Wait = 0,
    /// <summary>One of its transactions has a receipt: record it.</summary>
    RecordReceipt = 1,
    /// <summary>Its nonce is used and none of its transactions was mined, once: look again next tick before acting.</summary>
    SuspectNonceTaken = 2,
    /// <summary>Its nonce was used by another transaction on two ticks in a row: sign it again with a fresh nonce.</summary>
    Requeue = 3,
    /// <summary>The node knows none of its transactions for the current nonce: send the current one again.</summary>
    Rebroadcast = 4,
    /// <summary>Unmined for <see cref="WalletOptions.ReplaceAfterBlocks"/> blocks, lost or not: sign a replacement with higher fees (or, at the fee cap, send the current one again).</summary>
    Replace = 5,
}

/// <summary>What the timer observed about one in-flight intent.</summary>
/// <param name="HasReceipt">A receipt exists for one of its transactions (any nonce).</param>
/// <param name="NonceUsed">The account's mined transaction count is past its current nonce.</param>
/// <param name="SuspectedBefore">The previous tick already saw its nonce used without a receipt.</param>
/// <param name="KnownToNode">The node's pending nonce is past its nonce, or eth_getTransactionByHash found one of its transactions for the current nonce (only asked when the other facts decide nothing).</param>
/// <param name="Stuck">It has waited <see cref="WalletOptions.ReplaceAfterBlocks"/> blocks since it was last signed.</param>
public readonly record struct FollowObservation(bool HasReceipt, bool NonceUsed, bool SuspectedBefore, bool KnownToNode, bool Stuck);

/// <summary>The timer's rule for one intent, pure so each case is tested without a chain.</summary>
public static class FollowDecision
{
    /// <summary>
    /// A receipt wins; a used nonce without a receipt is trusted only on the second tick (a load-balanced node may
    /// answer the count before the receipt); a stuck transaction is replaced whether or not the node still has it,
    /// because a node that dropped it for its low fee would refuse the same bytes again.
    /// </summary>
    public static FollowAction Decide(FollowObservation o) => o switch
    {
        { HasReceipt: true } => FollowAction.RecordReceipt,
        { NonceUsed: true, SuspectedBefore: true } => FollowAction.Requeue,
        { NonceUsed: true } => FollowAction.SuspectNonceTaken,
        { Stuck: true } => FollowAction.Replace,
        { KnownToNode: false } => FollowAction.Rebroadcast,
        _ => FollowAction.Wait,
    };
}

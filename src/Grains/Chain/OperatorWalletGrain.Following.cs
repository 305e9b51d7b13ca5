using BlockhostBroker.Grains.Faults;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Protocol.Transactions;

namespace BlockhostBroker.Grains.Chain;

// The timer: follow every in-flight intent to its receipt. One tick observes (head, the account's mined count,
// receipts, what the node holds), decides per intent with FollowDecision, stores every newly signed transaction,
// and only then broadcasts.
public sealed partial class OperatorWalletGrain
{
    /// <summary>Most JSON-RPC reads in flight at once during a tick.</summary>
    private const int MaxParallelReads = 16;

    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private readonly HashSet<string> suspectedTaken = new(StringComparer.Ordinal);
    private readonly HashSet<string> cappedWarned = new(StringComparer.Ordinal);
    // Intents whose transaction the node refused as below the base fee: replaced on the next tick, not after N blocks.
    private readonly HashSet<string> underpriced = new(StringComparer.Ordinal);
    private DateTimeOffset lastPrune;

    private sealed record Observed(WalletTx Tx, FollowObservation Facts, TxAttempt? MinedAttempt, TransactionReceiptInfo? Receipt);

    private async Task FollowOnTimer(CancellationToken cancellationToken)
    {
        try
        {
            await Follow();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFollowFailed(e, account.Key.ToString());
        }
    }

    private async Task Follow()
    {
        var changed = Prune();
        var inFlight = InFlight().ToList();
        if (inFlight.Count == 0)
        {
            if (reminderRegistered) await StopReminder();
            if (changed) await Persist();
            return;
        }
        var view = await Market(fresh: true);
        var latestCount = await Rpc.GetTransactionCountAsync(Address, BlockTag.Latest);
        var pendingCount = await Rpc.GetTransactionCountAsync(Address, BlockTag.Pending);
        var observed = await InBatches(inFlight, tx => Observe(tx, view.Head, latestCount, pendingCount));
        var outbox = new List<(WalletTx Tx, SignedTransaction Signed)>();
        foreach (var o in observed)
            changed |= await TryApply(o, view, outbox);
        if (changed) await Persist();
        foreach (var (tx, signed) in outbox.OrderBy(s => s.Signed.Nonce))
        {
            if (await Broadcast(tx, signed) == BroadcastOutcome.FeeTooLow)
                underpriced.Add(tx.Intent.Key);
        }
    }

    private async Task<Observed> Observe(WalletTx tx, long head, long latestCount, long pendingCount)
    {
        // Only a used nonce can have a receipt; a receipt of any attempt counts, newest first.
        foreach (var attempt in tx.Attempts.Where(a => WalletMath.IsNonceUsed(a.Nonce, latestCount)).Reverse())
        {
            if (await Rpc.GetTransactionReceiptAsync(attempt.Hash) is { } receipt)
                return new Observed(tx, new FollowObservation(true, true, false, true, false), attempt, receipt);
        }
        var current = tx.Current();
        var nonceUsed = WalletMath.IsNonceUsed(current.Nonce, latestCount);
        var stuck = WalletMath.IsStuck(head, current.SentAtBlock, Options.ReplaceAfterBlocks) || underpriced.Contains(tx.Intent.Key);
        // The node's pending nonce runs past every nonce its mempool holds without a gap, so only nonces at or
        // past it need a lookup by hash.
        var known = nonceUsed || stuck || current.Nonce < pendingCount || await KnownToNode(tx);
        return new Observed(tx, new FollowObservation(false, nonceUsed, suspectedTaken.Contains(tx.Intent.Key), known, stuck), null, null);
    }

    private async Task<bool> KnownToNode(WalletTx tx)
    {
        foreach (var attempt in tx.CurrentNonceAttempts().Reverse())
        {
            if (await Rpc.GetTransactionAsync(attempt.Hash) is not null)
                return true;
        }
        return false;
    }

    private async Task<bool> TryApply(Observed o, MarketView view, List<(WalletTx, SignedTransaction)> outbox)
    {
        try
        {
            return await Apply(o, view, outbox);
        }
        catch (EthereumRpcException e)
        {
            // Apply reads the node before it changes the state, so a failed read leaves nothing half-done.
            LogFollowFailed(e, o.Tx.Intent.Key);
            return false;
        }
    }

    private async Task<bool> Apply(Observed o, MarketView view, List<(WalletTx, SignedTransaction)> outbox)
    {
        var tx = o.Tx;
        var key = tx.Intent.Key;
        switch (FollowDecision.Decide(o.Facts))
        {
            case FollowAction.RecordReceipt:
                suspectedTaken.Remove(key);
                RecordReceipt(tx, o.MinedAttempt!, o.Receipt!);
                return true;
            case FollowAction.SuspectNonceTaken:
                suspectedTaken.Add(key);
                return false;
            case FollowAction.Requeue:
                suspectedTaken.Remove(key);
                return await Requeue(tx, outbox);
            case FollowAction.Replace:
                return Replace(tx, view, outbox);
            case FollowAction.Rebroadcast:
                LogRebroadcast(key, tx.Current().Nonce, tx.Current().Hash);
                outbox.Add((tx, Raw(tx.Current())));
                return false;
            default:
                return false;
        }
    }

    private void RecordReceipt(WalletTx tx, TxAttempt attempt, TransactionReceiptInfo receipt)
    {
        FaultInjection.Reach(FaultPoint.BeforeReceipt);
        tx.Receipt = new MinedReceipt(attempt.Nonce, receipt.TransactionHash, receipt.BlockNumber, receipt.Succeeded, receipt.GasUsed);
        Finish(tx, WalletTxPhase.Mined);
        State.GasSpentTotal += receipt.GasUsed;
        State.TransactionsMined++;
        if (tx.Intent.Purpose == TxPurpose.Rejection)
            State.RejectionSpends = RejectionBudget.Settle(State.RejectionSpends, tx.Intent.Key, receipt.GasUsed);
        LogMined(tx.Intent.Key, attempt.Nonce, receipt.TransactionHash, receipt.BlockNumber, receipt.Succeeded, receipt.GasUsed);
    }

    /// <summary>The intent's nonce went to a transaction that is not ours: estimate again and sign with a fresh nonce, or finish as reverted.</summary>
    private async Task<bool> Requeue(WalletTx tx, List<(WalletTx, SignedTransaction)> outbox)
    {
        LogNonceTaken(tx.Intent.Key, tx.Current().Nonce);
        var estimate = await Estimate(tx.Intent);
        if (estimate.Reverted is { } reverted)
        {
            Finish(tx, WalletTxPhase.Reverted);
            tx.RevertReason = reverted.Reason;
            if (tx.Intent.Purpose == TxPurpose.Rejection)
                State.RejectionSpends = RejectionBudget.Settle(State.RejectionSpends, tx.Intent.Key, 0);
            return true;
        }
        tx.GasLimit = estimate.GasLimit;
        nonceSynced = false;
        outbox.Add((tx, await SignWithNextNonce(tx)));
        return true;
    }

    private bool Replace(WalletTx tx, MarketView view, List<(WalletTx, SignedTransaction)> outbox)
    {
        underpriced.Remove(tx.Intent.Key);
        var current = tx.Current();
        var cap = WalletMath.GweiToWei(Options.MaxFeePerGasGwei);
        if (WalletMath.Replacement(current.Fees, view.Fees, Options.FeeBumpPercent, cap) is not { } fees)
        {
            if (cappedWarned.Add(tx.Intent.Key))
                LogAtFeeCap(tx.Intent.Key, current.Nonce, Options.MaxFeePerGasGwei);
            outbox.Add((tx, Raw(current)));
            return false;
        }
        var signed = Sign(tx, current.Nonce, fees);
        tx.Attempts.Add(Attempt(signed, fees, view.Head));
        LogReplaced(tx.Intent.Key, current.Nonce, current.Hash, signed.Hash, fees.ToString());
        outbox.Add((tx, signed));
        return true;
    }

    /// <summary>Marks the intent finished and drops its signed transactions: history keeps only what GetStatus answers.</summary>
    private void Finish(WalletTx tx, WalletTxPhase phase)
    {
        tx.Phase = phase;
        tx.FinishedAt = time.GetUtcNow();
        tx.Attempts.Clear();
        tx.Intent = tx.Intent with { Data = [] };
    }

    private bool Prune()
    {
        var now = time.GetUtcNow();
        if (now - lastPrune < PruneInterval) return false;
        lastPrune = now;
        var spends = State.RejectionSpends.Count;
        State.RejectionSpends = RejectionBudget.InWindow(State.RejectionSpends, now);
        var forgotten = WalletHistory.Prune(State, now, Options.HistoryRetention, Options.HistoryMaxEntries);
        return forgotten > 0 || spends != State.RejectionSpends.Count;
    }

    private SignedTransaction Raw(TxAttempt attempt) =>
        new(Options.LegacyTransactions ? TransactionEnvelope.Legacy : TransactionEnvelope.Eip1559,
            Convert.FromHexString(attempt.RawTransaction.AsSpan(2)), attempt.Hash, Address, Options.ChainId, attempt.Nonce);

    /// <summary>Runs <paramref name="read"/> for every item, at most <see cref="MaxParallelReads"/> at a time, on this activation's scheduler.</summary>
    private static async Task<List<TResult>> InBatches<T, TResult>(IReadOnlyList<T> items, Func<T, Task<TResult>> read)
    {
        var results = new List<TResult>(items.Count);
        foreach (var chunk in items.Chunk(MaxParallelReads))
            results.AddRange(await Task.WhenAll(chunk.Select(read)));
        return results;
    }
}

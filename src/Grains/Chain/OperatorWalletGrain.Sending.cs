using BlockhostBroker.Grains.Faults;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Protocol.Transactions;

namespace BlockhostBroker.Grains.Chain;

// Signing, storing and broadcasting. Every signed transaction is written to grain state before it is sent, so
// whatever the node may have received is known to the next activation.
public sealed partial class OperatorWalletGrain
{
    /// <summary>How often a new intent is signed again when the node says its fresh nonce is already taken.</summary>
    private const int MaxFreshNonceRetries = 3;

    private bool nonceSynced;
    private MarketView? market;

    /// <summary>Fees and head read together, reused for one poll interval so a burst of intents costs one read.</summary>
    private sealed record MarketView(TxFees Fees, long Head, long ReadAt);

    private async Task SendNew(WalletTx tx)
    {
        for (var attempt = 0; ; attempt++)
        {
            var signed = await SignWithNextNonce(tx);
            State.Transactions[tx.Intent.Key] = tx;
            await EnsureReminder();
            await Persist();
            FaultInjection.Reach(FaultPoint.BeforeBroadcast);
            var outcome = await Broadcast(tx, signed);
            FaultInjection.Reach(FaultPoint.AfterBroadcast);
            if (outcome == BroadcastOutcome.FeeTooLow)
                underpriced.Add(tx.Intent.Key);
            // A fresh nonce the node calls used (or occupied by a pending transaction) was taken outside this
            // wallet: nothing of ours can hold it, so re-sign at once with the node's next nonce.
            if (outcome is not (BroadcastOutcome.NonceTooLow or BroadcastOutcome.ReplacementUnderpriced) || attempt == MaxFreshNonceRetries)
                return;
            LogFreshNonceTaken(tx.Intent.Key, signed.Nonce);
            nonceSynced = false;
        }
    }

    private async Task<SignedTransaction> SignWithNextNonce(WalletTx tx)
    {
        await SyncNonce();
        var view = await Market();
        var signed = Sign(tx, State.NextNonce, view.Fees);
        State.NextNonce++;
        tx.Attempts.Add(Attempt(signed, view.Fees, view.Head));
        return signed;
    }

    private SignedTransaction Sign(WalletTx tx, long nonce, TxFees fees)
    {
        var intent = tx.Intent;
        return Options.LegacyTransactions
            ? account.Signer.Sign(new LegacyTransactionRequest(Options.ChainId, nonce, intent.To, intent.Data, tx.GasLimit, fees.MaxFeePerGas))
            : account.Signer.Sign(new Eip1559TransactionRequest(Options.ChainId, nonce, intent.To, intent.Data, tx.GasLimit,
                new Eip1559Fees(fees.MaxFeePerGas, fees.MaxPriorityFeePerGas)));
    }

    private TxAttempt Attempt(SignedTransaction signed, TxFees fees, long head) =>
        new(signed.Nonce, signed.Hash, signed.RawHex, fees, head, time.GetUtcNow());

    /// <summary>Writes the state; on failure the activation is dropped so the next one reloads what is really stored.</summary>
    private async Task Persist()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>Sends one signed transaction; returns what the node said, or null when the node could not be asked.</summary>
    private async Task<BroadcastOutcome?> Broadcast(WalletTx tx, SignedTransaction signed)
    {
        try
        {
            var result = await TransactionBroadcaster.BroadcastAsync(Rpc, signed);
            if (!result.IsSent)
                LogBroadcastRefused(tx.Intent.Key, signed.Nonce, signed.Hash, result.Outcome, result.NodeMessage ?? "");
            if (result.Outcome == BroadcastOutcome.InsufficientFunds)
                LogInsufficientFunds(Address);
            return result.Outcome;
        }
        catch (EthereumRpcException e)
        {
            // Whether the node took it is unknown; the timer finds out and sends it again if needed.
            LogBroadcastFailed(e, tx.Intent.Key, signed.Hash);
            return null;
        }
    }

    private async Task SyncNonce()
    {
        if (nonceSynced) return;
        var pending = await Rpc.GetTransactionCountAsync(Address, BlockTag.Pending);
        if (pending > State.NextNonce)
            LogNonceAdvanced(State.NextNonce, pending);
        State.NextNonce = WalletMath.NextNonce(State.NextNonce, pending);
        nonceSynced = true;
    }

    private async Task TrySyncNonce(CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            await SyncNonce();
        }
        catch (EthereumRpcException e)
        {
            // Not fatal: the first Submit syncs again before it assigns a nonce.
            LogNodeUnreachable(e, Rpc.Url.ToString());
        }
    }

    private async Task<MarketView> Market(bool fresh = false)
    {
        var now = time.GetTimestamp();
        if (!fresh && market is { } cached && time.GetElapsedTime(cached.ReadAt, now) < Options.PollInterval)
            return cached;
        var head = await Rpc.GetBlockNumberAsync();
        var minTip = WalletMath.GweiToWei(Options.MinPriorityFeeGwei);
        var cap = WalletMath.GweiToWei(Options.MaxFeePerGasGwei);
        var fees = Options.LegacyTransactions
            ? WalletMath.LegacyFees(await Rpc.GetGasPriceAsync(), minTip, cap)
            : WalletMath.MarketFees(
                await Rpc.GetFeeHistoryAsync(FeeSuggester.HistoryBlocks, BlockTag.Latest, [Options.PriorityFeePercentile]), minTip, cap);
        return market = new MarketView(fees, head, now);
    }
}

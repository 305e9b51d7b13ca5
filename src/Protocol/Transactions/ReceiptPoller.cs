using BlockhostBroker.Protocol.Rpc;

namespace BlockhostBroker.Protocol.Transactions;

/// <summary>No receipt appeared before the deadline; the transaction may still be pending or may have been dropped.</summary>
public sealed class ReceiptTimeoutException(string transactionHash, TimeSpan waited)
    : Exception($"no receipt for {transactionHash} after {waited.TotalSeconds:0.###} s")
{
    /// <summary>The transaction waited for.</summary>
    public string TransactionHash { get; } = transactionHash;
}

/// <summary>Polls eth_getTransactionReceipt until a receipt appears or a deadline passes.</summary>
public static class ReceiptPoller
{
    /// <summary>The poll interval used when none is given.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Returns the receipt of <paramref name="transactionHash"/> once mined; throws <see cref="ReceiptTimeoutException"/>
    /// after <paramref name="timeout"/>. RPC failures of single polls propagate (the caller decides whether to retry).
    /// </summary>
    public static async Task<TransactionReceiptInfo> WaitAsync(
        IEthereumRpc rpc, string transactionHash, TimeSpan timeout, TimeSpan? pollInterval = null,
        TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        time ??= TimeProvider.System;
        var interval = pollInterval ?? DefaultPollInterval;
        var started = time.GetTimestamp();
        while (true)
        {
            if (await rpc.GetTransactionReceiptAsync(transactionHash, cancellationToken) is { } receipt)
                return receipt;
            var remaining = timeout - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
                throw new ReceiptTimeoutException(transactionHash, timeout);
            await Task.Delay(remaining < interval ? remaining : interval, time, cancellationToken);
        }
    }
}

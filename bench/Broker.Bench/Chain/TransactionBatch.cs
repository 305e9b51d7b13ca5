using System.Numerics;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Protocol.Transactions;
using BlockhostBroker.TestSupport.Chain;

namespace BlockhostBroker.Bench.Chain;

/// <summary>
/// Sends many transactions from several dev accounts without waiting for each receipt: nonces are counted here
/// (explicit, per account), every transaction is signed and broadcast first, then all receipts are awaited together.
/// </summary>
public sealed class TransactionBatch(AnvilChain chain)
{
    private static readonly BigInteger MinimumTip = 1_000_000_000; // 1 gwei
    private static readonly TimeSpan ReceiptPoll = TimeSpan.FromMilliseconds(50);
    private readonly Dictionary<string, long> _nextNonce = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Signs and broadcasts each (sender, to, data, gas) in order; returns the signed transactions.</summary>
    public async Task<IReadOnlyList<SignedTransaction>> BroadcastAsync(IReadOnlyList<(DevAccount From, string? To, byte[] Data, long Gas)> calls)
    {
        await _gate.WaitAsync();
        try
        {
            var fees = await FeeSuggester.SuggestAsync(chain.Rpc, MinimumTip);
            var signed = new List<SignedTransaction>(calls.Count);
            foreach (var (from, to, data, gas) in calls)
            {
                var nonce = await NextNonceAsync(from);
                signed.Add(from.Signer.Sign(new Eip1559TransactionRequest(chain.ChainId, nonce, to, data, gas, fees)));
            }
            foreach (var transaction in signed)
            {
                var result = await TransactionBroadcaster.BroadcastAsync(chain.Rpc, transaction);
                if (!result.IsSent)
                    throw new InvalidOperationException($"anvil refused {transaction.Hash}: {result.Outcome} {result.NodeMessage}");
            }
            return signed;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Waits for every receipt (polling all outstanding hashes together); throws when one reverted.</summary>
    public async Task<IReadOnlyList<TransactionReceiptInfo>> WaitAllAsync(IReadOnlyList<SignedTransaction> sent, TimeSpan timeout)
    {
        var receipts = new TransactionReceiptInfo?[sent.Count];
        var deadline = DateTime.UtcNow + timeout;
        while (receipts.Any(r => r is null))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{receipts.Count(r => r is null)} of {sent.Count} transactions had no receipt after {timeout}");
            for (var i = 0; i < sent.Count; i++)
                receipts[i] ??= await chain.Rpc.GetTransactionReceiptAsync(sent[i].Hash);
            if (receipts.Any(r => r is null))
                await Task.Delay(ReceiptPoll);
        }
        var reverted = receipts.FirstOrDefault(r => !r!.Succeeded);
        if (reverted is not null)
            throw new InvalidOperationException($"transaction {reverted.TransactionHash} reverted");
        return receipts!;
    }

    private async Task<long> NextNonceAsync(DevAccount from)
    {
        if (!_nextNonce.TryGetValue(from.Address, out var nonce))
            nonce = await chain.Rpc.GetTransactionCountAsync(from.Address, BlockTag.Pending);
        _nextNonce[from.Address] = nonce + 1;
        return nonce;
    }
}

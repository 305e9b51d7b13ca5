using System.Numerics;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Protocol.Transactions;
using BlockhostBroker.TestSupport.Chain;

namespace BlockhostBroker.EndToEnd.Tests.Fuzz;

/// <summary>
/// Sends many transactions from one dev account without waiting for each receipt: nonces counted here (the
/// account must send nothing else meanwhile), fees read once with room to spare, receipts collected at the end.
/// <see cref="AnvilChain.SendAsync"/> waits for every receipt, which costs a block each on a mining chain.
/// </summary>
public sealed class NonceSender
{
    private static readonly BigInteger MinimumTip = 1_000_000_000; // 1 gwei
    private static readonly TimeSpan ReceiptTimeout = TimeSpan.FromSeconds(120);
    private readonly AnvilChain _chain;
    private readonly DevAccount _account;
    private readonly Eip1559Fees _fees;
    private readonly List<string> _sent = [];
    private long _nonce;

    private NonceSender(AnvilChain chain, DevAccount account, long nonce, Eip1559Fees fees)
    {
        _chain = chain;
        _account = account;
        _nonce = nonce;
        _fees = fees;
    }

    /// <summary>A sender starting at the account's pending nonce.</summary>
    public static async Task<NonceSender> CreateAsync(AnvilChain chain, DevAccount account)
    {
        var nonce = await chain.Rpc.GetTransactionCountAsync(account.Address, BlockTag.Pending);
        var fees = await FeeSuggester.SuggestAsync(chain.Rpc, MinimumTip);
        // Headroom, so a base fee that rises during the burst does not strand the later transactions.
        return new NonceSender(chain, account, nonce, fees with { MaxFeePerGas = fees.MaxFeePerGas * 4 });
    }

    /// <summary>The nonce the next transaction gets.</summary>
    public long NextNonce => _nonce;

    /// <summary>The address a contract deployed by the next transaction gets (CREATE: sender and nonce).</summary>
    public string NextContractAddress =>
        Nethereum.Util.AddressUtil.Current.ConvertToChecksumAddress(Nethereum.Util.ContractUtils.CalculateContractAddress(_account.Address, _nonce));

    /// <summary>Signs and broadcasts with the next nonce; returns the transaction hash. A null <paramref name="to"/> deploys.</summary>
    public async Task<string> SendAsync(string? to, byte[] data, long gasLimit)
    {
        var signed = _account.Signer.Sign(new Eip1559TransactionRequest(_chain.ChainId, _nonce, to, data, gasLimit, _fees));
        var result = await TransactionBroadcaster.BroadcastAsync(_chain.Rpc, signed);
        if (!result.IsSent)
            throw new InvalidOperationException($"anvil refused nonce {_nonce} of {_account}: {result.Outcome} {result.NodeMessage}");
        _nonce++;
        _sent.Add(signed.Hash);
        return signed.Hash;
    }

    /// <summary>Waits for the receipts of everything sent since the last call; throws when one failed.</summary>
    public async Task<IReadOnlyList<TransactionReceiptInfo>> WaitAllAsync()
    {
        var receipts = new List<TransactionReceiptInfo>(_sent.Count);
        foreach (var hash in _sent)
        {
            TransactionReceiptInfo receipt;
            try
            {
                receipt = await ReceiptPoller.WaitAsync(_chain.Rpc, hash, ReceiptTimeout, TimeSpan.FromMilliseconds(50));
            }
            catch (ReceiptTimeoutException e)
            {
                var known = await _chain.Rpc.GetTransactionAsync(hash) is not null;
                var mined = await _chain.Rpc.GetTransactionCountAsync(_account.Address, BlockTag.Latest);
                throw new InvalidOperationException($"{e.Message} ({(known ? "still pending" : "dropped by the node")}; {mined} of {_account}'s {_nonce} nonces mined)", e);
            }
            if (!receipt.Succeeded)
                throw new InvalidOperationException($"transaction {hash} of {_account} reverted");
            receipts.Add(receipt);
        }
        _sent.Clear();
        return receipts;
    }
}

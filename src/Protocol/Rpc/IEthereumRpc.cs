using System.Numerics;
using Newtonsoft.Json.Linq;

namespace BlockhostBroker.Protocol.Rpc;

/// <summary>
/// The Ethereum JSON-RPC calls the broker and its client make. Every method either returns a well-typed
/// value or throws an <see cref="EthereumRpcException"/> subtype (timeouts, connection failures, HTTP
/// errors, malformed answers, JSON-RPC errors); reverts of eth_call and eth_estimateGas surface as
/// <see cref="Contracts.ContractRevertException"/>.
/// </summary>
public interface IEthereumRpc
{
    /// <summary>The node's URL.</summary>
    Uri Url { get; }

    /// <summary>eth_chainId.</summary>
    Task<long> GetChainIdAsync(CancellationToken cancellationToken = default);

    /// <summary>eth_blockNumber: the number of the most recent block.</summary>
    Task<long> GetBlockNumberAsync(CancellationToken cancellationToken = default);

    /// <summary>eth_getBlockByNumber without transactions; null when the node has no such block.</summary>
    Task<BlockHeader?> GetBlockAsync(BlockTag block, CancellationToken cancellationToken = default);

    /// <summary>eth_getTransactionCount: the next nonce of <paramref name="address"/> at the given block (Pending counts the mempool).</summary>
    Task<long> GetTransactionCountAsync(string address, BlockTag block, CancellationToken cancellationToken = default);

    /// <summary>eth_getBalance in wei.</summary>
    Task<BigInteger> GetBalanceAsync(string address, BlockTag block, CancellationToken cancellationToken = default);

    /// <summary>eth_getCode: the deployed bytecode (empty for an account without code).</summary>
    Task<byte[]> GetCodeAsync(string address, BlockTag block, CancellationToken cancellationToken = default);

    /// <summary>eth_gasPrice in wei (for chains without EIP-1559).</summary>
    Task<BigInteger> GetGasPriceAsync(CancellationToken cancellationToken = default);

    /// <summary>eth_feeHistory over the <paramref name="blockCount"/> blocks ending at <paramref name="newestBlock"/>.</summary>
    Task<FeeHistory> GetFeeHistoryAsync(int blockCount, BlockTag newestBlock, IReadOnlyList<double> rewardPercentiles, CancellationToken cancellationToken = default);

    /// <summary>eth_getLogs for one filter; the node may refuse ranges that are too wide (a <see cref="JsonRpcErrorException"/>).</summary>
    Task<IReadOnlyList<LogEntry>> GetLogsAsync(LogFilter filter, CancellationToken cancellationToken = default);

    /// <summary>eth_call: the return data; a revert throws <see cref="Contracts.ContractRevertException"/>.</summary>
    Task<byte[]> CallAsync(CallRequest call, BlockTag block, CancellationToken cancellationToken = default);

    /// <summary>eth_estimateGas; a revert throws <see cref="Contracts.ContractRevertException"/>.</summary>
    Task<long> EstimateGasAsync(CallRequest call, CancellationToken cancellationToken = default);

    /// <summary>eth_sendRawTransaction: the hash the node reports; a refusal throws <see cref="JsonRpcErrorException"/> (classify it with Transactions.SendErrorClassifier).</summary>
    Task<string> SendRawTransactionAsync(ReadOnlyMemory<byte> signedTransaction, CancellationToken cancellationToken = default);

    /// <summary>eth_getTransactionReceipt; null while the transaction is not mined (or unknown).</summary>
    Task<TransactionReceiptInfo?> GetTransactionReceiptAsync(string transactionHash, CancellationToken cancellationToken = default);

    /// <summary>eth_getTransactionByHash; null when the node does not know the transaction (lost from its mempool).</summary>
    Task<TransactionInfo?> GetTransactionAsync(string transactionHash, CancellationToken cancellationToken = default);

    /// <summary>Any other method (e.g. anvil's evm_increaseTime), returning the raw result token.</summary>
    Task<JToken> RequestAsync(string method, IReadOnlyList<object?> parameters, CancellationToken cancellationToken = default);
}

using System.Globalization;
using System.Numerics;
using BlockhostBroker.Protocol.Contracts;
using Newtonsoft.Json.Linq;

namespace BlockhostBroker.Protocol.Rpc;

/// <summary>The JSON-RPC client of one Ethereum node over HTTP, with a bounded timeout per call.</summary>
public sealed class EthereumRpc : IEthereumRpc, IDisposable
{
    /// <summary>The timeout used when none is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly JsonRpcHttpClient client;

    /// <summary>Creates a client for the node at <paramref name="url"/>; each call fails with <see cref="RpcTimeoutException"/> after <paramref name="timeout"/>.</summary>
    public EthereumRpc(Uri url, TimeSpan timeout, HttpMessageHandler? handler = null) =>
        client = new JsonRpcHttpClient(url, timeout, handler);

    /// <summary>Creates a client with <see cref="DefaultTimeout"/>.</summary>
    public EthereumRpc(Uri url) : this(url, DefaultTimeout) { }

    /// <inheritdoc />
    public Uri Url => client.Url;

    /// <inheritdoc />
    public async Task<long> GetChainIdAsync(CancellationToken cancellationToken = default) =>
        RpcValues.ReadLong("eth_chainId", await SendAsync("eth_chainId", [], cancellationToken), "chain id");

    /// <inheritdoc />
    public async Task<long> GetBlockNumberAsync(CancellationToken cancellationToken = default) =>
        RpcValues.ReadLong("eth_blockNumber", await SendAsync("eth_blockNumber", [], cancellationToken), "block number");

    /// <inheritdoc />
    public async Task<BlockHeader?> GetBlockAsync(BlockTag block, CancellationToken cancellationToken = default)
    {
        const string method = "eth_getBlockByNumber";
        var result = await SendAsync(method, [block.ToString(), false], cancellationToken);
        return RpcValues.IsNull(result) ? null : RpcParsers.Block(method, result);
    }

    /// <inheritdoc />
    public async Task<long> GetTransactionCountAsync(string address, BlockTag block, CancellationToken cancellationToken = default) =>
        RpcValues.ReadLong("eth_getTransactionCount",
            await SendAsync("eth_getTransactionCount", [address, block.ToString()], cancellationToken), "transaction count");

    /// <inheritdoc />
    public async Task<BigInteger> GetBalanceAsync(string address, BlockTag block, CancellationToken cancellationToken = default) =>
        RpcValues.ReadQuantity("eth_getBalance", await SendAsync("eth_getBalance", [address, block.ToString()], cancellationToken), "balance");

    /// <inheritdoc />
    public async Task<byte[]> GetCodeAsync(string address, BlockTag block, CancellationToken cancellationToken = default) =>
        RpcValues.ReadData("eth_getCode", await SendAsync("eth_getCode", [address, block.ToString()], cancellationToken), "code");

    /// <inheritdoc />
    public async Task<BigInteger> GetGasPriceAsync(CancellationToken cancellationToken = default) =>
        RpcValues.ReadQuantity("eth_gasPrice", await SendAsync("eth_gasPrice", [], cancellationToken), "gas price");

    /// <inheritdoc />
    public async Task<FeeHistory> GetFeeHistoryAsync(
        int blockCount, BlockTag newestBlock, IReadOnlyList<double> rewardPercentiles, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockCount, 1);
        const string method = "eth_feeHistory";
        var count = RpcValues.Quantity(blockCount);
        var result = await SendAsync(method, [count, newestBlock.ToString(), rewardPercentiles.ToArray()], cancellationToken);
        return RpcParsers.FeeHistory(method, result);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LogEntry>> GetLogsAsync(LogFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.FromBlock < 0 || filter.ToBlock < filter.FromBlock)
            throw new ArgumentOutOfRangeException(nameof(filter), $"bad block range {filter.FromBlock}..{filter.ToBlock}");
        const string method = "eth_getLogs";
        var result = await SendAsync(method, [RpcParsers.FilterObject(filter)], cancellationToken);
        if (result is not JArray logs) throw RpcValues.Malformed(method, "result", "an array of logs", result);
        return logs.Select(l => RpcParsers.Log(method, l)).ToList();
    }

    /// <inheritdoc />
    public async Task<byte[]> CallAsync(CallRequest call, BlockTag block, CancellationToken cancellationToken = default)
    {
        const string method = "eth_call";
        var result = await SendRevertingAsync(method, [RpcParsers.CallObject(call), block.ToString()], cancellationToken);
        return RpcValues.ReadData(method, result, "return data");
    }

    /// <inheritdoc />
    public async Task<long> EstimateGasAsync(CallRequest call, CancellationToken cancellationToken = default)
    {
        const string method = "eth_estimateGas";
        var result = await SendRevertingAsync(method, [RpcParsers.CallObject(call)], cancellationToken);
        return RpcValues.ReadLong(method, result, "gas estimate");
    }

    /// <inheritdoc />
    public async Task<string> SendRawTransactionAsync(ReadOnlyMemory<byte> signedTransaction, CancellationToken cancellationToken = default)
    {
        const string method = "eth_sendRawTransaction";
        var result = await SendAsync(method, [RpcValues.Data(signedTransaction.Span)], cancellationToken);
        return RpcValues.ReadHash(method, result, "transaction hash");
    }

    /// <inheritdoc />
    public async Task<TransactionReceiptInfo?> GetTransactionReceiptAsync(string transactionHash, CancellationToken cancellationToken = default)
    {
        const string method = "eth_getTransactionReceipt";
        var result = await SendAsync(method, [transactionHash], cancellationToken);
        return RpcValues.IsNull(result) ? null : RpcParsers.Receipt(method, result);
    }

    /// <inheritdoc />
    public async Task<TransactionInfo?> GetTransactionAsync(string transactionHash, CancellationToken cancellationToken = default)
    {
        const string method = "eth_getTransactionByHash";
        var result = await SendAsync(method, [transactionHash], cancellationToken);
        return RpcValues.IsNull(result) ? null : RpcParsers.Transaction(method, result);
    }

    /// <inheritdoc />
    public Task<JToken> RequestAsync(string method, IReadOnlyList<object?> parameters, CancellationToken cancellationToken = default) =>
        SendAsync(method, parameters, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => client.Dispose();

    /// <summary>Names the node's scheme, host and port only (never the path or user info, which may hold an API key).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"EthereumRpc({client.Endpoint}, timeout {client.Timeout.TotalSeconds} s)");

    private Task<JToken> SendAsync(string method, IReadOnlyList<object?> parameters, CancellationToken cancellationToken) =>
        client.SendAsync(method, parameters, cancellationToken);

    private async Task<JToken> SendRevertingAsync(string method, IReadOnlyList<object?> parameters, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(method, parameters, cancellationToken);
        }
        catch (JsonRpcErrorException e) when (RevertDecoder.IsRevert(e))
        {
            throw RevertDecoder.Classify(e);
        }
    }
}

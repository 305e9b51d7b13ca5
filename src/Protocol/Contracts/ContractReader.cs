using BlockhostBroker.Protocol.Rpc;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;

namespace BlockhostBroker.Protocol.Contracts;

/// <summary>The return data of a call could not be decoded as the function's outputs (no contract there, or a different ABI).</summary>
public sealed class ContractOutputException(string function, string contract, string message, Exception? inner = null)
    : Exception($"{function} on {contract}: {message}", inner)
{
    /// <summary>The function called.</summary>
    public string Function { get; } = function;

    /// <summary>The contract address called.</summary>
    public string Contract { get; } = contract;
}

/// <summary>Encodes typed function messages, runs them with eth_call / eth_estimateGas and decodes their outputs.</summary>
public sealed class ContractReader(IEthereumRpc rpc, string contractAddress)
{
    /// <summary>The node.</summary>
    public IEthereumRpc Rpc { get; } = rpc ?? throw new ArgumentNullException(nameof(rpc));

    /// <summary>The contract's address.</summary>
    public string Address { get; } = contractAddress ?? throw new ArgumentNullException(nameof(contractAddress));

    /// <summary>The calldata of a function message: selector and ABI-encoded arguments.</summary>
    public static byte[] Calldata<TFunction>(TFunction message) where TFunction : FunctionMessage, new() =>
        message.GetCallData();

    /// <summary>Calls a view returning a single value type (uint256 → BigInteger, address → string, bool → bool …).</summary>
    public async Task<TResult> QueryAsync<TFunction, TResult>(TFunction message, BlockTag? block = null, string? from = null, CancellationToken cancellationToken = default)
        where TFunction : FunctionMessage, new()
    {
        var data = await CallRawAsync(message, block, from, cancellationToken);
        var output = ABITypedRegistry.GetFunctionABI<TFunction>().OutputParameters;
        return Decode(message, data, () => new FunctionCallDecoder().DecodeSimpleTypeOutput<TResult>(output.Single(), data.ToHex(true)));
    }

    /// <summary>Calls a function whose outputs map to a [FunctionOutput] DTO.</summary>
    public async Task<TOutput> QueryDtoAsync<TFunction, TOutput>(TFunction message, BlockTag? block = null, string? from = null, CancellationToken cancellationToken = default)
        where TFunction : FunctionMessage, new()
        where TOutput : IFunctionOutputDTO, new()
    {
        var data = await CallRawAsync(message, block, from, cancellationToken);
        return Decode(message, data, () => new FunctionCallDecoder().DecodeFunctionOutput<TOutput>(data.ToHex(true)));
    }

    /// <summary>Runs a transaction as eth_call from <paramref name="from"/> to see whether it would revert; throws <see cref="ContractRevertException"/> when it would.</summary>
    public Task<byte[]> SimulateAsync<TFunction>(TFunction message, string from, CancellationToken cancellationToken = default)
        where TFunction : FunctionMessage, new() =>
        CallRawAsync(message, BlockTag.Pending, from, cancellationToken);

    /// <summary>eth_estimateGas for a transaction from <paramref name="from"/>; throws <see cref="ContractRevertException"/> when it would revert.</summary>
    public Task<long> EstimateGasAsync<TFunction>(TFunction message, string from, CancellationToken cancellationToken = default)
        where TFunction : FunctionMessage, new() =>
        Rpc.EstimateGasAsync(new CallRequest(Address, Calldata(message), from, message.AmountToSend), cancellationToken);

    private Task<byte[]> CallRawAsync<TFunction>(TFunction message, BlockTag? block, string? from, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new() =>
        Rpc.CallAsync(new CallRequest(Address, Calldata(message), from), block ?? BlockTag.Latest, cancellationToken);

    private T Decode<TFunction, T>(TFunction message, byte[] data, Func<T> decode) where TFunction : FunctionMessage, new()
    {
        var name = FunctionAttribute.GetAttribute<TFunction>().Name;
        if (data.Length == 0)
            throw new ContractOutputException(name, Address, "empty return data (no contract at this address?)");
        try
        {
            return decode();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ContractOutputException(name, Address, $"return data does not decode: {e.Message}", e);
        }
    }
}

using System.Numerics;

namespace BlockhostBroker.Protocol.Rpc;

/// <summary>The parts of a block header the broker uses: number, hash (for reorg checks), parent, time and base fee.</summary>
public sealed record BlockHeader(long Number, string Hash, string ParentHash, DateTimeOffset Timestamp, BigInteger? BaseFeePerGas);

/// <summary>An eth_call / eth_estimateGas request: target, calldata and optional sender, value and gas.</summary>
public sealed record CallRequest(string To, byte[] Data, string? From = null, BigInteger? Value = null, long? Gas = null);

/// <summary>The answer of eth_feeHistory: base fees (one more than blocks, the last is the next block's), usage ratios and reward percentiles.</summary>
public sealed record FeeHistory(
    long OldestBlock,
    IReadOnlyList<BigInteger> BaseFeePerGas,
    IReadOnlyList<double> GasUsedRatio,
    IReadOnlyList<IReadOnlyList<BigInteger>> Reward);

/// <summary>A mined or pending transaction as eth_getTransactionByHash returns it (the fields the wallet needs).</summary>
public sealed record TransactionInfo(string Hash, string From, long Nonce, long? BlockNumber, string? BlockHash);

/// <summary>One log entry of a receipt or of eth_getLogs; topics and hashes are lowercase "0x" hex.</summary>
public sealed record LogEntry(
    string Address,
    IReadOnlyList<string> Topics,
    byte[] Data,
    long BlockNumber,
    string BlockHash,
    string TransactionHash,
    long TransactionIndex,
    long LogIndex,
    bool Removed);

/// <summary>A mined transaction's receipt: where it was mined, whether it succeeded, what it cost and the logs it emitted.</summary>
public sealed record TransactionReceiptInfo(
    string TransactionHash,
    long BlockNumber,
    string BlockHash,
    bool Succeeded,
    long GasUsed,
    BigInteger EffectiveGasPrice,
    string? ContractAddress,
    IReadOnlyList<LogEntry> Logs);

/// <summary>
/// An eth_getLogs filter over an inclusive block range. Topics are positional: each position is null (any)
/// or a list of alternatives (lowercase 32-byte "0x" hex); position 0 is the event signature.
/// </summary>
public sealed record LogFilter(
    long FromBlock,
    long ToBlock,
    IReadOnlyList<string> Addresses,
    IReadOnlyList<IReadOnlyList<string>?> Topics)
{
    /// <summary>The number of blocks the range covers.</summary>
    public long BlockCount => ToBlock - FromBlock + 1;
}

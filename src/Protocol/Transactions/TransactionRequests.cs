using System.Numerics;

namespace BlockhostBroker.Protocol.Transactions;

/// <summary>The envelope of a signed transaction.</summary>
public enum TransactionEnvelope
{
    /// <summary>A pre-EIP-2718 transaction with an EIP-155 chain id in v.</summary>
    Legacy = 0,

    /// <summary>An EIP-1559 (type 2) transaction.</summary>
    Eip1559 = 2,
}

/// <summary>An EIP-1559 fee pair in wei per gas.</summary>
public sealed record Eip1559Fees(BigInteger MaxFeePerGas, BigInteger MaxPriorityFeePerGas)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a fee is negative or the tip exceeds the cap.</summary>
    public void Validate()
    {
        if (MaxPriorityFeePerGas.Sign < 0 || MaxFeePerGas.Sign < 0)
            throw new ArgumentOutOfRangeException(nameof(MaxFeePerGas), "fees must not be negative");
        if (MaxPriorityFeePerGas > MaxFeePerGas)
            throw new ArgumentOutOfRangeException(nameof(MaxPriorityFeePerGas),
                $"maxPriorityFeePerGas {MaxPriorityFeePerGas} exceeds maxFeePerGas {MaxFeePerGas}");
    }
}

/// <summary>An unsigned EIP-1559 transaction with every field explicit: nothing is filled in from the node. A null <c>To</c> creates a contract from <c>Data</c>.</summary>
public sealed record Eip1559TransactionRequest(
    long ChainId,
    long Nonce,
    string? To,
    byte[] Data,
    long GasLimit,
    Eip1559Fees Fees,
    BigInteger Value = default)
{
    /// <summary>Throws <see cref="ArgumentException"/> (or a subtype) when a field is out of range.</summary>
    public void Validate()
    {
        TransactionFieldChecks.Common(ChainId, Nonce, To, Data, GasLimit, Value);
        ArgumentNullException.ThrowIfNull(Fees);
        Fees.Validate();
    }
}

/// <summary>An unsigned legacy (EIP-155) transaction for chains without EIP-1559, every field explicit. A null <c>To</c> creates a contract.</summary>
public sealed record LegacyTransactionRequest(
    long ChainId,
    long Nonce,
    string? To,
    byte[] Data,
    long GasLimit,
    BigInteger GasPrice,
    BigInteger Value = default)
{
    /// <summary>Throws <see cref="ArgumentException"/> (or a subtype) when a field is out of range.</summary>
    public void Validate()
    {
        TransactionFieldChecks.Common(ChainId, Nonce, To, Data, GasLimit, Value);
        if (GasPrice.Sign < 0) throw new ArgumentOutOfRangeException(nameof(GasPrice), "gas price must not be negative");
    }
}

/// <summary>A signed transaction ready to broadcast: persist <see cref="Raw"/> and <see cref="Hash"/> before sending.</summary>
public sealed record SignedTransaction(TransactionEnvelope Type, byte[] Raw, string Hash, string From, long ChainId, long Nonce)
{
    /// <summary>The raw bytes as "0x" hex, as eth_sendRawTransaction takes them.</summary>
    public string RawHex => "0x" + Convert.ToHexStringLower(Raw);
}

/// <summary>Field checks shared by both transaction kinds.</summary>
internal static class TransactionFieldChecks
{
    /// <summary>The intrinsic gas of any transaction: a limit below it can never be mined.</summary>
    public const long MinimumGasLimit = 21_000;

    public static void Common(long chainId, long nonce, string? to, byte[] data, long gasLimit, BigInteger value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chainId, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(nonce);
        ArgumentOutOfRangeException.ThrowIfLessThan(gasLimit, MinimumGasLimit);
        ArgumentNullException.ThrowIfNull(data);
        if (value.Sign < 0) throw new ArgumentOutOfRangeException(nameof(value), "value must not be negative");
        if (to is not null && !IsAddress(to)) throw new ArgumentException($"'{to}' is not a 0x-prefixed 20-byte address", nameof(to));
    }

    private static bool IsAddress(string text) =>
        text.Length == 42 && text.StartsWith("0x", StringComparison.Ordinal)
        && text.AsSpan(2).IndexOfAnyExcept("0123456789abcdefABCDEF") < 0;
}

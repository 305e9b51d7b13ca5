using System.Numerics;
using BlockhostBroker.Protocol.Rpc;

namespace BlockhostBroker.Protocol.Contracts;

/// <summary>What a contract reverted with.</summary>
public enum RevertKind
{
    /// <summary>A plain revert with no data (require without a message, or a failed call without a reason).</summary>
    Empty = 0,

    /// <summary>Error(string): <see cref="ContractRevertException.Reason"/> holds the message.</summary>
    ErrorString = 1,

    /// <summary>Panic(uint256): <see cref="ContractRevertException.PanicCode"/> holds the code (0x11 overflow, 0x01 assert, …).</summary>
    Panic = 2,

    /// <summary>A Solidity custom error: <see cref="ContractRevertException.ErrorSelector"/>, and its name when known.</summary>
    CustomError = 3,

    /// <summary>Data that starts like Error(string) or Panic(uint256) but does not decode.</summary>
    Malformed = 4,
}

/// <summary>A call or gas estimate that the contract reverted; <see cref="Reason"/> carries the exact revert string for Error(string).</summary>
public sealed class ContractRevertException : JsonRpcErrorException
{
    /// <summary>Creates the exception from the node's error and the decoded revert.</summary>
    public ContractRevertException(string method, int code, string rpcMessage, RevertInfo revert)
        : base(method, code, rpcMessage, RpcValues.Data(revert.Data)) => Revert = revert;

    /// <summary>The decoded revert.</summary>
    public RevertInfo Revert { get; }

    /// <summary>The kind of revert.</summary>
    public RevertKind Kind => Revert.Kind;

    /// <summary>The Error(string) message, exactly as the contract wrote it; null for other kinds.</summary>
    public string? Reason => Revert.Reason;

    /// <summary>The Panic(uint256) code; null for other kinds.</summary>
    public BigInteger? PanicCode => Revert.PanicCode;

    /// <summary>The 4-byte selector ("0x…") of a custom error; null for other kinds.</summary>
    public string? ErrorSelector => Revert.ErrorSelector;

    /// <summary>The custom error's name when it is one of <see cref="RevertDecoder.KnownErrors"/>.</summary>
    public string? ErrorName => Revert.ErrorName;

    /// <inheritdoc />
    public override string Message => $"{Method}: reverted ({Revert})";
}

/// <summary>A decoded revert: its kind, the raw data and what could be read from it.</summary>
public sealed record RevertInfo(RevertKind Kind, byte[] Data, string? Reason, BigInteger? PanicCode, string? ErrorSelector, string? ErrorName)
{
    /// <summary>A short human-readable form, e.g. Error("Empty payload") or Panic(0x11).</summary>
    public override string ToString() => Kind switch
    {
        RevertKind.Empty => "no revert data",
        RevertKind.ErrorString => $"Error(\"{Reason}\")",
        RevertKind.Panic => $"Panic(0x{PanicCode:x2})",
        RevertKind.CustomError => $"{ErrorName ?? "custom error"} {ErrorSelector}",
        _ => $"undecodable revert data {RpcValues.Data(Data)}",
    };
}

using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using BlockhostBroker.Protocol.Rpc;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace BlockhostBroker.Protocol.Contracts;

/// <summary>Turns revert data and the JSON-RPC errors that carry it into <see cref="RevertInfo"/> and <see cref="ContractRevertException"/>.</summary>
public static class RevertDecoder
{
    /// <summary>Selector of Error(string).</summary>
    public const uint ErrorStringSelector = 0x08c379a0;

    /// <summary>Selector of Panic(uint256).</summary>
    public const uint PanicSelector = 0x4e487b71;

    /// <summary>The JSON-RPC error code geth and anvil use for reverts.</summary>
    public const int ExecutionRevertedCode = 3;

    private const int SelectorLength = 4;
    private const int WordLength = 32;
    private const string RevertedPrefix = "execution reverted";

    /// <summary>Custom errors named in decoded reverts: the OpenZeppelin Ownable errors our contracts inherit.</summary>
    public static IReadOnlyList<Type> KnownErrors { get; } =
        [typeof(Ownable.OwnableUnauthorizedAccountError), typeof(Ownable.OwnableInvalidOwnerError)];

    private static readonly Dictionary<string, string> KnownErrorNames = KnownErrors
        .Select(t => ABITypedRegistry.GetError(t))
        .ToDictionary(e => "0x" + e.Sha3Signature.ToLowerInvariant(), e => e.Name);

    /// <summary>Decodes raw revert data (selector and ABI-encoded arguments).</summary>
    public static RevertInfo Decode(ReadOnlySpan<byte> data)
    {
        var bytes = data.ToArray();
        if (bytes.Length == 0) return new RevertInfo(RevertKind.Empty, bytes, null, null, null, null);
        if (bytes.Length < SelectorLength) return Malformed(bytes);
        var selector = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        return selector switch
        {
            ErrorStringSelector => DecodeErrorString(bytes),
            PanicSelector => DecodePanic(bytes),
            _ => CustomError(bytes),
        };
    }

    /// <summary>True when the node's error reports a revert (code 3, or a message starting "execution reverted").</summary>
    public static bool IsRevert(JsonRpcErrorException error) =>
        error.Code == ExecutionRevertedCode
        || error.RpcMessage.StartsWith(RevertedPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Converts a node error that reports a revert into a <see cref="ContractRevertException"/>; other errors are returned unchanged.</summary>
    public static JsonRpcErrorException Classify(JsonRpcErrorException error)
    {
        if (error is ContractRevertException || !IsRevert(error)) return error;
        var revert = TryHex(error.ErrorData) is { } data ? Decode(data) : FromMessage(error.RpcMessage);
        return new ContractRevertException(error.Method, error.Code, error.RpcMessage, revert);
    }

    // Some nodes give only "execution reverted: <reason>" without data; the reason is all we have then.
    private static RevertInfo FromMessage(string message)
    {
        var rest = message.Length > RevertedPrefix.Length ? message[RevertedPrefix.Length..] : "";
        return rest.StartsWith(": ", StringComparison.Ordinal)
            ? new RevertInfo(RevertKind.ErrorString, [], rest[2..], null, null, null)
            : new RevertInfo(RevertKind.Empty, [], null, null, null, null);
    }

    private static RevertInfo DecodeErrorString(byte[] bytes)
    {
        var args = bytes.AsSpan(SelectorLength);
        if (!TryReadWord(args, 0, out var offset) || offset > int.MaxValue - WordLength) return Malformed(bytes);
        if (!TryReadWord(args, (int)offset, out var length) || length > int.MaxValue) return Malformed(bytes);
        var start = (int)offset + WordLength;
        if (args.Length - start < (long)length) return Malformed(bytes);
        try
        {
            var reason = new UTF8Encoding(false, true).GetString(args.Slice(start, (int)length));
            return new RevertInfo(RevertKind.ErrorString, bytes, reason, null, null, null);
        }
        catch (DecoderFallbackException)
        {
            return Malformed(bytes);
        }
    }

    private static RevertInfo DecodePanic(byte[] bytes)
    {
        var args = bytes.AsSpan(SelectorLength);
        if (args.Length != WordLength) return Malformed(bytes);
        var code = new BigInteger(args, isUnsigned: true, isBigEndian: true);
        return new RevertInfo(RevertKind.Panic, bytes, null, code, null, null);
    }

    private static RevertInfo CustomError(byte[] bytes)
    {
        var selector = RpcValues.Data(bytes.AsSpan(0, SelectorLength));
        return new RevertInfo(RevertKind.CustomError, bytes, null, null, selector, KnownErrorNames.GetValueOrDefault(selector));
    }

    private static RevertInfo Malformed(byte[] bytes) => new(RevertKind.Malformed, bytes, null, null, null, null);

    private static bool TryReadWord(ReadOnlySpan<byte> args, int at, out ulong value)
    {
        value = 0;
        if (at < 0 || args.Length - at < WordLength) return false;
        var word = args.Slice(at, WordLength);
        // Offsets and lengths are uint256; anything above 64 bits cannot be a real position.
        if (word[..(WordLength - sizeof(ulong))].IndexOfAnyExcept((byte)0) >= 0) return false;
        value = BinaryPrimitives.ReadUInt64BigEndian(word[(WordLength - sizeof(ulong))..]);
        return true;
    }

    private static byte[]? TryHex(string? data)
    {
        if (data is null || !data.StartsWith("0x", StringComparison.Ordinal) || data.Length % 2 != 0) return null;
        try
        {
            return Convert.FromHexString(data.AsSpan(2));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

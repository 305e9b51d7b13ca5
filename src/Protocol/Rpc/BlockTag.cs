using System.Globalization;

namespace BlockhostBroker.Protocol.Rpc;

/// <summary>A block selector for JSON-RPC: a number or one of the named tags ("latest", "pending", …).</summary>
public readonly record struct BlockTag
{
    private readonly string? name;
    private readonly long number;

    private BlockTag(string? name, long number)
    {
        this.name = name;
        this.number = number;
    }

    /// <summary>The most recent mined block.</summary>
    public static BlockTag Latest { get; } = new("latest", 0);

    /// <summary>The pending state: mined plus the node's mempool (for nonces of in-flight transactions).</summary>
    public static BlockTag Pending { get; } = new("pending", 0);

    /// <summary>The genesis block.</summary>
    public static BlockTag Earliest { get; } = new("earliest", 0);

    /// <summary>The most recent safe block (post-merge chains).</summary>
    public static BlockTag Safe { get; } = new("safe", 0);

    /// <summary>The most recent finalized block (post-merge chains).</summary>
    public static BlockTag Finalized { get; } = new("finalized", 0);

    /// <summary>The block with this number.</summary>
    public static BlockTag Number(long blockNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blockNumber);
        return new BlockTag(null, blockNumber);
    }

    /// <summary>The block number when this tag names one, otherwise null.</summary>
    public long? BlockNumber => name is null ? number : null;

    /// <summary>A block number converts to its tag.</summary>
    public static implicit operator BlockTag(long blockNumber) => Number(blockNumber);

    /// <summary>The JSON-RPC form: a tag name or a hex quantity.</summary>
    public override string ToString() => name ?? "0x" + number.ToString("x", CultureInfo.InvariantCulture);
}

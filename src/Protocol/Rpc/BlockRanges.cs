namespace BlockhostBroker.Protocol.Rpc;

/// <summary>Splits a block range into bounded chunks for eth_getLogs (nodes refuse or time out on wide ranges).</summary>
public static class BlockRanges
{
    /// <summary>The inclusive ranges covering <paramref name="fromBlock"/>..<paramref name="toBlock"/>, each at most <paramref name="maxBlocks"/> long; empty when from &gt; to.</summary>
    public static IEnumerable<(long From, long To)> Split(long fromBlock, long toBlock, long maxBlocks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromBlock);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlocks, 1);
        for (var start = fromBlock; start <= toBlock; )
        {
            var end = toBlock - start >= maxBlocks ? start + maxBlocks - 1 : toBlock;
            yield return (start, end);
            if (end == long.MaxValue) yield break;
            start = end + 1;
        }
    }
}

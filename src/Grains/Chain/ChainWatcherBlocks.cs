namespace BlockhostBroker.Grains.Chain;

/// <summary>An inclusive block range for one eth_getLogs call.</summary>
[GenerateSerializer, Immutable, Alias("BlockRange")]
public readonly record struct BlockRange([property: Id(0)] long From, [property: Id(1)] long To)
{
    /// <summary>Blocks in the range.</summary>
    public long Count => To - From + 1;
}

/// <summary>A block the watcher has read up to, with its hash then; a different hash now means a reorg.</summary>
[GenerateSerializer, Immutable, Alias("BlockCheckpoint")]
public sealed record BlockCheckpoint([property: Id(0)] long Block, [property: Id(1)] string Hash);

/// <summary>Confirmation, range and reorg arithmetic of the chain watcher, kept pure so it is tested without a cluster.</summary>
public static class ChainWatcherBlocks
{
    /// <summary>How many checkpoints the watcher keeps; a reorg deeper than all of them rewinds to before the oldest.</summary>
    public const int MaxCheckpoints = 32;

    /// <summary>The newest block buried under <paramref name="confirmations"/> blocks (0 = the head itself); -1 when none is.</summary>
    public static long SafeHead(long head, int confirmations)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(confirmations);
        return Math.Max(head - confirmations, -1);
    }

    /// <summary>The next range after <paramref name="cursor"/> (the last block read), at most <paramref name="maxRange"/> blocks and never past the safe head; null when caught up.</summary>
    public static BlockRange? NextRange(long cursor, long safeHead, int maxRange)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRange);
        var from = cursor + 1;
        if (from > safeHead) return null;
        return new BlockRange(from, Math.Min(safeHead, from + maxRange - 1));
    }

    /// <summary>Splits an inclusive range into consecutive ranges of at most <paramref name="maxRange"/> blocks.</summary>
    public static IEnumerable<BlockRange> Split(long from, long to, int maxRange)
    {
        for (var cursor = from - 1; NextRange(cursor, to, maxRange) is { } range; cursor = range.To)
            yield return range;
    }

    /// <summary>Appends a checkpoint, dropping the oldest beyond <see cref="MaxCheckpoints"/> and any at or after its block (a rewind left them behind).</summary>
    public static BlockCheckpoint[] Append(IReadOnlyList<BlockCheckpoint> checkpoints, BlockCheckpoint next)
    {
        var kept = checkpoints.Where(c => c.Block < next.Block).ToList();
        kept.Add(next);
        return [.. kept.Skip(Math.Max(0, kept.Count - MaxCheckpoints))];
    }

    /// <summary>
    /// After a reorg, finds where to resume: the newest checkpoint whose block still has the stored hash (asked
    /// newest first through <paramref name="currentHash"/>, which returns null for a block past the head). When
    /// none matches, resumes before the oldest checkpoint with no hash to compare.
    /// </summary>
    public static async Task<(long Cursor, BlockCheckpoint[] Checkpoints)> Rewind(
        IReadOnlyList<BlockCheckpoint> checkpoints, Func<long, Task<string?>> currentHash)
    {
        for (var i = checkpoints.Count - 1; i >= 0; i--)
        {
            var checkpoint = checkpoints[i];
            if (string.Equals(await currentHash(checkpoint.Block), checkpoint.Hash, StringComparison.OrdinalIgnoreCase))
                return (checkpoint.Block, [.. checkpoints.Take(i + 1)]);
        }
        var oldest = checkpoints.Count > 0 ? checkpoints[0].Block : 0;
        return (Math.Max(oldest - 1, -1), []);
    }
}

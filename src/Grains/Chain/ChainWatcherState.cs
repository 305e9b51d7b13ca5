namespace BlockhostBroker.Grains.Chain;

/// <summary>
/// The chain watcher's persisted cursor: the last block whose RequestSubmitted logs were handed on, and recent
/// checkpoints to detect reorgs. Field ids are fixed and never renumbered.
/// </summary>
[GenerateSerializer, Alias("ChainWatcherState")]
public sealed record ChainWatcherState
{
    /// <summary>False until the first poll placed the cursor.</summary>
    [Id(0)] public bool Initialized { get; init; }

    /// <summary>The last block read; -1 before block 0.</summary>
    [Id(1)] public long Cursor { get; init; } = -1;

    /// <summary>Blocks read up to with their hashes then, oldest first.</summary>
    [Id(2)] public BlockCheckpoint[] Checkpoints { get; init; } = [];

    /// <summary>RequestSubmitted logs handed on, re-deliveries included.</summary>
    [Id(3)] public long RequestsSeen { get; init; }

    /// <summary>Reorgs detected.</summary>
    [Id(4)] public long Reorgs { get; init; }
}

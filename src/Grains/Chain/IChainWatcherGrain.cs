namespace BlockhostBroker.Grains.Chain;

/// <summary>Where the watcher of one requests contract stands.</summary>
[GenerateSerializer, Immutable, Alias("WatcherStatus")]
public sealed record WatcherStatus(
    [property: Id(0)] long ChainHead,
    [property: Id(1)] long Cursor,
    [property: Id(2)] DateTimeOffset? LastPollAt,
    [property: Id(3)] long RequestsSeen,
    [property: Id(4)] long Reorgs,
    [property: Id(5)] string? LastError);

/// <summary>Reads RequestSubmitted logs of one requests contract (key "chainId:contract") and hands each request to its RequestGrain.</summary>
[Alias("IChainWatcherGrain")]
public interface IChainWatcherGrain : IGrainWithStringKey
{
    /// <summary>Activates the watcher and registers the reminder that keeps it alive on some silo.</summary>
    [Alias("Start")]
    Task Start();

    /// <summary>Runs one poll now: new confirmed logs, reorg check, cursor advance.</summary>
    [Alias("Poll")]
    Task Poll();

    /// <summary>Head, cursor and counters.</summary>
    [Alias("GetStatus")]
    Task<WatcherStatus> GetStatus();
}

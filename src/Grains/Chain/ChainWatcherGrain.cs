using BlockhostBroker.Grains.Requests;
using BlockhostBroker.Protocol.Rpc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlockhostBroker.Grains.Chain;

/// <summary>
/// Watches one requests contract (key "chainId:contract"): reads RequestSubmitted logs from a persisted cursor in
/// bounded ranges once they have enough confirmations, rewinds on reorgs, and hands each request to its
/// RequestGrain. On every activation, every reminder tick, after a failed hand-over and when a silo left the cluster,
/// it also catches up from getPendingRequests so nothing submitted earlier or left mid-flight waits. The reminder
/// keeps it active on some silo; a timer polls.
/// </summary>
public sealed partial class ChainWatcherGrain(
    [PersistentState("watcher", StorageNames.Broker)] IPersistentState<ChainWatcherState> store,
    IOptions<RequestWorkflowOptions> options,
    IEthereumRpc rpc,
    IClusterMembershipService membership,
    TimeProvider clock,
    ILogger<ChainWatcherGrain> logger) : Grain, IChainWatcherGrain, IRemindable
{
    private const string ReminderName = "watcher-keepalive";
    // Bounds one poll's work so the grain stays responsive while it catches up a long way.
    private const int MaxRangesPerPoll = 10;
    private const int MaxConcurrentDeliveries = 16;
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private readonly RequestWorkflowOptions _options = options.Value;
    private readonly SiloDepartures _departures = new();
    private ContractKey _key = null!;
    private ChainWatcherReader _reader = null!;
    private bool _catchUpDue = true;
    private long _head = -1;
    private DateTimeOffset? _lastPollAt;
    private string? _lastError;

    private ChainWatcherState State => store.State;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = ContractKey.Parse(this.GetPrimaryKeyString());
        if (_key != _options.WatcherKey)
            throw new InvalidGrainKeyException(_key.ToString(), $"the configured contract {_options.WatcherKey}");
        _reader = new ChainWatcherReader(rpc, _key.Contract, e => LogUndecodable(e, _key.ToString(), e.Log.BlockNumber));
        _catchUpDue = true;
        this.RegisterGrainTimer(PollOnTimer, new GrainTimerCreationOptions(TimeSpan.Zero, _options.PollInterval) { KeepAlive = true });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task Start()
    {
        await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
        LogStarted(_key.ToString());
    }

    /// <inheritdoc />
    public async Task Poll()
    {
        _lastPollAt = clock.GetUtcNow();
        // A dead silo's requests wait for their reminders unless woken; the pending list wakes them all now.
        if (_departures.Observe(ActiveSilos()))
            _catchUpDue = true;
        if (_catchUpDue)
            await CatchUpFromPending();
        await FollowLogs();
        _lastError = null;
    }

    /// <inheritdoc />
    public Task<WatcherStatus> GetStatus() =>
        Task.FromResult(new WatcherStatus(_head, State.Cursor, _lastPollAt, State.RequestsSeen, State.Reorgs, _lastError));

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The pending list is the safety net for hand-overs that failed or timed out; the next poll uses it.
        _catchUpDue = true;
        return Task.CompletedTask;
    }

    private async Task PollOnTimer(CancellationToken cancellationToken)
    {
        try
        {
            await Poll();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            _lastError = $"{error.GetType().Name}: {error.Message}";
            LogPollFailed(error, _key.ToString());
        }
    }

    private IEnumerable<SiloAddress> ActiveSilos() =>
        membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress);

    private async Task CatchUpFromPending()
    {
        // Read at the safe head, as the logs are: a request in a block without enough confirmations may vanish in a reorg.
        var safeHead = ChainWatcherBlocks.SafeHead(await rpc.GetBlockNumberAsync(), _options.Confirmations);
        var pending = safeHead < 0 ? [] : await _reader.ReadPending(safeHead);
        _catchUpDue = !await Deliver(pending);
        LogCaughtUp(_key.ToString(), pending.Count);
    }

    private async Task FollowLogs()
    {
        _head = await rpc.GetBlockNumberAsync();
        if (!State.Initialized)
            await PlaceCursor(_head);
        await DetectReorg(_head);
        var safeHead = ChainWatcherBlocks.SafeHead(_head, _options.Confirmations);
        for (var i = 0; i < MaxRangesPerPoll && ChainWatcherBlocks.NextRange(State.Cursor, safeHead, _options.MaxBlockRange) is { } range; i++)
        {
            if (!await ReadRange(range))
                break;
        }
    }

    // First start: from the configured block, else from the safe head (older requests come from the pending list).
    private async Task PlaceCursor(long head)
    {
        var cursor = _options.StartBlock is { } start ? start - 1 : ChainWatcherBlocks.SafeHead(head, _options.Confirmations);
        var checkpoints = cursor >= 0 && await _reader.HashAt(cursor) is { } hash ? [new BlockCheckpoint(cursor, hash)] : Array.Empty<BlockCheckpoint>();
        await Write(State with { Initialized = true, Cursor = cursor, Checkpoints = checkpoints });
    }

    private async Task DetectReorg(long head)
    {
        if (State.Checkpoints.Length == 0)
            return;
        var last = State.Checkpoints[^1];
        var now = last.Block <= head ? await _reader.HashAt(last.Block) : null;
        if (string.Equals(now, last.Hash, StringComparison.OrdinalIgnoreCase))
            return;
        var (cursor, kept) = await ChainWatcherBlocks.Rewind(State.Checkpoints, _reader.HashAt);
        LogReorg(_key.ToString(), last.Block, last.Hash, now, cursor);
        await Write(State with { Cursor = cursor, Checkpoints = kept, Reorgs = State.Reorgs + 1 });
    }

    // Reads one range and hands its requests on; false when the chain changed under the read (tried again next poll).
    private async Task<bool> ReadRange(BlockRange range)
    {
        var hash = await _reader.HashAt(range.To);
        if (hash is null)
            return false;
        var requests = await _reader.Read(range);
        if (!string.Equals(await _reader.HashAt(range.To), hash, StringComparison.OrdinalIgnoreCase))
            return false;
        if (!await Deliver(requests))
            _catchUpDue = true;
        await Write(State with
        {
            Cursor = range.To,
            Checkpoints = ChainWatcherBlocks.Append(State.Checkpoints, new BlockCheckpoint(range.To, hash)),
            RequestsSeen = State.RequestsSeen + requests.Count,
        });
        return true;
    }

    // True when every request was handed on. A failed hand-over (its grain's silo died, storage was down) makes the
    // next poll catch up from the pending list, instead of waiting up to a reminder period for it.
    private async Task<bool> Deliver(IReadOnlyList<SeenRequest> requests)
    {
        if (requests.Count == 0)
            return true;
        var failures = await ChainWatcherDelivery.DeliverAsync(
            requests, r => GrainFactory.GetGrain<IRequestGrain>(new RequestKey(_key, r.RequestId).ToString()).Seen(r),
            MaxConcurrentDeliveries, DeliveryTimeout, clock);
        foreach (var failure in failures)
            LogDeliveryFailed(failure.Error, _key.ToString(), failure.Item.RequestId);
        return failures.Count == 0;
    }

    private async Task Write(ChainWatcherState next)
    {
        store.State = next;
        await store.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chain watcher {Watcher} started")]
    private partial void LogStarted(string watcher);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chain watcher {Watcher} caught up with {Count} pending requests")]
    private partial void LogCaughtUp(string watcher, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain watcher {Watcher}: poll failed; the next poll retries")]
    private partial void LogPollFailed(Exception error, string watcher);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain watcher {Watcher}: reorg at block {Block} (hash {Stored} is now {Current}); rewound to {Cursor}")]
    private partial void LogReorg(string watcher, long block, string stored, string? current, long cursor);

    [LoggerMessage(Level = LogLevel.Error, Message = "Chain watcher {Watcher}: a RequestSubmitted log in block {Block} does not decode; skipped")]
    private partial void LogUndecodable(Exception error, string watcher, long block);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain watcher {Watcher}: request {RequestId} not handed on; the next poll's pending catch-up retries it")]
    private partial void LogDeliveryFailed(Exception error, string watcher, long requestId);
}

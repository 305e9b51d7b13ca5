using BlockhostBroker.Grains.Chain;
using BlockhostBroker.Protocol.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlockhostBroker.Grains.Requests;

/// <summary>
/// One on-chain request (key "chainId:contract:requestId"): a persisted state machine from Seen to Confirmed or
/// Expired. Each step's outcome is written before the next begins, so any activation resumes where the last one
/// stopped. A reminder retries while the request is unfinished; a grain timer retries sooner with backoff.
/// </summary>
public sealed partial class RequestGrain(
    [PersistentState("request", StorageNames.Broker)] IPersistentState<RequestState> store,
    IOptions<RequestWorkflowOptions> options,
    RequestChainReader chain,
    [FromKeyedServices(RequestWorkflowServices.EciesKey)] Secp256k1KeyPair eciesKey,
    TimeProvider clock,
    ILogger<RequestGrain> logger) : Grain, IRequestGrain, IRemindable
{
    private const string ReminderName = "request-retry";
    private readonly RequestWorkflowOptions _options = options.Value;
    private RequestKey _key = null!;
    private IGrainTimer? _retryTimer;
    private int _failures;
    private string? _lastError;
    private bool _reminderKnown;
    private bool _finishedHere;

    private RequestState State => store.State;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = RequestKey.Parse(this.GetPrimaryKeyString());
        // A new activation (after a crash, a move or idle collection) continues at once instead of at the next reminder tick.
        if (State.Status != RequestStatus.None && !State.Status.IsFinal())
            ScheduleRetry(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task Seen(SeenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestId != _key.RequestId)
            throw new ArgumentException($"request {request.RequestId} handed to the grain of request {_key.RequestId}", nameof(request));
        if (State.Status == RequestStatus.None)
        {
            await Write(RequestMachine.Seen(State, request, clock.GetUtcNow()));
            LogSeen(_key.ToString(), request.Requester, request.NftContract);
        }
        // Seen again (re-delivery, catch-up after a restart) is a wake-up call, never a second request.
        if (!State.Status.IsFinal())
        {
            await EnsureReminder();
            ScheduleRetry(TimeSpan.Zero);
        }
    }

    /// <inheritdoc />
    public async Task<RequestStatus> Advance()
    {
        if (State.Status == RequestStatus.None || State.Status.IsFinal())
            return await Finish();
        try
        {
            await EnsureReminder();
            var wait = await RunSteps();
            _failures = 0;
            _lastError = null;
            if (wait is { } delay)
                ScheduleRetry(delay);
        }
        catch (Exception error) when (error is not InvalidRequestTransitionException)
        {
            // Chain, wallet, pool and WireGuard failures are retried, never turned into a rejection.
            _failures++;
            _lastError = $"{error.GetType().Name}: {error.Message}";
            var delay = RequestTiming.Backoff(_failures);
            LogStepFailed(error, _key.ToString(), State.Status, _failures, delay.TotalSeconds);
            ScheduleRetry(delay);
        }
        return await Finish();
    }

    /// <inheritdoc />
    public Task<RequestSnapshot> GetSnapshot() => Task.FromResult(RequestMachine.ToSnapshot(State, _key.RequestId, _lastError));

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _reminderKnown = true;
        return Advance();
    }

    // Runs steps until the request is final or a step has to wait; returns how long to wait, or null when final.
    private async Task<TimeSpan?> RunSteps()
    {
        while (!State.Status.IsFinal())
        {
            var wait = await Step();
            if (wait is not null)
                return wait;
        }
        return null;
    }

    private Task<TimeSpan?> Step() => State.Status switch
    {
        RequestStatus.Seen => Decrypt(),
        RequestStatus.Decrypted => Verify(),
        RequestStatus.Verified => Allocate(),
        RequestStatus.Allocated => ApplyPeer(),
        RequestStatus.PeerApplied or RequestStatus.Rejected => BuildResponse(),
        RequestStatus.ResponseBuilt => Submit(),
        RequestStatus.Submitted => CheckTransaction(),
        var other => throw new InvalidRequestTransitionException(other, other),
    };

    private async Task<RequestStatus> Finish()
    {
        if (State.Status.IsFinal() && !_finishedHere)
        {
            _retryTimer?.Dispose();
            _retryTimer = null;
            if (await this.GetReminder(ReminderName) is { } reminder)
                await this.UnregisterReminder(reminder);
            _reminderKnown = false;
            _finishedHere = true;
        }
        return State.Status;
    }

    // Registered once per activation while unfinished, so a crash between the Seen write and the registration heals.
    private async Task EnsureReminder()
    {
        if (_reminderKnown)
            return;
        await this.RegisterOrUpdateReminder(ReminderName, RequestTiming.ReminderPeriod, RequestTiming.ReminderPeriod);
        _reminderKnown = true;
    }

    private void ScheduleRetry(TimeSpan delay)
    {
        _retryTimer?.Dispose();
        _retryTimer = this.RegisterGrainTimer(
            async _ => await Advance(), new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task Write(RequestState next)
    {
        var from = State.Status;
        store.State = next;
        await store.WriteStateAsync();
        if (next.Status != from)
            LogTransition(_key.ToString(), from, next.Status, next.History.LastOrDefault()?.Note);
    }

    private IOperatorWalletGrain Wallet => GrainFactory.GetGrain<IOperatorWalletGrain>(_options.WalletKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {Request} seen from {Requester} for {NftContract}")]
    private partial void LogSeen(string request, string requester, string nftContract);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {Request} in {Status}: step failed (attempt {Failures}); retrying in {DelaySeconds} s")]
    private partial void LogStepFailed(Exception error, string request, RequestStatus status, int failures, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {Request}: {From} -> {To} {Note}")]
    private partial void LogTransition(string request, RequestStatus from, RequestStatus to, string? note);
}

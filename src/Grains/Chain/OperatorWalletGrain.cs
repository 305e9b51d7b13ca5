using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;
using Microsoft.Extensions.Logging;

namespace BlockhostBroker.Grains.Chain;

/// <summary>
/// The operator's wallet on one chain (key "chainId:address"), the only assigner of its nonces. Submit signs an
/// intent offline with the next nonce, stores the signed transaction, then broadcasts it and returns at once, so
/// many transactions are in flight together. A timer follows receipts, re-broadcasts what the node lost, replaces
/// what is stuck and re-signs intents whose nonce another transaction took; a reminder brings the grain back
/// while anything is in flight. Finished entries are kept as <see cref="WalletHistory"/> describes.
/// </summary>
public sealed partial class OperatorWalletGrain(
    [PersistentState("wallet", StorageNames.Broker)] IPersistentState<WalletState> state,
    OperatorWalletRegistry registry,
    TimeProvider time,
    ILogger<OperatorWalletGrain> logger) : Grain, IOperatorWalletGrain, IRemindable
{
    /// <summary>The reminder that reactivates the wallet while transactions are in flight.</summary>
    public const string InFlightReminder = "operator-wallet-in-flight";

    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    private const int BusyRetryPolls = 5;

    private OperatorAccount account = null!;
    private bool reminderRegistered;

    private WalletState State => state.State;
    private WalletOptions Options => account.Options;
    private IEthereumRpc Rpc => account.Rpc;
    private string Address => account.Key.Address;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        account = registry.Get(WalletKey.Parse(this.GetPrimaryKeyString()));
        await CheckChainId(cancellationToken);
        await TrySyncNonce(cancellationToken);
        this.RegisterGrainTimer(FollowOnTimer, new GrainTimerCreationOptions(TimeSpan.Zero, Options.PollInterval) { KeepAlive = true });
        if (InFlight().Any())
            await EnsureReminder();
        LogActivated(account.Key.ToString(), State.NextNonce, InFlight().Count());
    }

    /// <inheritdoc />
    public async Task<TxStatus> Submit(TxIntent intent)
    {
        TxIntentRules.Validate(intent);
        if (State.Transactions.TryGetValue(intent.Key, out var known))
            return known.ToStatus();
        if (Busy(intent) is { } deferred)
            return deferred;
        var estimate = await Estimate(intent);
        if (estimate.Reverted is { } reverted)
            return reverted;
        if (OverBudget(intent, estimate.GasLimit) is { } overBudget)
            return overBudget;

        var tx = new WalletTx { Intent = intent, CreatedAt = time.GetUtcNow(), GasLimit = estimate.GasLimit };
        if (intent.Purpose == TxPurpose.Rejection)
            State.RejectionSpends.Add(new RejectionSpend(intent.Key, intent.Requester, tx.CreatedAt, estimate.GasLimit));
        await SendNew(tx);
        return tx.ToStatus();
    }

    /// <inheritdoc />
    public Task<TxStatus> GetStatus(string key) =>
        Task.FromResult(key is not null && State.Transactions.TryGetValue(key, out var tx) ? tx.ToStatus() : new TxStatus.Unknown());

    /// <inheritdoc />
    public Task<WalletSnapshot> GetSnapshot()
    {
        var hourAgo = time.GetUtcNow() - RejectionBudget.Window;
        var gasLastHour = State.Transactions.Values
            .Where(t => t.Receipt is not null && t.FinishedAt > hourAgo)
            .Sum(t => t.Receipt!.GasUsed);
        return Task.FromResult(new WalletSnapshot(Address, State.NextNonce, InFlight().Count(), gasLastHour, State.TransactionsMined));
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The activation's timer does the work; the reminder only brings the grain back after a silo failure.
        if (reminderName == InFlightReminder && !InFlight().Any())
            await StopReminder();
    }

    private IEnumerable<WalletTx> InFlight() => State.Transactions.Values.Where(t => t.Phase == WalletTxPhase.InFlight);

    /// <summary>The checks that need no gas estimate: the in-flight limit, the requester's hourly limit, a spent budget.</summary>
    private TxStatus.Deferred? Busy(TxIntent intent)
    {
        var now = time.GetUtcNow();
        var inFlight = InFlight().Count();
        if (inFlight >= Options.MaxInFlight)
            return new TxStatus.Deferred($"{inFlight} transactions in flight (onchain.max_in_flight)", now + Options.PollInterval * BusyRetryPolls);
        if (intent.Purpose != TxPurpose.Rejection)
            return null;
        State.RejectionSpends = RejectionBudget.InWindow(State.RejectionSpends, now);
        if (RejectionBudget.RequesterRetryAfter(State.RejectionSpends, intent.Requester, Options.RejectionsPerRequesterPerHour, now) is { } later)
            return new TxStatus.Deferred($"requester {intent.Requester} reached {Options.RejectionsPerRequesterPerHour} rejections per hour (onchain.rejections_per_requester_per_hour)", later);
        return OverBudget(intent, gas: 0);
    }

    /// <summary>Whether a rejection of <paramref name="gas"/> would overspend the hourly rejection gas budget.</summary>
    private TxStatus.Deferred? OverBudget(TxIntent intent, long gas)
    {
        var now = time.GetUtcNow();
        if (intent.Purpose != TxPurpose.Rejection
            || RejectionBudget.GasRetryAfter(State.RejectionSpends, gas, Options.RejectionGasBudgetPerHour, now) is not { } after)
            return null;
        return new TxStatus.Deferred($"rejection gas budget of {Options.RejectionGasBudgetPerHour} per hour is spent (onchain.rejection_gas_budget_per_hour)", after);
    }

    private async Task<(long GasLimit, TxStatus.Reverted? Reverted)> Estimate(TxIntent intent)
    {
        try
        {
            var gas = await Rpc.EstimateGasAsync(new CallRequest(intent.To, intent.Data, From: Address));
            return (WalletMath.GasLimit(gas), null);
        }
        catch (ContractRevertException e)
        {
            var reason = e.Reason ?? e.Revert.ToString();
            LogReverted(intent.Key, reason);
            return (0, new TxStatus.Reverted(reason));
        }
    }

    private async Task CheckChainId(CancellationToken cancellationToken)
    {
        long nodeChainId;
        try
        {
            nodeChainId = await Rpc.GetChainIdAsync(cancellationToken);
        }
        catch (EthereumRpcException e)
        {
            LogNodeUnreachable(e, Rpc.Url.ToString());
            return;
        }
        if (nodeChainId != Options.ChainId)
            throw new WalletConfigurationException(
                $"onchain.chain_id is {Options.ChainId} but the node at onchain.rpc_url ({Rpc.Url}) serves chain {nodeChainId}");
    }

    private async Task EnsureReminder()
    {
        if (reminderRegistered) return;
        await this.RegisterOrUpdateReminder(InFlightReminder, ReminderPeriod, ReminderPeriod);
        reminderRegistered = true;
    }

    private async Task StopReminder()
    {
        if (await this.GetReminder(InFlightReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
        reminderRegistered = false;
    }
}

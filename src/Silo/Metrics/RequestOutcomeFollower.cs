using System.Numerics;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Silo.Api;
using BlockhostBroker.Silo.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using static BlockhostBroker.Protocol.Contracts.BrokerRequests;

namespace BlockhostBroker.Silo.Metrics;

/// <summary>
/// Feeds <see cref="RequestOutcomes"/> from the requests contract's own events, the ground truth of what the broker
/// answered: ResponseSubmitted (approved or rejected) and RequestExpired, with latency from the matching
/// RequestSubmitted block and the request's submittedAt/respondedAt. It starts at the head when the silo starts,
/// so counters cover this silo's lifetime, as Prometheus counters do. In a fleet every silo reports the same
/// chain-wide numbers: aggregate with max(), not sum().
/// </summary>
public sealed class RequestOutcomeFollower(
    BrokerTargets targets, IEthereumRpc rpc, RequestOutcomes outcomes, TimeProvider clock, ILogger<RequestOutcomeFollower> logger) : BackgroundService
{
    private const int MaxRemembered = 100_000;
    private readonly Dictionary<BigInteger, long> _submittedBlock = [];
    private long? _cursor;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!targets.OnChain)
            return;
        var interval = targets.Config.Workflow.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FollowAsync(stoppingToken);
            }
            catch (Exception error) when (error is EthereumRpcException or ContractRevertException or EventDecodingException)
            {
                HostLog.OutcomeFollowFailed(logger, error);
            }
            await Task.Delay(interval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Reads every block from the cursor to the head, in ranges of [onchain] max_block_range.</summary>
    public async Task FollowAsync(CancellationToken cancellationToken)
    {
        var head = await rpc.GetBlockNumberAsync(cancellationToken);
        _cursor ??= head;
        var range = targets.Config.Workflow.MaxBlockRange;
        while (_cursor < head)
        {
            var from = _cursor.Value + 1;
            var to = Math.Min(head, from + range - 1);
            var filter = new LogFilter(from, to, [targets.RequestsContract],
                [new[] { EventLogs.SignatureTopic<RequestSubmittedEvent>(), EventLogs.SignatureTopic<ResponseSubmittedEvent>(), EventLogs.SignatureTopic<RequestExpiredEvent>() }]);
            var logs = await rpc.GetLogsAsync(filter, cancellationToken);
            foreach (var log in logs.Where(l => !l.Removed).OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex))
                await HandleAsync(log, cancellationToken);
            _cursor = to;
        }
    }

    private async Task HandleAsync(LogEntry log, CancellationToken cancellationToken)
    {
        if (EventLogs.Is<RequestSubmittedEvent>(log))
        {
            if (_submittedBlock.Count >= MaxRemembered)
                _submittedBlock.Clear(); // only latency in blocks of the oldest unanswered requests is lost
            _submittedBlock[EventLogs.Decode<RequestSubmittedEvent>(log).RequestId] = log.BlockNumber;
        }
        else if (EventLogs.Is<ResponseSubmittedEvent>(log))
        {
            var response = EventLogs.Decode<ResponseSubmittedEvent>(log);
            var outcome = response.Status == BrokerRequests.RequestStatus.Approved ? RequestOutcome.Approved : RequestOutcome.Rejected;
            long? blocks = _submittedBlock.Remove(response.RequestId, out var submitted) ? log.BlockNumber - submitted : null;
            var request = await new BrokerRequestsService(rpc, targets.RequestsContract).GetRequestAsync(response.RequestId, cancellationToken: cancellationToken);
            outcomes.Record(outcome, blocks, (double)(request.RespondedAt - request.SubmittedAt));
        }
        else if (EventLogs.Is<RequestExpiredEvent>(log))
        {
            _submittedBlock.Remove(EventLogs.Decode<RequestExpiredEvent>(log).RequestId);
            outcomes.Record(RequestOutcome.Expired, null, null);
        }
    }
}

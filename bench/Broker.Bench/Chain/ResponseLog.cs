using System.Numerics;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;
using static BlockhostBroker.Protocol.Contracts.BrokerRequests;

namespace BlockhostBroker.Bench.Chain;

/// <summary>One on-chain answer: the block of its ResponseSubmitted log, approved or not, and when this program saw it.</summary>
public sealed record Answer(long RequestId, long Block, bool Approved, DateTime SeenAtUtc);

/// <summary>Reads a BrokerRequests contract's ResponseSubmitted logs: who was answered, in which block, and how often.</summary>
public sealed class ResponseLog(IEthereumRpc rpc, string requestsContract)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>Every ResponseSubmitted log from <paramref name="fromBlock"/> to the head, oldest first.</summary>
    public async Task<IReadOnlyList<Answer>> ReadAsync(long fromBlock, params long[] requestIds)
    {
        var head = await rpc.GetBlockNumberAsync();
        if (head < fromBlock) return [];
        object? ids = requestIds.Length == 0 ? null : requestIds.Select(i => (object)new BigInteger(i)).ToArray();
        var logs = await rpc.GetLogsAsync(EventLogs.Filter<ResponseSubmittedEvent>(requestsContract, fromBlock, head, ids));
        var seen = DateTime.UtcNow;
        return [.. EventLogs.DecodeAll<ResponseSubmittedEvent>(logs).Select(d =>
            new Answer((long)d.Event.RequestId, d.Log.BlockNumber, d.Event.Status == RequestStatus.Approved, seen))];
    }

    /// <summary>Polls until every request has an answer; returns the first answer of each. Throws after the timeout.</summary>
    public async Task<IReadOnlyDictionary<long, Answer>> WaitForAllAsync(IReadOnlyCollection<long> requestIds, long fromBlock, TimeSpan timeout)
    {
        var wanted = requestIds.ToHashSet();
        var answers = new Dictionary<long, Answer>();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var missing = requestIds.Where(id => !answers.ContainsKey(id)).ToArray();
            if (missing.Length == 0) return answers;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{missing.Length} of {requestIds.Count} requests unanswered after {timeout} (first: {missing[0]})");
            // A filter on a few ids is cheap; for many, read everything and pick.
            foreach (var answer in await ReadAsync(fromBlock, missing.Length <= 16 ? missing : []))
                if (wanted.Contains(answer.RequestId)) answers.TryAdd(answer.RequestId, answer);
            if (answers.Count < requestIds.Count) await Task.Delay(Poll);
        }
    }
}

using System.Diagnostics;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Keys;
using static BlockhostBroker.Protocol.Contracts.BrokerRequests;

namespace BlockhostBroker.EndToEnd.Tests.Fuzz;

/// <summary>
/// 1,000 fuzzed bad payloads submitted on-chain to the real daemon, good requests in between: each bad one is
/// rejected on-chain with the reason its category calls for, each good one approved, each answered exactly once,
/// and the daemon process never exits. The seed is printed so a failing mix can be replayed.
/// </summary>
public sealed class FuzzTests(FuzzBroker broker) : IClassFixture<FuzzBroker>
{
    private const int BadCount = 1000;
    private const int GoodEvery = 50;
    private const int SeedCount = 5;
    private const int TooLargeCount = 2;    // ~12 M gas each: 16 KiB stored on-chain
    private const int OwnerChangeCount = 10;
    private const int KeyInUseCount = 10;
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task Daemon_ThousandFuzzedBadPayloads_RejectsEachWithItsReasonAndKeepsApprovingGoodOnes()
    {
        var seed = Random.Shared.Next();
        var rng = new Random(seed);
        var fuzzer = new PayloadFuzzer(rng, broker.Daemon.EciesKey.PublicKey);
        var pid = broker.Daemon.ProcessId;
        var burst = new RequestBurst(broker.Chain, broker.Chain.Accounts[2], broker.Chain.Accounts[3]);
        var start = await broker.Chain.Rpc.GetBlockNumberAsync(TestContext.Current.CancellationToken);
        var clock = Stopwatch.StartNew();

        // Allocations whose WireGuard keys later requests reuse.
        var heldKeys = Enumerable.Range(0, SeedCount).Select(_ => WireGuardKeyPair.Generate().PublicKey).ToList();
        var seeds = await burst.SubmitAsync([.. heldKeys.Select(key => new BurstStep(nft => fuzzer.Good(nft, key)))]);
        await WaitAnsweredAsync(seeds, start);
        var seeded = clock.Elapsed;

        var requests = await burst.SubmitAsync(Plan(fuzzer, rng, heldKeys));
        var submitted = clock.Elapsed;
        var responses = await WaitAnsweredAsync(requests, start);
        var answered = clock.Elapsed;
        Report(seed, requests, burst.LastTimes, seeded, submitted, answered);

        var all = requests.Concat(seeds).ToList();
        var onChain = await ReadAllAsync(all);
        var wrong = all.Select((r, i) => Judge(r, onChain[i], responses.GetValueOrDefault(r.Id))).OfType<string>().ToList();
        Assert.True(wrong.Count == 0, $"seed {seed}: {wrong.Count} requests answered wrongly:\n{string.Join('\n', wrong.Take(40))}");
        Assert.True(broker.Daemon.IsRunning, $"the daemon exited:\n{broker.Daemon.RecentOutput}");
        Assert.Equal(pid, broker.Daemon.ProcessId);
    }

    // The bad payloads in random order with a good request every GoodEvery, plus the fixed-count categories.
    private static List<BurstStep> Plan(PayloadFuzzer fuzzer, Random rng, IReadOnlyList<WireGuardKey> heldKeys)
    {
        var bad = new List<BurstStep>();
        bad.AddRange(Enumerable.Range(0, TooLargeCount).Select(_ => new BurstStep(fuzzer.TooLarge)));
        bad.AddRange(Enumerable.Range(0, OwnerChangeCount).Select(_ => new BurstStep(fuzzer.OwnerChanges, OwnerChanges: true)));
        bad.AddRange(Enumerable.Range(0, KeyInUseCount).Select(i => new BurstStep(nft => fuzzer.KeyInUse(nft, heldKeys[i % heldKeys.Count]))));
        bad.AddRange(Enumerable.Range(0, BadCount - bad.Count).Select(_ => new BurstStep(fuzzer.Next)));
        rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bad));
        var steps = new List<BurstStep>();
        for (var i = 0; i < bad.Count; i++)
        {
            if (i % GoodEvery == GoodEvery / 2)
                steps.Add(new BurstStep(fuzzer.Good));
            steps.Add(bad[i]);
        }
        return steps;
    }

    // Polls ResponseSubmitted logs until every request has one; mines a block per poll, as confirmations need a
    // block after the last request. Returns the number of responses per request id.
    private async Task<Dictionary<long, int>> WaitAnsweredAsync(IReadOnlyList<BurstRequest> requests, long fromBlock)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var cancel = TestContext.Current.CancellationToken;
            var head = await broker.Chain.Rpc.GetBlockNumberAsync(cancel);
            var logs = await broker.Chain.Rpc.GetLogsAsync(EventLogs.Filter<ResponseSubmittedEvent>(broker.Chain.Contracts.BrokerRequests, fromBlock, head), cancel);
            var counts = EventLogs.DecodeAll<ResponseSubmittedEvent>(logs).GroupBy(e => (long)e.Event.RequestId).ToDictionary(g => g.Key, g => g.Count());
            var open = requests.Count(r => !counts.ContainsKey(r.Id));
            if (open == 0)
                return counts;
            Assert.True(broker.Daemon.IsRunning, $"the daemon exited with {broker.Daemon.ExitCode}:\n{broker.Daemon.RecentOutput}");
            Assert.True(deadline.Elapsed < AnswerTimeout,
                $"{open} of {requests.Count} requests unanswered after {AnswerTimeout}, e.g. {string.Join(", ", requests.Where(r => !counts.ContainsKey(r.Id)).Take(10).Select(r => $"#{r.Id} {r.Payload.Category}"))}\n{broker.Daemon.RecentOutput}");
            await broker.Chain.MineAsync();
            await Task.Delay(500, cancel);
        }
    }

    // Null when the request was answered once, as its category calls for; otherwise what went wrong.
    private static string? Judge(BurstRequest request, BrokerRequests.Request onChain, int responses)
    {
        var expected = request.Payload.Reason is null ? RequestStatus.Approved : RequestStatus.Rejected;
        var reason = request.Payload.Reason ?? "";
        if (responses == 1 && onChain.Status == expected && onChain.RejectionReason == reason)
            return null;
        return $"#{request.Id} {request.Payload.Category}: expected {expected} \"{reason}\", got {onChain.Status} \"{onChain.RejectionReason}\" with {responses} responses";
    }

    // Every request as the contract holds it, a few reads at a time (one view returning all of them runs out of gas).
    private async Task<BrokerRequests.Request[]> ReadAllAsync(IReadOnlyList<BurstRequest> requests)
    {
        var reader = new ContractReader(broker.Chain.Rpc, broker.Chain.Contracts.BrokerRequests);
        var results = new BrokerRequests.Request[requests.Count];
        await Parallel.ForAsync(0, requests.Count, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken },
            async (i, cancel) => results[i] = (await reader.QueryDtoAsync<GetRequestFunction, GetRequestOutput>(
                new GetRequestFunction { RequestId = requests[i].Id }, cancellationToken: cancel)).Request);
        return results;
    }

    private static void Report(int seed, IReadOnlyList<BurstRequest> requests, (TimeSpan Deploying, TimeSpan Submitting) burst, TimeSpan seeded, TimeSpan submitted, TimeSpan answered)
    {
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"seed {seed}; {requests.Count} requests: " +
            string.Join(", ", requests.GroupBy(r => r.Payload.Category).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
        output?.WriteLine($"seed requests answered after {seeded.TotalSeconds:F1} s; burst: {burst.Deploying.TotalSeconds:F1} s deploying NFTs, " +
            $"{burst.Submitting.TotalSeconds:F1} s submitting, done at {submitted.TotalSeconds:F1} s; all answered at {answered.TotalSeconds:F1} s");
    }
}

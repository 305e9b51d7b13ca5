using BlockhostBroker.Grains.WireGuard;
using BlockhostBroker.Protocol.Payloads;
using BlockhostBroker.Silo.Api;
using BlockhostBroker.TestSupport.Broker;
using BlockhostBroker.TestSupport.Chain;
using OnChainStatus = BlockhostBroker.Protocol.Contracts.BrokerRequests.RequestStatus;

namespace BlockhostBroker.EndToEnd.Tests.Fleet;

/// <summary>
/// The PostgreSQL fleet under faults, at process level: a silo SIGKILLed during a burst, and the database restarted
/// under the fleet. Either way every request is answered on-chain exactly once, approved, with a prefix of its own,
/// and the interface's peers are exactly the allocations.
/// </summary>
public sealed class FleetTests(PostgresFleet fleet) : IClassFixture<PostgresFleet>
{
    private const int BurstSize = 30;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Burst_SiloWithoutTheInterfaceKilled_TheOtherTwoAnswerEveryRequestExactlyOnce()
    {
        await fleet.EnsureAllRunningAsync();
        // The harder case when possible: the silo running the chain watcher (its log lines show where it is active).
        var others = fleet.Silos.Where(s => s.Config.SiloName != PostgresFleet.HostSilo).ToList();
        var victim = others.FirstOrDefault(s => s.RecentOutput.Contains("Chain watcher", StringComparison.Ordinal)) ?? others[0];

        var requests = await SubmitBurstAsync(BurstSize);
        await WaitForAnsweredAsync(requests, atLeast: 1);
        await victim.KillAsync();
        await WaitForAnsweredAsync(requests, atLeast: requests.Length);

        await AssertAnsweredOnceWithOwnPrefixesAsync(requests);
        Assert.All(fleet.Silos.Where(s => s != victim), s => Assert.True(s.IsRunning, $"{s.Config.SiloName} died:\n{s.RecentOutput}"));
    }

    [Fact]
    public async Task Burst_PostgresRestartedUnderTheFleet_EveryRequestIsAnsweredExactlyOnceAndNoSiloCrashes()
    {
        await fleet.EnsureAllRunningAsync();

        var requests = await SubmitBurstAsync(BurstSize / 2);
        await fleet.Postgres.RestartAsync();
        await WaitForAnsweredAsync(requests, atLeast: requests.Length);

        await AssertAnsweredOnceWithOwnPrefixesAsync(requests);
        foreach (var silo in fleet.Silos)
        {
            Assert.True(silo.IsRunning, $"{silo.Config.SiloName} died:\n{silo.RecentOutput}");
            await silo.WaitUntilServingAsync(TimeSpan.FromSeconds(60));
        }
    }

    // Servers submit at once; the helper sends each transaction with the next pending nonce, so they share blocks.
    private async Task<SubmittedRequest[]> SubmitBurstAsync(int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => fleet.Server.SubmitValidAsync()));

    private async Task WaitForAnsweredAsync(IReadOnlyList<SubmittedRequest> requests, int atLeast)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var statuses = await Task.WhenAll(requests.Select(async r => (await fleet.Server.ReadAsync(r.Id)).Status));
            var answered = statuses.Count(s => s != OnChainStatus.Pending);
            if (answered >= atLeast)
                return;
            if (DateTime.UtcNow > until)
                Assert.Fail($"{answered} of {requests.Count} answered after {Deadline}:\n{fleet.RecentOutput()}");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }

    private async Task AssertAnsweredOnceWithOwnPrefixesAsync(IReadOnlyList<SubmittedRequest> requests)
    {
        var prefixes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var request in requests)
        {
            Assert.Equal(1, await fleet.Server.CountResponsesAsync(request.Id));
            var onChain = await fleet.Server.ReadAsync(request.Id);
            Assert.True(onChain.Status == OnChainStatus.Approved, $"request {request.Id}: {onChain.Status} {onChain.RejectionReason}");
            var response = PayloadOpener.OpenResponse(request.ServerKey, onChain.ResponsePayload);
            Assert.True(response.IsSuccess, response.ToString());
            prefixes[request.NftContract] = response.Value.Prefix.ToString();
        }
        Assert.Equal(requests.Count, prefixes.Values.Distinct().Count());

        var survivor = fleet.Silos.First(s => s.IsRunning);
        var allocations = await survivor.GetAsync<List<AllocationView>>("api/allocations") ?? [];
        Assert.Equal(allocations.Count, allocations.Select(a => a.Prefix).Distinct().Count());
        foreach (var (nft, prefix) in prefixes)
            Assert.Equal(prefix, Assert.Single(allocations, a => string.Equals(a.NftContract, nft, StringComparison.OrdinalIgnoreCase)).Prefix);
        await AssertPeersAreTheAllocationsAsync(allocations);
    }

    // Read from the interface itself, not from the broker's view of it.
    private async Task AssertPeersAreTheAllocationsAsync(IReadOnlyList<AllocationView> allocations)
    {
        var device = await new WgToolClient(fleet.Namespace.Name).GetDevice(fleet.Interface, TestContext.Current.CancellationToken);
        var peers = device.Peers.Select(p => (p.PublicKey, AllowedIps: string.Join(",", p.AllowedIps))).Order();
        var expected = allocations.Select(a => (PublicKey: a.WgPubkey, AllowedIps: a.Prefix)).Order();
        Assert.Equal(expected, peers);
    }
}

using BlockhostBroker.Grains.Chain;
using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Grains.Requests;
using BlockhostBroker.Grains.Tests.WireGuard;
using BlockhostBroker.Protocol.Payloads;
using BlockhostBroker.TestSupport.Chain;
using Orleans.Configuration;
using Orleans.Runtime.Placement;
using Orleans.TestingHost;
using OnChainStatus = BlockhostBroker.Protocol.Contracts.BrokerRequests.RequestStatus;

namespace BlockhostBroker.Grains.Tests.Requests;

/// <summary>
/// Two silos sharing one SQLite file; Silo_0 holds the WireGuard interface and is never killed. Every test kills the
/// other silo (and starts a replacement), so the prefix pool and the wallet die with it whenever they lived there.
/// </summary>
public sealed class SiloKillFixture : IAsyncLifetime
{
    /// <summary>Where the tests stop a RequestGrain.</summary>
    internal StepGate Gate { get; } = new();

    /// <summary>The running workflow.</summary>
    public WorkflowCluster Cluster { get; private set; } = null!;

    /// <summary>The simulated Blockhost server.</summary>
    public RequestSubmitter Server { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        Cluster = await WorkflowCluster.StartAsync(watch: false, silos: 2, configureSilo: silo =>
        {
            Gate.AddTo(silo);
            // A killed silo is declared dead after two missed one-second probes instead of the production defaults.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
        });
        Server = new RequestSubmitter(Cluster.Chain, Cluster.BrokerKey.PublicKey);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Cluster?.DisposeAsync() ?? ValueTask.CompletedTask;
}

public sealed class RequestGrainSiloKillTests(SiloKillFixture fixture) : IClassFixture<SiloKillFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // Each point is the last thing the killed silo did for the request.
    private static readonly Dictionary<string, StepHold> Points = new()
    {
        ["Seen written"] = new StepHold.AfterWrite(RequestStatus.Seen),
        ["Decrypted written"] = new StepHold.AfterWrite(RequestStatus.Decrypted),
        ["Verified written"] = new StepHold.AfterWrite(RequestStatus.Verified),
        ["prefix allocated, not yet written"] = new StepHold.AfterCall(typeof(IPrefixPoolGrain), nameof(IPrefixPoolGrain.Allocate)),
        ["Allocated written"] = new StepHold.AfterWrite(RequestStatus.Allocated),
        ["PeerApplied written"] = new StepHold.AfterWrite(RequestStatus.PeerApplied),
        ["ResponseBuilt written"] = new StepHold.AfterWrite(RequestStatus.ResponseBuilt),
        ["response broadcast, not yet written"] = new StepHold.AfterCall(typeof(IOperatorWalletGrain), nameof(IOperatorWalletGrain.Submit)),
        ["Submitted written"] = new StepHold.AfterWrite(RequestStatus.Submitted),
    };

    public static TheoryData<string> PointNames => [.. Points.Keys];

    private WorkflowCluster Cluster => fixture.Cluster;

    private IPrefixPoolGrain Pool => Cluster.Grains.GetGrain<IPrefixPoolGrain>(PrefixPoolGrain.SingletonKey);

    [Theory]
    [MemberData(nameof(PointNames))]
    public async Task Seen_SiloKilledAtStepThenWokenOnAnotherSilo_IsAnsweredExactlyOnceWithOneAllocationAndItsPeer(string point)
    {
        var request = await fixture.Server.SubmitValidAsync();
        var seen = await fixture.Server.SeenAsync(request);
        var allocatedBefore = (await Pool.GetUsage()).Allocated;
        var grain = Cluster.Request(request.Id);
        var victim = Cluster.TestCluster.Silos.Single(s => s.Name != WireGuardTestCluster.PrimarySilo);
        var stopped = fixture.Gate.Arm(grain.GetPrimaryKeyString(), Points[point]);

        SeenOn(victim, grain, seen);
        Assert.Equal(victim.Name, await stopped.WaitAsync(Deadline, TestContext.Current.CancellationToken));
        // The grain is stuck inside a step's turn; its snapshot is still served (operators' `requests show`).
        var during = await grain.GetSnapshot().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.False(during.Status.IsFinal(), $"{during.Status} while the step is held");
        await KillAndReplace(victim);
        // The watcher's next catch-up hands the still-pending request over again.
        await WakeAsync(grain, seen);
        var snapshot = await Cluster.WaitFinalAsync(request.Id, Deadline);

        Assert.Equal(RequestStatus.Confirmed, snapshot.Status);
        Assert.Equal(1, await fixture.Server.CountResponsesAsync(request.Id));
        var onChain = await fixture.Server.ReadAsync(request.Id);
        Assert.Equal(OnChainStatus.Approved, onChain.Status);
        var response = PayloadOpener.OpenResponse(request.ServerKey, onChain.ResponsePayload);
        Assert.True(response.IsSuccess, response.ToString());
        var allocation = await Pool.Get(request.NftContract);
        Assert.Equal(response.Value.Prefix.ToString(), allocation?.Prefix);
        Assert.Equal(allocatedBefore + 1, (await Pool.GetUsage()).Allocated);
        var device = await Cluster.Gateway.Client.GetDevice(Cluster.WireGuard.Interface, TestContext.Current.CancellationToken);
        var peer = Assert.Single(device.Peers, p => p.PublicKey == request.WgKey.PublicKey.ToBase64());
        Assert.Equal([allocation!.Prefix], peer.AllowedIps);
    }

    // Activates the request's grain on the given silo (a placement hint for the first call) and hands it the request.
    private static void SeenOn(InProcessSiloHandle silo, IRequestGrain grain, SeenRequest seen)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo.SiloAddress);
        try
        {
            // The call may stay unanswered when its silo dies; that fault is expected and observed here.
            _ = grain.Seen(seen).ContinueWith(t => t.Exception, TaskScheduler.Default);
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    private async Task KillAndReplace(InProcessSiloHandle victim)
    {
        await Cluster.TestCluster.KillSiloAsync(victim, TestContext.Current.CancellationToken);
        await Cluster.TestCluster.WaitForLivenessToStabilizeAsync(didKill: true);
        await Cluster.TestCluster.StartAdditionalSiloAsync();
    }

    // Until the survivors have declared the dead silo dead, a call may still be routed to it and fail.
    private static async Task WakeAsync(IRequestGrain grain, SeenRequest seen)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            try
            {
                await grain.Seen(seen).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
                return;
            }
            catch (Exception error) when (error is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException && DateTime.UtcNow < until)
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
        }
    }
}

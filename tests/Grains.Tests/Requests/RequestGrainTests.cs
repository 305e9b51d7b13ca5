using System.Text;
using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Grains.Requests;
using BlockhostBroker.Protocol.Addressing;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Crypto;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Payloads;
using BlockhostBroker.TestSupport.Chain;
using OnChainStatus = BlockhostBroker.Protocol.Contracts.BrokerRequests.RequestStatus;

namespace BlockhostBroker.Grains.Tests.Requests;

/// <summary>One chain, gateway and silo for the RequestGrain tests; the watcher is not started, the tests hand requests over.</summary>
public sealed class RequestGrainFixture : IAsyncLifetime
{
    /// <summary>The running workflow.</summary>
    public WorkflowCluster Cluster { get; private set; } = null!;

    /// <summary>The simulated Blockhost server.</summary>
    public RequestSubmitter Server { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        Cluster = await WorkflowCluster.StartAsync(watch: false);
        Server = new RequestSubmitter(Cluster.Chain, Cluster.BrokerKey.PublicKey);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Cluster?.DisposeAsync() ?? ValueTask.CompletedTask;
}

public sealed class RequestGrainTests(RequestGrainFixture fixture) : IClassFixture<RequestGrainFixture>
{
    private const long DefaultExpirationSeconds = 24 * 60 * 60;
    private WorkflowCluster Cluster => fixture.Cluster;
    private RequestSubmitter Server => fixture.Server;

    [Fact]
    public async Task Seen_ValidRequest_IsApprovedWithResponseThatDecryptsToPrefixInsideUpstreamAndPeerIsOnInterface()
    {
        var request = await Server.SubmitValidAsync();

        await Cluster.Request(request.Id).Seen(await Server.SeenAsync(request));
        var snapshot = await Cluster.WaitFinalAsync(request.Id);

        var onChain = await Server.ReadAsync(request.Id);
        Assert.Equal((RequestStatus.Confirmed, OnChainStatus.Approved), (snapshot.Status, onChain.Status));
        var response = PayloadOpener.OpenResponse(request.ServerKey, onChain.ResponsePayload);
        Assert.True(response.IsSuccess, response.ToString());
        var prefix = Ipv6Prefix.Parse(response.Value.Prefix.ToString());
        Assert.True(Ipv6Prefix.Parse(Cluster.WireGuard.UpstreamPrefix).Contains(prefix));
        Assert.Equal((120, snapshot.Prefix), (prefix.Length, prefix.ToString()));
        var device = await Cluster.Gateway.Client.GetDevice(Cluster.WireGuard.Interface, TestContext.Current.CancellationToken);
        Assert.Equal(device.PublicKey, response.Value.BrokerPubkey.ToBase64());
        Assert.Equal(Cluster.WireGuard.Gateway, response.Value.Gateway);
        var peer = Assert.Single(device.Peers, p => p.PublicKey == request.WgKey.PublicKey.ToBase64());
        Assert.Equal([prefix.ToString()], peer.AllowedIps);
    }

    [Fact]
    public async Task Seen_PayloadSealedToAnotherKey_IsRejectedOnChainAsNotDecryptable()
    {
        var request = await Server.SubmitAsync((payload, _) => PayloadSealer.SealRequest(payload, Secp256k1KeyPair.Generate().PublicKey));

        var snapshot = await HandOverAndWait(request);

        await AssertRejectedOnChain(request, snapshot, PayloadReasons.NotDecryptable);
    }

    [Fact]
    public async Task Seen_PayloadWithBadWgPubkey_IsRejectedOnChainAsBadWgPubkey()
    {
        var request = await Server.SubmitAsync((payload, nft) => Ecies.Encrypt(Cluster.BrokerKey.PublicKey, Encoding.UTF8.GetBytes(
            $$"""{"wgPubkey":"bm90IGEga2V5","nftContract":"{{nft}}","serverPubkey":"{{payload.ServerPubkey.ToHex()}}"}""")));

        var snapshot = await HandOverAndWait(request);

        await AssertRejectedOnChain(request, snapshot, PayloadReasons.BadWgPubkey);
        await AssertNothingAllocated(request);
    }

    [Fact]
    public async Task Seen_NftOwnershipTransferredAfterSubmission_IsRejectedOnChainAsOwnerMismatch()
    {
        // submitRequest checked the owner; the broker checks again when it works on the request.
        var request = await Server.SubmitValidAsync();
        await Server.CallNftAsync(request.NftContract, ContractReader.Calldata(
            new Ownable.TransferOwnershipFunction { NewOwner = Cluster.Chain.Accounts[3].Address }));

        var snapshot = await HandOverAndWait(request);

        await AssertRejectedOnChain(request, snapshot, RejectionReasons.NftOwnerMismatch);
        await AssertNothingAllocated(request);
    }

    [Fact]
    public async Task Seen_NftStopsReportingErc721AfterSubmission_IsRejectedOnChainAsNotErc721()
    {
        var nft = await Server.DeployNftAsync("SwitchableNFT");
        var request = await Server.SubmitValidForAsync(nft);
        await Server.CallNftAsync(nft, ContractReader.Calldata(new SetReportsErc721Function { On = false }));

        var snapshot = await HandOverAndWait(request);

        await AssertRejectedOnChain(request, snapshot, RejectionReasons.NftNotErc721);
        await AssertNothingAllocated(request);
    }

    [Fact]
    public async Task Seen_DeliveredRepeatedly_IsAnsweredOnceAndSeenOnce()
    {
        var request = await Server.SubmitValidAsync();
        var seen = await Server.SeenAsync(request);
        var grain = Cluster.Request(request.Id);

        await Task.WhenAll(grain.Seen(seen), grain.Seen(seen), grain.Seen(seen));
        await Cluster.WaitFinalAsync(request.Id);
        await grain.Seen(seen);
        var status = await grain.Advance();

        Assert.Equal(RequestStatus.Confirmed, status);
        Assert.Equal(1, await Server.CountResponsesAsync(request.Id));
        var snapshot = await grain.GetSnapshot();
        Assert.Single(snapshot.History, h => h.Status == RequestStatus.Seen);
        Assert.Single(snapshot.History, h => h.Status == RequestStatus.Submitted);
    }

    [Fact]
    public async Task Seen_RequestAnsweredOnChainBeforeTheGrainKnewIt_IsConfirmedWithoutSecondAnswer()
    {
        // The operator answered already (as a grain whose state was lost would have); the new grain must not answer again.
        var request = await Server.SubmitValidAsync();
        var answer = ContractReader.Calldata(new BrokerRequests.SubmitResponseFunction { RequestId = request.Id, Approved = false, RejectionReason = "manual" });
        Assert.True((await Cluster.Chain.SendAsync(Cluster.Chain.Operator, Cluster.Chain.Contracts.BrokerRequests, answer)).Succeeded);

        var snapshot = await HandOverAndWait(request);

        Assert.Equal([RequestStatus.Seen, RequestStatus.Confirmed], snapshot.History.Select(h => h.Status));
        Assert.Null(snapshot.TxHash);
        Assert.Equal(1, await Server.CountResponsesAsync(request.Id));
        Assert.Equal("manual", (await Server.ReadAsync(request.Id)).RejectionReason);
    }

    [Fact]
    public async Task Seen_AfterExpiry_IsExpiredWithoutTransactionOrAllocation()
    {
        var request = await Server.SubmitValidAsync();
        await Cluster.Chain.IncreaseTimeAsync(DefaultExpirationSeconds + 1);

        var snapshot = await HandOverAndWait(request);

        Assert.Equal([RequestStatus.Seen, RequestStatus.Expired], snapshot.History.Select(h => h.Status));
        Assert.Equal(0, await Server.CountResponsesAsync(request.Id));
        Assert.Equal(OnChainStatus.Pending, (await Server.ReadAsync(request.Id)).Status);
    }

    [Fact]
    public async Task Submitted_RequestExpiresBeforeTheResponseIsMined_IsExpiredAndItsPrefixAndPeerAreReleased()
    {
        var request = await Server.SubmitValidAsync();
        var seen = await Server.SeenAsync(request);
        await SetAutomine(false);
        try
        {
            await Cluster.Request(request.Id).Seen(seen);
            await WaitForStatus(request.Id, RequestStatus.Submitted);
            // The response is mined only after the expiry, so it reverts with "Request expired".
            await Cluster.Chain.IncreaseTimeAsync(DefaultExpirationSeconds + 1);
        }
        finally
        {
            await SetAutomine(true);
        }

        var snapshot = await Cluster.WaitFinalAsync(request.Id);

        Assert.Equal(RequestStatus.Expired, snapshot.Status);
        Assert.Equal(0, await Server.CountResponsesAsync(request.Id));
        await AssertNothingAllocated(request);
    }

    private Task SetAutomine(bool on) => Cluster.Chain.Rpc.RequestAsync("evm_setAutomine", [on]);

    private async Task WaitForStatus(long requestId, RequestStatus status)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await Cluster.Request(requestId).GetSnapshot()).Status != status)
        {
            Assert.True(DateTime.UtcNow < until, $"request {requestId} never reached {status}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private async Task<RequestSnapshot> HandOverAndWait(SubmittedRequest request)
    {
        await Cluster.Request(request.Id).Seen(await Server.SeenAsync(request));
        return await Cluster.WaitFinalAsync(request.Id);
    }

    private async Task AssertNothingAllocated(SubmittedRequest request)
    {
        Assert.Null(await Cluster.Grains.GetGrain<IPrefixPoolGrain>(PrefixPoolGrain.SingletonKey).Get(request.NftContract));
        var device = await Cluster.Gateway.Client.GetDevice(Cluster.WireGuard.Interface, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(device.Peers, p => p.PublicKey == request.WgKey.PublicKey.ToBase64());
    }

    private async Task AssertRejectedOnChain(SubmittedRequest request, RequestSnapshot snapshot, string reason)
    {
        var onChain = await Server.ReadAsync(request.Id);
        Assert.Equal((RequestStatus.Confirmed, reason), (snapshot.Status, snapshot.RejectionReason));
        Assert.Equal((OnChainStatus.Rejected, reason), (onChain.Status, onChain.RejectionReason));
        Assert.Empty(onChain.ResponsePayload);
    }
}

/// <summary><c>setReportsErc721(bool)</c> of the SwitchableNFT test contract.</summary>
[Nethereum.ABI.FunctionEncoding.Attributes.Function("setReportsErc721")]
internal sealed class SetReportsErc721Function : Nethereum.Contracts.FunctionMessage
{
    /// <summary>False makes supportsInterface deny ERC721.</summary>
    [Nethereum.ABI.FunctionEncoding.Attributes.Parameter("bool", "on", 1)]
    public bool On { get; set; }
}

using System.Numerics;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.TestSupport.Chain;
using static BlockhostBroker.Protocol.Contracts.BrokerRequests;

namespace BlockhostBroker.Protocol.Tests.Contracts;

/// <summary>Every BrokerRequests function and view, called through our bindings against the forge-deployed contract on anvil.</summary>
[Collection(ChainCollection.Name)]
public sealed class BrokerRequestsChainTests(BrokerChain chain)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly BrokerRequestsService requests = new(chain.Rpc, chain.Contracts.BrokerRequests);
    private DevAccount Requester => chain.Accounts[2];
    private DevAccount Stranger => chain.Accounts[3];

    [Fact]
    public async Task SubmitRequest_FromNftOwner_IsReadableThroughEveryView()
    {
        var nft = await chain.DeployTestNftAsync(Requester.Address);
        var payload = ChainSteps.RandomPayload();

        var receipt = await chain.ExecuteAsync(Requester, requests.Address, new SubmitRequestFunction { NftContract = nft, EncryptedPayload = payload });

        var id = receipt.SingleEvent<RequestSubmittedEvent>().RequestId;
        var request = await requests.GetRequestAsync(id, cancellationToken: Ct);
        Assert.Equal((id, RequestStatus.Pending), (request.Id, request.Status));
        Assert.Equal(payload, request.EncryptedPayload);
        Assert.True(ChainSteps.SameAddress(Requester.Address, request.Requester) && ChainSteps.SameAddress(nft, request.NftContract));
        var record = await requests.GetRequestRecordAsync(id, cancellationToken: Ct);
        Assert.Equal((id, (byte)RequestStatus.Pending, request.SubmittedAt), (record.Id, record.StatusCode, record.SubmittedAt));
        Assert.Equal(payload, record.EncryptedPayload);
        Assert.Equal(id, await requests.GetRequestIdOfNftContractAsync(nft, cancellationToken: Ct));
        Assert.Equal(id, await requests.GetRequestCountAsync(cancellationToken: Ct));
        var mine = await requests.GetRequestsByRequesterAsync(Requester.Address, cancellationToken: Ct);
        Assert.Equal(id, mine[^1].Id);
        Assert.Equal(id, await requests.GetRequestIdOfRequesterAsync(Requester.Address, mine.Count - 1, cancellationToken: Ct));
        var pending = await requests.GetPendingRequestsAsync(cancellationToken: Ct);
        Assert.Equal(payload, pending.Pending[pending.Ids.IndexOf(id)].EncryptedPayload);
    }

    [Fact]
    public async Task SubmitResponse_ApprovedByOperator_StoresResponseAndEmitsEvent()
    {
        var id = await SubmitFreshRequestAsync();
        var response = ChainSteps.RandomPayload(90);

        var receipt = await chain.ExecuteAsync(chain.Operator, requests.Address,
            new SubmitResponseFunction { RequestId = id, Approved = true, EncryptedPayload = response, RejectionReason = "" });

        var ev = receipt.SingleEvent<ResponseSubmittedEvent>();
        Assert.Equal((id, RequestStatus.Approved), (ev.RequestId, ev.Status));
        Assert.Equal(response, ev.EncryptedPayload);
        var stored = await requests.GetRequestAsync(id, cancellationToken: Ct);
        Assert.Equal(RequestStatus.Approved, stored.Status);
        Assert.Equal(response, stored.ResponsePayload);
        Assert.True(stored.RespondedAt >= stored.SubmittedAt && stored.RespondedAt > 0);
        Assert.DoesNotContain(id, (await requests.GetPendingRequestsAsync(cancellationToken: Ct)).Ids);
    }

    [Fact]
    public async Task RejectThenRelease_FreesNftContractForANewRequest()
    {
        var nft = await chain.DeployTestNftAsync(Requester.Address);
        var id = await SubmitRequestAsync(nft);
        await chain.ExecuteAsync(chain.Operator, requests.Address,
            new SubmitResponseFunction { RequestId = id, Approved = false, EncryptedPayload = [], RejectionReason = "No capacity ✗" });
        var again = await chain.RevertOfAsync(Requester, requests.Address, new SubmitRequestFunction { NftContract = nft, EncryptedPayload = [1] });

        var receipt = await chain.ExecuteAsync(chain.Operator, requests.Address, new ReleaseAllocationFunction { NftContract = nft });

        Assert.Equal("NFT contract already has a request", again.Reason);
        Assert.Equal("No capacity ✗", (await requests.GetRequestAsync(id, cancellationToken: Ct)).RejectionReason);
        var released = receipt.SingleEvent<AllocationReleasedEvent>();
        Assert.True(released.RequestId == id && ChainSteps.SameAddress(nft, released.NftContract));
        Assert.Equal(BigInteger.Zero, await requests.GetRequestIdOfNftContractAsync(nft, cancellationToken: Ct));
        Assert.NotEqual(id, await SubmitRequestAsync(nft));
    }

    [Fact]
    public async Task SetRequestExpirationTime_ByOperator_ChangesTimeWithinBounds()
    {
        var (min, max) = await requests.GetExpirationBoundsAsync(cancellationToken: Ct);
        var original = await requests.GetRequestExpirationTimeAsync(cancellationToken: Ct);

        var receipt = await chain.ExecuteAsync(chain.Operator, requests.Address, new SetRequestExpirationTimeFunction { ExpirationTime = min * 2 });
        var changed = await requests.GetRequestExpirationTimeAsync(cancellationToken: Ct);
        await chain.ExecuteAsync(chain.Operator, requests.Address, new SetRequestExpirationTimeFunction { ExpirationTime = original });
        var tooLong = await chain.RevertOfAsync(chain.Operator, requests.Address, new SetRequestExpirationTimeFunction { ExpirationTime = max + 1 });

        Assert.Equal((new BigInteger(3600), new BigInteger(7 * 24 * 3600), new BigInteger(24 * 3600)), (min, max, original));
        Assert.Equal(min * 2, changed);
        Assert.Equal(min * 2, receipt.SingleEvent<RequestExpirationTimeUpdatedEvent>().ExpirationTime);
        Assert.Equal("Expiration time must be between 1 hour and 7 days", tooLong.Reason);
    }

    [Fact]
    public async Task MarkExpired_AfterExpiryPassed_ExpiresRequestAndBlocksLateResponse()
    {
        var nft = await chain.DeployTestNftAsync(Requester.Address);
        var id = await SubmitRequestAsync(nft);
        await chain.IncreaseTimeAsync((long)await requests.GetRequestExpirationTimeAsync(cancellationToken: Ct) + 1);

        var late = await chain.RevertOfAsync(chain.Operator, requests.Address,
            new SubmitResponseFunction { RequestId = id, Approved = true, EncryptedPayload = [1], RejectionReason = "" });
        var pendingAfterExpiry = (await requests.GetPendingRequestsAsync(cancellationToken: Ct)).Ids;
        var receipt = await chain.ExecuteAsync(Stranger, requests.Address, new MarkExpiredFunction { RequestIds = [id, 999_999] });

        Assert.Equal("Request expired", late.Reason);
        Assert.DoesNotContain(id, pendingAfterExpiry);
        Assert.Equal(id, receipt.SingleEvent<RequestExpiredEvent>().RequestId);
        Assert.Equal(RequestStatus.Expired, (await requests.GetRequestAsync(id, cancellationToken: Ct)).Status);
        Assert.Equal(BigInteger.Zero, await requests.GetRequestIdOfNftContractAsync(nft, cancellationToken: Ct));
    }

    [Fact]
    public async Task Owner_IsTheOperator_AndOwnershipCanMoveAndComeBack()
    {
        var before = await requests.GetOwnerAsync(cancellationToken: Ct);

        var there = await chain.ExecuteAsync(chain.Operator, requests.Address, new Ownable.TransferOwnershipFunction { NewOwner = Stranger.Address });
        var during = await requests.GetOwnerAsync(cancellationToken: Ct);
        await chain.ExecuteAsync(Stranger, requests.Address, new Ownable.TransferOwnershipFunction { NewOwner = chain.Operator.Address });

        Assert.True(ChainSteps.SameAddress(chain.Operator.Address, before));
        Assert.True(ChainSteps.SameAddress(Stranger.Address, during));
        var moved = there.SingleEvent<Ownable.OwnershipTransferredEvent>();
        Assert.True(ChainSteps.SameAddress(chain.Operator.Address, moved.PreviousOwner) && ChainSteps.SameAddress(Stranger.Address, moved.NewOwner));
        Assert.True(ChainSteps.SameAddress(chain.Operator.Address, await requests.GetOwnerAsync(cancellationToken: Ct)));
    }

    [Fact]
    public async Task RenounceOwnership_OfNft_LeavesNoOwnerSoRequestsRevert()
    {
        var nft = await chain.DeployTestNftAsync(Requester.Address);

        await chain.ExecuteAsync(Requester, nft, new Ownable.RenounceOwnershipFunction());

        Assert.Equal("0x0000000000000000000000000000000000000000", await new NftChecks(chain.Rpc).GetOwnerAsync(nft, Ct));
        var revert = await chain.RevertOfAsync(Requester, requests.Address, new SubmitRequestFunction { NftContract = nft, EncryptedPayload = [1] });
        Assert.Equal("Sender does not own NFT contract", revert.Reason);
    }

    private async Task<BigInteger> SubmitFreshRequestAsync() => await SubmitRequestAsync(await chain.DeployTestNftAsync(Requester.Address));

    private async Task<BigInteger> SubmitRequestAsync(string nft)
    {
        var receipt = await chain.ExecuteAsync(Requester, requests.Address,
            new SubmitRequestFunction { NftContract = nft, EncryptedPayload = ChainSteps.RandomPayload() });
        return receipt.SingleEvent<RequestSubmittedEvent>().RequestId;
    }
}

using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.TestSupport.Chain;
using static BlockhostBroker.Protocol.Contracts.BrokerRequests;

namespace BlockhostBroker.Protocol.Tests.Contracts;

/// <summary>Reverts of the real contracts surface as <see cref="ContractRevertException"/> with the exact reason, from eth_call and eth_estimateGas.</summary>
[Collection(ChainCollection.Name)]
public sealed class RevertChainTests(BrokerChain chain)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DevAccount Requester => chain.Accounts[4];
    private DevAccount Stranger => chain.Accounts[5];
    private string Requests => chain.Contracts.BrokerRequests;

    [Fact]
    public async Task SubmitRequest_FromNonOwner_RevertsWithExactReasonInCallAndEstimate()
    {
        var nft = await chain.DeployTestNftAsync(Requester.Address);
        var message = new SubmitRequestFunction { NftContract = nft, EncryptedPayload = [1, 2, 3] };
        var reader = new ContractReader(chain.Rpc, Requests);

        var call = await Assert.ThrowsAsync<ContractRevertException>(() => reader.SimulateAsync(message, Stranger.Address, cancellationToken: Ct));
        var estimate = await Assert.ThrowsAsync<ContractRevertException>(() => reader.EstimateGasAsync(message, Stranger.Address, cancellationToken: Ct));

        Assert.Equal((RevertKind.ErrorString, "Sender does not own NFT contract"), (call.Kind, call.Reason));
        Assert.Equal((RevertKind.ErrorString, "Sender does not own NFT contract"), (estimate.Kind, estimate.Reason));
        Assert.Equal("eth_estimateGas", estimate.Method);
    }

    [Fact]
    public async Task SubmitRequest_BadTargets_RevertWithTheirReasons()
    {
        var nft = await chain.DeployTestNftAsync(Requester.Address);

        var zero = await Revert(new SubmitRequestFunction { NftContract = "0x0000000000000000000000000000000000000000", EncryptedPayload = [1] });
        var empty = await Revert(new SubmitRequestFunction { NftContract = nft, EncryptedPayload = [] });
        var noCode = await Revert(new SubmitRequestFunction { NftContract = ChainSteps.RandomAddress(), EncryptedPayload = [1] });
        var notNft = await Revert(new SubmitRequestFunction { NftContract = chain.Contracts.BrokerRegistry, EncryptedPayload = [1] });

        Assert.Equal(
            ["Invalid NFT contract address", "Empty payload", "NFT contract does not exist", "Not an ERC721 contract"],
            new[] { zero, empty, noCode, notNft }.Select(e => e.Reason));
    }

    [Fact]
    public async Task SubmitResponse_InvalidCases_RevertWithTheirReasons()
    {
        var unknownId = await Revert(new SubmitResponseFunction { RequestId = 1_000_000, Approved = false, EncryptedPayload = [], RejectionReason = "x" }, chain.Operator);
        var nft = await chain.DeployTestNftAsync(Requester.Address);
        var receipt = await chain.ExecuteAsync(Requester, Requests, new SubmitRequestFunction { NftContract = nft, EncryptedPayload = [7] });
        var id = receipt.SingleEvent<RequestSubmittedEvent>().RequestId;

        var noPayload = await Revert(new SubmitResponseFunction { RequestId = id, Approved = true, EncryptedPayload = [], RejectionReason = "" }, chain.Operator);
        var notOwner = await Revert(new SubmitResponseFunction { RequestId = id, Approved = true, EncryptedPayload = [1], RejectionReason = "" }, Stranger);
        await chain.ExecuteAsync(chain.Operator, Requests, new SubmitResponseFunction { RequestId = id, Approved = false, EncryptedPayload = [], RejectionReason = "no" });
        var answered = await Revert(new SubmitResponseFunction { RequestId = id, Approved = false, EncryptedPayload = [], RejectionReason = "again" }, chain.Operator);

        Assert.Equal("Invalid request ID", unknownId.Reason);
        Assert.Equal("Approved response requires payload", noPayload.Reason);
        Assert.Equal((RevertKind.CustomError, "OwnableUnauthorizedAccount", "0x118cdaa7"), (notOwner.Kind, notOwner.ErrorName, notOwner.ErrorSelector));
        Assert.Equal("Request not pending", answered.Reason);
    }

    [Fact]
    public async Task Views_UnknownIdsAndIndexes_RevertTyped()
    {
        var requests = new BrokerRequestsService(chain.Rpc, Requests);

        var request = await Assert.ThrowsAsync<ContractRevertException>(() => requests.GetRequestAsync(0, cancellationToken: Ct));
        var index = await Assert.ThrowsAsync<ContractRevertException>(() => requests.GetRequestIdOfRequesterAsync(Stranger.Address, 5, cancellationToken: Ct));
        var release = await Revert(new ReleaseAllocationFunction { NftContract = ChainSteps.RandomAddress() }, chain.Operator);

        Assert.Equal("Invalid request ID", request.Reason);
        Assert.Equal((RevertKind.Empty, 0), (index.Kind, index.Revert.Data.Length)); // a public array getter past the end reverts without data
        Assert.Equal("No allocation for this NFT contract", release.Reason);
    }

    [Fact]
    public async Task View_OnAddressWithoutCode_ThrowsContractOutputException()
    {
        var nowhere = new BrokerRequestsService(chain.Rpc, ChainSteps.RandomAddress());

        var error = await Assert.ThrowsAsync<ContractOutputException>(() => nowhere.GetRequestCountAsync(cancellationToken: Ct));

        Assert.Equal("getRequestCount", error.Function);
    }

    private Task<ContractRevertException> Revert<TFunction>(TFunction message, DevAccount? from = null)
        where TFunction : Nethereum.Contracts.FunctionMessage, new() =>
        chain.RevertOfAsync(from ?? Requester, Requests, message);
}

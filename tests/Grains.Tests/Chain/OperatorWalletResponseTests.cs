using System.Numerics;
using System.Security.Cryptography;
using BlockhostBroker.Grains.Chain;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.TestSupport.Chain;
using Nethereum.Contracts;
using static BlockhostBroker.Grains.Tests.Chain.WalletTestKit;

namespace BlockhostBroker.Grains.Tests.Chain;

/// <summary>The wallet answering real requests on the forge-deployed BrokerRequests, whose owner is wallet 1.</summary>
[Collection(AutomineWalletCollection.Name)]
public sealed class OperatorWalletResponseTests(AutomineWalletFixture fixture)
{
    private const int PayloadLength = 100;
    private static readonly TimeSpan PastDefaultExpiry = TimeSpan.FromHours(25);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IOperatorWalletGrain Owner => fixture.Wallet(1);

    [Fact]
    public async Task Submit_RejectionOfRealRequest_IsMinedAndTheRequestReadsRejected()
    {
        var requester = fixture.Requester(1);
        var id = await SubmitRequest(requester);

        var mined = await SubmitMined(Owner, Respond(id, "Not eligible", requester));

        Assert.True(mined.Succeeded);
        var request = await ReadRequest(id);
        Assert.Equal(BrokerRequests.RequestStatus.Rejected, request.Status);
        Assert.Equal("Not eligible", request.RejectionReason);
    }

    [Fact]
    public async Task Submit_ResponseToAnsweredRequest_ReturnsRevertedRequestNotPending()
    {
        var requester = fixture.Requester(2);
        var id = await SubmitRequest(requester);
        await SubmitMined(Owner, Respond(id, "first answer", requester));

        var second = await Owner.Submit(Respond(id, "second answer", requester));

        Assert.Equal(new TxStatus.Reverted("Request not pending"), second);
    }

    [Fact]
    public async Task Submit_ResponseAfterExpiry_ReturnsRevertedRequestExpired()
    {
        var requester = fixture.Requester(3);
        var id = await SubmitRequest(requester);
        await fixture.Chain.IncreaseTimeAsync((long)PastDefaultExpiry.TotalSeconds);

        var status = await Owner.Submit(Respond(id, "too late", requester));

        Assert.Equal(new TxStatus.Reverted("Request expired"), status);
    }

    private TxIntent Respond(BigInteger requestId, string reason, DevAccount requester)
    {
        var call = new BrokerRequests.SubmitResponseFunction { RequestId = requestId, Approved = false, RejectionReason = reason };
        return new TxIntent(NewKey($"respond-{requestId}"), fixture.Requests, call.GetCallData(), TxPurpose.Rejection, requester.Address);
    }

    /// <summary>The requester deploys its own TestNFT and asks for a prefix with a random payload; returns the request id.</summary>
    private async Task<BigInteger> SubmitRequest(DevAccount requester)
    {
        var nft = await fixture.Chain.DeployTestNftAsync(requester.Address, requester);
        var call = new BrokerRequests.SubmitRequestFunction { NftContract = nft, EncryptedPayload = RandomNumberGenerator.GetBytes(PayloadLength) };
        var receipt = await fixture.Chain.SendAsync(requester, fixture.Requests, call.GetCallData());
        Assert.True(receipt.Succeeded);
        var submitted = Assert.Single(receipt.Logs, l => l.Address == fixture.Requests.ToLowerInvariant());
        return new BigInteger(Convert.FromHexString(submitted.Topics[1].AsSpan(2)), isUnsigned: true, isBigEndian: true);
    }

    private async Task<BrokerRequests.Request> ReadRequest(BigInteger id)
    {
        var call = new BrokerRequests.GetRequestFunction { RequestId = id };
        var output = await fixture.Chain.Rpc.CallAsync(new CallRequest(fixture.Requests, call.GetCallData()), BlockTag.Latest, Ct);
        return new BrokerRequests.GetRequestOutput().DecodeOutput(RpcValues.Data(output)).Request;
    }
}

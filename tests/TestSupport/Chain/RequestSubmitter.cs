using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Payloads;
using static BlockhostBroker.Protocol.Contracts.BrokerRequests;

namespace BlockhostBroker.TestSupport.Chain;

/// <summary>A request a simulated Blockhost server submitted: its id, block, NFT contract and the server's keys.</summary>
public sealed record SubmittedRequest(long Id, long Block, string NftContract, Secp256k1KeyPair ServerKey, WireGuardKeyPair WgKey);

/// <summary>
/// Plays the Blockhost server: deploys an NFT contract it owns and submits a request for it, as broker-client does.
/// The requester defaults to dev account 2 (0 deploys, 1 is the operator).
/// </summary>
public sealed class RequestSubmitter(BrokerChain chain, Secp256k1PublicKey brokerKey, DevAccount? requester = null)
{
    /// <summary>The requester: owner of every NFT contract it deploys.</summary>
    public DevAccount Requester { get; } = requester ?? chain.Accounts[2];

    /// <summary>Submits a well-formed request sealed to the broker's key.</summary>
    public Task<SubmittedRequest> SubmitValidAsync() =>
        SubmitAsync((payload, _) => PayloadSealer.SealRequest(payload, brokerKey));

    /// <summary>Submits a request; <paramref name="seal"/> turns the payload (and its NFT contract) into the on-chain bytes.</summary>
    public async Task<SubmittedRequest> SubmitAsync(Func<RequestPayload, string, byte[]> seal) =>
        await SubmitForAsync(await chain.DeployTestNftAsync(Requester.Address), seal);

    /// <summary>Submits a well-formed request for an NFT contract the requester owns already (e.g. a SwitchableNFT).</summary>
    public Task<SubmittedRequest> SubmitValidForAsync(string nft) =>
        SubmitForAsync(nft, (payload, _) => PayloadSealer.SealRequest(payload, brokerKey));

    /// <summary>Deploys a test NFT contract of the given name owned by the requester (see <see cref="AnvilChain.DeployTestNftAsync"/>).</summary>
    public Task<string> DeployNftAsync(string contract) => chain.DeployTestNftAsync(Requester.Address, contract: contract);

    /// <summary>Makes the requester send a call to one of its NFT contracts (e.g. transferOwnership); fails when it reverts.</summary>
    public async Task CallNftAsync(string nft, byte[] calldata)
    {
        var receipt = await chain.SendAsync(Requester, nft, calldata);
        Assert.True(receipt.Succeeded, $"the call to {nft} reverted: {receipt.TransactionHash}");
    }

    private async Task<SubmittedRequest> SubmitForAsync(string nft, Func<RequestPayload, string, byte[]> seal)
    {
        var serverKey = Secp256k1KeyPair.Generate();
        var wgKey = WireGuardKeyPair.Generate();
        var payload = new RequestPayload(wgKey.PublicKey, nft, serverKey.PublicKey);
        var call = ContractReader.Calldata(new SubmitRequestFunction { NftContract = nft, EncryptedPayload = seal(payload, nft) });
        var receipt = await chain.SendAsync(Requester, chain.Contracts.BrokerRequests, call);
        Assert.True(receipt.Succeeded, $"submitRequest reverted: {receipt.TransactionHash}");
        var submitted = EventLogs.DecodeAll<RequestSubmittedEvent>(receipt.Logs).Single().Event;
        return new SubmittedRequest((long)submitted.RequestId, receipt.BlockNumber, nft, serverKey, wgKey);
    }

    /// <summary>The request as the contract holds it now.</summary>
    public async Task<BrokerRequests.Request> ReadAsync(long requestId) =>
        (await new ContractReader(chain.Rpc, chain.Contracts.BrokerRequests)
            .QueryDtoAsync<GetRequestFunction, GetRequestOutput>(new GetRequestFunction { RequestId = requestId })).Request;

    /// <summary>How many ResponseSubmitted events the contract emitted for a request, over the whole chain.</summary>
    public async Task<int> CountResponsesAsync(long requestId)
    {
        var head = await chain.Rpc.GetBlockNumberAsync();
        var logs = await chain.Rpc.GetLogsAsync(
            EventLogs.Filter<ResponseSubmittedEvent>(chain.Contracts.BrokerRequests, 0, head, (System.Numerics.BigInteger)requestId));
        return logs.Count;
    }
}

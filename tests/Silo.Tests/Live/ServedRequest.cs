using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Payloads;
using BlockhostBroker.TestSupport.Chain;
using static BlockhostBroker.Protocol.Contracts.BrokerRequests;

namespace BlockhostBroker.Silo.Tests.Live;

/// <summary>A request a simulated Blockhost server put on-chain: its id, NFT contract and WireGuard key.</summary>
public sealed record ServedRequest(long Id, string NftContract, WireGuardKeyPair WgKey)
{
    /// <summary>Deploys an NFT contract owned by <paramref name="server"/> and submits a request for it, sealed to the broker's key.</summary>
    public static async Task<ServedRequest> SubmitAsync(RunningBroker broker, DevAccount server)
    {
        var chain = broker.Chain;
        var nft = await chain.DeployTestNftAsync(server.Address);
        var wgKey = WireGuardKeyPair.Generate();
        var payload = new RequestPayload(wgKey.PublicKey, nft, Secp256k1KeyPair.Generate().PublicKey);
        var call = BrokerRequestsService.SubmitRequestCalldata(nft, PayloadSealer.SealRequest(payload, broker.EciesKey.PublicKey));
        var receipt = await chain.SendAsync(server, chain.Contracts.BrokerRequests, call);
        Assert.True(receipt.Succeeded, $"submitRequest reverted: {receipt.TransactionHash}");
        var submitted = EventLogs.DecodeAll<RequestSubmittedEvent>(receipt.Logs).Single().Event;
        return new ServedRequest((long)submitted.RequestId, nft, wgKey);
    }
}

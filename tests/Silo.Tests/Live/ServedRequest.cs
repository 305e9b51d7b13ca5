using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.TestSupport.Chain;

namespace BlockhostBroker.Silo.Tests.Live;

/// <summary>A request a simulated Blockhost server put on-chain: its id, NFT contract and WireGuard key.</summary>
public sealed record ServedRequest(long Id, string NftContract, WireGuardKeyPair WgKey)
{
    /// <summary>Deploys an NFT contract owned by <paramref name="server"/> and submits a request for it, sealed to the broker's key.</summary>
    public static async Task<ServedRequest> SubmitAsync(RunningBroker broker, DevAccount server)
    {
        var request = await new RequestSubmitter(broker.Chain, broker.EciesKey.PublicKey, server).SubmitValidAsync();
        return new ServedRequest(request.Id, request.NftContract, request.WgKey);
    }
}

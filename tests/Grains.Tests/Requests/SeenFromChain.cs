using BlockhostBroker.Grains.Requests;
using BlockhostBroker.TestSupport.Chain;

namespace BlockhostBroker.Grains.Tests.Requests;

/// <summary>Hands a submitted request over the way the chain watcher would.</summary>
internal static class SeenFromChain
{
    /// <summary>The request as the contract holds it now, in the form the watcher gives a RequestGrain.</summary>
    public static async Task<SeenRequest> SeenAsync(this RequestSubmitter server, SubmittedRequest request)
    {
        var onChain = await server.ReadAsync(request.Id);
        return new SeenRequest(request.Id, onChain.Requester, onChain.NftContract, onChain.EncryptedPayload, (long)onChain.SubmittedAt, request.Block);
    }
}

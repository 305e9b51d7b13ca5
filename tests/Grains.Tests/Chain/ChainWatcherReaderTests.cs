using BlockhostBroker.Grains.Chain;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.TestSupport.Chain;

namespace BlockhostBroker.Grains.Tests.Chain;

public sealed class ChainWatcherReaderTests(BrokerChain chain) : IClassFixture<BrokerChain>
{
    // Regression: the watcher's catch-up read getPendingRequests at the head, so a restarted broker took up requests
    // with fewer confirmations than configured; one that a reorg then dropped left its id to another request.
    [Fact]
    public async Task ReadPending_AtTheBlockBeforeTheRequest_DoesNotListIt()
    {
        var server = new RequestSubmitter(chain, Secp256k1KeyPair.Generate().PublicKey);
        var request = await server.SubmitValidAsync();
        var reader = new ChainWatcherReader(chain.Rpc, chain.Contracts.BrokerRequests, _ => { });

        var before = await reader.ReadPending(request.Block - 1);
        var at = await reader.ReadPending(request.Block);

        Assert.DoesNotContain(before, r => r.RequestId == request.Id);
        var seen = Assert.Single(at, r => r.RequestId == request.Id);
        Assert.Equal(request.NftContract, seen.NftContract, ignoreCase: true);
    }
}

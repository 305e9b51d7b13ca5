using BlockhostBroker.Grains.Requests;

namespace BlockhostBroker.Grains.Tests.Requests;

/// <summary>Test data for request workflow tests.</summary>
internal static class RequestBuilder
{
    /// <summary>A requester address.</summary>
    public const string Requester = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    /// <summary>An NFT contract address.</summary>
    public const string NftContract = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    /// <summary>A request as the watcher would hand it over.</summary>
    public static SeenRequest Seen(long id) => new(id, Requester, NftContract, [0x04, 1, 2], SubmittedAt: 1_700_000_000, BlockNumber: 10);
}

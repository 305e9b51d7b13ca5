using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.TestSupport.Chain;
using static BlockhostBroker.Protocol.Contracts.BrokerRequests;

namespace BlockhostBroker.Protocol.Tests.Contracts;

/// <summary>Event filters carry cast's signature topics and ABI-encoded indexed values.</summary>
public sealed class EventLogsTests
{
    [Fact]
    public async Task SignatureTopic_OfEachRequestsEvent_EqualsCastKeccak()
    {
        var expected = await Task.WhenAll(
            Cast.RunAsync("keccak", "RequestSubmitted(uint256,address,address,bytes)"),
            Cast.RunAsync("keccak", "ResponseSubmitted(uint256,uint8,bytes)"),
            Cast.RunAsync("keccak", "RequestExpired(uint256)"));

        string[] ours = [EventLogs.SignatureTopic<RequestSubmittedEvent>(), EventLogs.SignatureTopic<ResponseSubmittedEvent>(), EventLogs.SignatureTopic<RequestExpiredEvent>()];

        Assert.Equal(expected, ours);
    }

    [Fact]
    public void Filter_WithIndexedValues_EncodesTopicsInOrderAndDropsTrailingWildcards()
    {
        const string requester = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

        var filter = EventLogs.Filter<RequestSubmittedEvent>("0x5FbDB2315678afecb367f032d93F642f64180aa3", 5, 9,
            new object[] { new System.Numerics.BigInteger(1), new System.Numerics.BigInteger(2) }, requester, null);

        Assert.Equal((5L, 9L, 5L), (filter.FromBlock, filter.ToBlock, filter.BlockCount));
        Assert.Equal(3, filter.Topics.Count);
        Assert.Equal(["0x" + new string('0', 63) + "1", "0x" + new string('0', 63) + "2"], filter.Topics[1]!);
        Assert.Equal(["0x000000000000000000000000" + requester[2..].ToLowerInvariant()], filter.Topics[2]!);
        Assert.Throws<ArgumentException>(() => EventLogs.Filter<RequestExpiredEvent>("0x5FbDB2315678afecb367f032d93F642f64180aa3", 0, 1, 1, 2));
    }
}

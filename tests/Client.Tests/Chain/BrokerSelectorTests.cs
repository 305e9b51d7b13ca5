using System.Numerics;
using BlockhostBroker.Client.Chain;
using BlockhostBroker.Client.Cli;
using BlockhostBroker.Protocol.Keys;

namespace BlockhostBroker.Client.Tests.Chain;

/// <summary>The choice rule alone; the registry reads behind it are tested against anvil in ListAndStatusTests and RequestCommandTests.</summary>
public sealed class BrokerSelectorTests
{
    private static readonly string Key = Secp256k1KeyPair.Generate().PublicKey.ToHex();

    private static BrokerListing Broker(ulong id, int capacity, int load, string? key = null) =>
        new(id, "0x0000000000000000000000000000000000000001", "0x0000000000000000000000000000000000000002", key ?? Key, "eu", true,
            new BigInteger(capacity), new BigInteger(load), DateTimeOffset.UnixEpoch);

    [Fact]
    public void Choose_UnlimitedAndLimited_PrefersUnlimited()
    {
        var chosen = BrokerSelector.Choose([Broker(1, capacity: 100, load: 0), Broker(2, capacity: 0, load: 50)], null);

        Assert.Equal(2UL, chosen.Id);
    }

    [Fact]
    public void Choose_TwoLimited_PrefersMoreFreeSlots()
    {
        var chosen = BrokerSelector.Choose([Broker(1, capacity: 10, load: 9), Broker(2, capacity: 10, load: 3)], null);

        Assert.Equal(2UL, chosen.Id);
    }

    [Fact]
    public void Choose_EqualRoom_PrefersLowestId()
    {
        var chosen = BrokerSelector.Choose([Broker(7, capacity: 0, load: 1), Broker(3, capacity: 0, load: 9)], null);

        Assert.Equal(3UL, chosen.Id);
    }

    [Fact]
    public void Choose_OnlyFullOrKeylessBrokers_ThrowsNoActiveBroker()
    {
        var error = Assert.Throws<NoActiveBrokerException>(() =>
            BrokerSelector.Choose([Broker(1, capacity: 2, load: 2), Broker(2, capacity: 0, load: 0, key: "04abcd")], "eu"));

        Assert.Contains("capacity", error.Message);
    }

    [Fact]
    public void Choose_NoBrokers_ThrowsNoActiveBrokerNamingTheRegion()
    {
        var error = Assert.Throws<NoActiveBrokerException>(() => BrokerSelector.Choose([], "mars"));

        Assert.Contains("mars", error.Message);
    }
}

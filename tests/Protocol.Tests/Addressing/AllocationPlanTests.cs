using System.Net;
using BlockhostBroker.Protocol.Addressing;

namespace BlockhostBroker.Protocol.Tests.Addressing;

/// <summary>The broker's carving of its upstream: reserved index 0, the gateway, capacities and index mapping.</summary>
public sealed class AllocationPlanTests
{
    private static AllocationPlan Plan(string upstream, int length = AllocationPlan.DefaultAllocationLength) =>
        new(Ipv6Prefix.Parse(upstream), length);

    [Fact]
    public void Gateway_Upstream48With120_IsTheFirstHostOfIndexZero()
    {
        var plan = Plan("2001:db8:f04::/48");

        Assert.Equal(IPAddress.Parse("2001:db8:f04::1"), plan.Gateway);
        Assert.Equal("2001:db8:f04::/120", plan.ReservedPrefix.ToString());
    }

    [Fact]
    public void PrefixAt_FirstAllocatableIndex_IsTheSecondPrefix()
    {
        var plan = Plan("2001:db8:f04::/48");

        Assert.Equal("2001:db8:f04::100/120", plan.PrefixAt(AllocationPlan.FirstAllocatableIndex).ToString());
    }

    [Fact]
    public void UsableCapacity_Small_IsCapacityMinusTheReservedPrefix()
    {
        var plan = Plan("2001:db8::/116");

        Assert.Equal(16, (int)plan.Capacity);
        Assert.Equal(15, plan.UsableCapacityCapped);
    }

    [Fact]
    public void UsableCapacity_Beyond64Bits_IsCappedAtLongMaxValue()
    {
        var plan = Plan("2001:db8:f04::/48");

        Assert.True(plan.Capacity > long.MaxValue);
        Assert.Equal(long.MaxValue, plan.UsableCapacityCapped);
    }

    [Fact]
    public void IndexOf_RandomIndices_RoundTripWithPrefixAt()
    {
        var plan = Plan("2001:db8:f04::/48");
        var random = new Random(120);
        for (var i = 0; i < 5_000; i++)
        {
            var index = random.NextInt64(0, long.MaxValue);

            Assert.Equal(index, plan.IndexOf(plan.PrefixAt(index)));
        }
        Assert.Equal(long.MaxValue, plan.IndexOf(plan.PrefixAt(long.MaxValue)));
    }

    [Fact]
    public void IndexOf_LastPrefixOfSmallUpstream_IsCapacityMinusOne()
    {
        var plan = Plan("2001:db8::/116");

        Assert.Equal(15, plan.IndexOf(Ipv6Prefix.Parse("2001:db8::f00/120")));
        Assert.Throws<SubnetOutOfRangeException>(() => plan.PrefixAt(16));
    }

    [Fact]
    public void IndexOf_IndexBeyondLong_Throws()
    {
        var plan = Plan("2001:db8:f04::/48");

        Assert.Throws<SubnetOutOfRangeException>(() => plan.IndexOf(Ipv6Prefix.Parse("2001:db8:f04:ffff:ffff:ffff:ffff:ff00/120")));
    }

    [Theory]
    [InlineData("2001:db8::/120")]
    [InlineData("2001:db8::/64")]
    public void IndexOf_WrongSizeOrOutside_Throws(string prefix)
    {
        var plan = Plan("2001:db8:f04::/48");

        Assert.Throws<SubnetOutOfRangeException>(() => plan.IndexOf(Ipv6Prefix.Parse(prefix)));
    }

    [Theory]
    [InlineData("2001:db8::/120", 120)]
    [InlineData("2001:db8::/64", 48)]
    [InlineData("2001:db8::/64", 128)]
    public void Constructor_AllocationSizeThatDoesNotFit_ThrowsNamingBothSizes(string upstream, int length)
    {
        var error = Assert.Throws<AllocationPlanException>(() => Plan(upstream, length));

        Assert.Contains($"/{length}", error.Message);
    }

    [Fact]
    public void PrefixAt_NegativeIndex_Throws()
    {
        Assert.Throws<SubnetOutOfRangeException>(() => Plan("2001:db8::/48").PrefixAt(-1));
    }
}
